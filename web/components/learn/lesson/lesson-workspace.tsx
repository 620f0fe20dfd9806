"use client";

import {
  CircleAlert,
  FileCode,
  ListChecks,
  LoaderCircle,
  Play,
  RotateCcw,
  Square,
  SquareTerminal,
  UserPlus,
} from "lucide-react";
import type { editor } from "monaco-editor";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { EditorLoading } from "@/components/playground/editor-loading";
import { RunImages } from "@/components/playground/run-images";
import { RunStatusBadge } from "@/components/playground/run-status-badge";
import { StdinPanel } from "@/components/playground/stdin-panel";
import { buildTranscript, toAnsi, toPlainText } from "@/components/playground/transcript";
import { useExecution } from "@/components/playground/use-execution";
import { useIsMac, useQuotaBlock } from "@/components/playground/use-run-helpers";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { ConfirmResetDialog } from "./confirm-reset-dialog";
import { PanelHeader } from "./panel-header";
import { SaveIndicator } from "./save-indicator";
import { type NextStep, SubmissionResults } from "./submission-results";
import { useDraftAutosave } from "./use-draft-autosave";
import { useSubmission } from "./use-submission";

// Both touch `window` when their module loads, so they are never rendered on the server.
const CodeEditor = dynamic(() => import("@/components/playground/code-editor").then((m) => m.CodeEditor), {
  ssr: false,
  loading: () => <EditorLoading />,
});
const OutputTerminal = dynamic(() => import("@/components/playground/output-terminal").then((m) => m.OutputTerminal), {
  ssr: false,
  loading: () => <div className="h-full w-full bg-editor" />,
});

type LessonWorkspaceProps = {
  exerciseId: string;
  starter: string;
  draft: string | null;
  signedIn: boolean;
  next: NextStep;
  mapHref: string;
  signUpHref: string;
};

/** The editor with Run (try it, output below) and Check my answer (graded against hidden tests). */
export function LessonWorkspace({
  exerciseId,
  starter,
  draft,
  signedIn,
  next,
  mapHref,
  signUpHref,
}: LessonWorkspaceProps) {
  const router = useRouter();
  const initialCode = draft ?? starter;
  const codeRef = useRef(initialCode);
  const editorRef = useRef<editor.IStandaloneCodeEditor | null>(null);
  const outputRef = useRef<HTMLElement>(null);
  const resultsRef = useRef<HTMLDivElement>(null);

  const autosave = useDraftAutosave({ exerciseId, enabled: signedIn, initialCode, hadDraft: draft !== null });
  const { state: runState, run, stop, clear, busy } = useExecution();
  const runBlocked = useQuotaBlock(runState);
  const [stdin, setStdin] = useState("");
  // Most lessons read with input(): show the Input box from the start, as the lesson text refers to it.
  const [stdinOpen, setStdinOpen] = useState(() => /\binput\s*\(/.test(starter));
  const [ranWithStdin, setRanWithStdin] = useState(false);
  const [runAlertDismissed, setRunAlertDismissed] = useState(false);
  const [terminalColumns, setTerminalColumns] = useState(80);
  const isMac = useIsMac();

  // A pass changes the map (this exercise done, maybe the next unlocked): fetch the page's server data again.
  const {
    state: submitState,
    submit,
    checking,
  } = useSubmission(exerciseId, (submission) => {
    if (submission.status === "pass") router.refresh();
  });

  const [resetOpen, setResetOpen] = useState(false);
  const [resetPending, setResetPending] = useState(false);

  const onCodeChange = useCallback(
    (value: string) => {
      codeRef.current = value;
      autosave.schedule(value);
    },
    [autosave.schedule],
  );

  const runCode = useCallback(() => {
    if (runBlocked) return;
    setRanWithStdin(stdin.length > 0);
    setRunAlertDismissed(false);
    void run({ code: codeRef.current, stdin });
    if (window.matchMedia("(max-width: 1023px)").matches) {
      outputRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
    }
  }, [run, stdin, runBlocked]);

  const checkAnswer = useCallback(() => {
    void autosave.flush();
    void submit(codeRef.current);
  }, [autosave.flush, submit]);

  // The results panel appears below the editor: bring it into view when a check starts.
  useEffect(() => {
    if (submitState.phase === "checking" && submitState.status === null) {
      requestAnimationFrame(() => resultsRef.current?.scrollIntoView({ behavior: "smooth", block: "nearest" }));
    }
  }, [submitState]);

  // Ctrl/Cmd+Enter anywhere on the page; inside the editor Monaco handles it and stops the event first.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
      event.preventDefault();
      runCode();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [runCode]);

  const confirmReset = async () => {
    setResetPending(true);
    await autosave.discard(starter);
    codeRef.current = starter;
    const instance = editorRef.current;
    const model = instance?.getModel();
    if (instance && model) {
      // An edit rather than setValue, so Ctrl+Z still brings the learner's code back.
      instance.pushUndoStop();
      instance.executeEdits("reset", [{ range: model.getFullModelRange(), text: starter }]);
      instance.pushUndoStop();
    }
    setResetPending(false);
    setResetOpen(false);
    instance?.focus();
  };

  const segments = useMemo(() => buildTranscript(runState, ranWithStdin), [runState, ranWithStdin]);
  const ansi = useMemo(() => toAnsi(segments, terminalColumns), [segments, terminalColumns]);
  const plainText = useMemo(() => toPlainText(segments), [segments]);

  return (
    <div className="flex min-w-0 flex-col gap-3">
      <section
        id="code"
        aria-label="Code"
        className="flex min-h-0 scroll-mt-4 flex-col overflow-hidden rounded-xl border border-border bg-card shadow-lg shadow-black/20"
      >
        <PanelHeader icon={<FileCode aria-hidden />} title="main.py">
          {signedIn && <SaveIndicator state={autosave.saveState} />}
          <Button
            data-testid="reset-button"
            variant="ghost"
            size="sm"
            onClick={() => setResetOpen(true)}
            aria-label="Reset to starter code"
          >
            <RotateCcw aria-hidden />
            <span className="hidden sm:inline">Reset</span>
          </Button>
        </PanelHeader>
        <div data-testid="editor" className="relative h-[45dvh] min-h-72 bg-editor lg:h-[46dvh]">
          <CodeEditor
            defaultValue={initialCode}
            onChange={onCodeChange}
            onRun={runCode}
            onReady={(instance) => {
              editorRef.current = instance;
            }}
          />
        </div>
        <StdinPanel value={stdin} onChange={setStdin} open={stdinOpen} onOpenChange={setStdinOpen} />
        <div className="flex flex-wrap items-center gap-2 border-t border-border bg-card-header px-3 py-2.5">
          <Button
            data-testid="run-button"
            variant="secondary"
            onClick={runCode}
            disabled={busy || runBlocked}
            aria-busy={busy}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            title={runBlocked ? "You have reached your run limit for now" : "Try your program (Ctrl+Enter)"}
            className="order-1 min-w-24 flex-1 sm:flex-none"
          >
            {busy ? (
              <LoaderCircle aria-hidden className="animate-spin" />
            ) : (
              <Play aria-hidden className="fill-current" />
            )}
            {busy ? "Running…" : "Run"}
          </Button>
          {busy && (
            <Button
              data-testid="stop-button"
              variant="ghost"
              onClick={() => void stop()}
              aria-label="Stop the program"
              className="order-3 sm:order-1"
            >
              <Square aria-hidden className="fill-current" />
              <span className="hidden sm:inline">Stop</span>
            </Button>
          )}
          <span className="order-1 hidden items-center gap-1 text-xs text-muted-foreground xl:inline-flex" aria-hidden>
            <Kbd>{isMac ? "⌘" : "Ctrl"}</Kbd>
            <Kbd>⏎</Kbd>
          </span>
          <span className="order-3 flex sm:order-1">
            <RunStatusBadge state={runState} />
          </span>
          <div
            className={
              signedIn ? "order-2 flex flex-1 sm:ml-auto sm:flex-none" : "order-2 basis-full sm:ml-auto sm:basis-auto"
            }
          >
            {signedIn ? (
              <Button
                data-testid="submit-button"
                onClick={checkAnswer}
                disabled={checking}
                aria-busy={checking}
                className="min-w-40 flex-1"
              >
                {checking ? <LoaderCircle aria-hidden className="animate-spin" /> : <ListChecks aria-hidden />}
                {checking ? "Checking…" : "Check my answer"}
              </Button>
            ) : (
              <Button
                asChild
                variant="secondary"
                className="h-auto min-h-9 w-full border-primary/40 py-1.5 whitespace-normal text-primary hover:text-primary-hover sm:w-auto"
              >
                <Link href={signUpHref} data-testid="sign-up-to-submit">
                  <UserPlus aria-hidden />
                  Sign up to submit and save your progress
                </Link>
              </Button>
            )}
          </div>
        </div>
      </section>

      {runState.phase === "failed" && !runAlertDismissed && (
        <Alert tone="danger" data-testid="run-error">
          <CircleAlert aria-hidden />
          <p className="flex-1">{runState.message}</p>
          <button
            type="button"
            onClick={() => setRunAlertDismissed(true)}
            className="rounded text-xs font-medium text-danger-foreground/80 underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
          >
            Dismiss
          </button>
        </Alert>
      )}

      {submitState.phase !== "idle" && (
        <div ref={resultsRef} className="scroll-mt-4">
          <SubmissionResults state={submitState} next={next} mapHref={mapHref} />
        </div>
      )}

      <section
        ref={outputRef}
        aria-label="Output"
        className="flex min-h-0 scroll-mt-4 flex-col overflow-hidden rounded-xl border border-border bg-card shadow-lg shadow-black/20"
      >
        <PanelHeader icon={<SquareTerminal aria-hidden />} title="Output">
          <Button variant="ghost" size="sm" onClick={clear} disabled={busy} aria-label="Clear output">
            Clear
          </Button>
        </PanelHeader>
        <div data-testid="output" aria-hidden className="h-56 bg-editor py-2 pr-1 pl-3 lg:h-64">
          <OutputTerminal text={ansi} onColumnsChange={setTerminalColumns} />
        </div>
        {/* The terminal draws on a canvas; this mirror is what screen readers and e2e tests read. */}
        <pre data-testid="output-text" className="sr-only">
          {plainText}
        </pre>
        <RunImages images={runState.phase === "finished" ? runState.execution.images : []} />
      </section>

      <ConfirmResetDialog
        open={resetOpen}
        pending={resetPending}
        onCancel={() => setResetOpen(false)}
        onConfirm={() => void confirmReset()}
      />
    </div>
  );
}
