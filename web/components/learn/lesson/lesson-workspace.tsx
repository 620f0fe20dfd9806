"use client";

import { FileCode, RotateCcw, UserPlus } from "lucide-react";
import type { editor } from "monaco-editor";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { CodeEditor, replaceCode } from "@/components/editor/code-editor";
import { OutputPanel } from "@/components/run/output-panel";
import { RunButton, RunErrorAlert, RunShortcutHint, StopButton } from "@/components/run/run-controls";
import { RunStatusBadge } from "@/components/run/run-status-badge";
import { StdinPanel } from "@/components/run/stdin-panel";
import { useRunner } from "@/components/run/use-runner";
import { Button } from "@/components/ui/button";
import { Panel, PanelHeader } from "@/components/ui/panel";
import { CheckButtons } from "./check-buttons";
import { ConfirmResetDialog } from "./confirm-reset-dialog";
import { ExampleResults } from "./example-results";
import { SaveIndicator } from "./save-indicator";
import { type NextStep, SubmissionResults } from "./submission-results";
import { useDraftAutosave } from "./use-draft-autosave";
import { type SubmitMode, useSubmission } from "./use-submission";

type LessonWorkspaceProps = {
  exerciseId: string;
  starter: string;
  draft: string | null;
  signedIn: boolean;
  next: NextStep;
  mapHref: string;
  signUpHref: string;
};

/** The editor with Run (try it, output below) and Check my answer (graded against the exercise's tests). */
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
  const resultsRef = useRef<HTMLDivElement>(null);

  const autosave = useDraftAutosave({ exerciseId, enabled: signedIn, initialCode, hadDraft: draft !== null });
  const runner = useRunner(() => codeRef.current);
  // Most lessons read with input(): show the Input box from the start, as the lesson text refers to it.
  const [stdinOpen, setStdinOpen] = useState(() => /\binput\s*\(/.test(starter));

  // A pass changes the map (this exercise done, maybe the next unlocked): fetch the page's server data again.
  const {
    state: submitState,
    submit,
    checking,
    mode,
  } = useSubmission(exerciseId, (submission, finished) => {
    if (submission.status === "pass" && finished === "answer") router.refresh();
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

  const checkAnswer = useCallback(
    (check: SubmitMode) => {
      void autosave.flush();
      void submit(codeRef.current, check);
    },
    [autosave.flush, submit],
  );

  // The results panel appears below the editor: bring it into view when a check starts.
  useEffect(() => {
    if (submitState.phase === "checking" && submitState.status === null) {
      requestAnimationFrame(() => resultsRef.current?.scrollIntoView({ behavior: "smooth", block: "nearest" }));
    }
  }, [submitState]);

  const confirmReset = async () => {
    setResetPending(true);
    await autosave.discard(starter);
    codeRef.current = starter;
    const instance = editorRef.current;
    if (instance) replaceCode(instance, starter);
    setResetPending(false);
    setResetOpen(false);
    instance?.focus();
  };

  return (
    <div className="flex min-w-0 flex-col gap-3">
      <Panel id="code" aria-label="Code" className="scroll-mt-4">
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
        <div data-testid="editor" className="relative h-[45dvh] min-h-72 bg-editor lg:h-[40dvh] lg:min-h-64">
          <CodeEditor
            defaultValue={initialCode}
            onChange={onCodeChange}
            onRun={runner.runCode}
            onReady={(instance) => {
              editorRef.current = instance;
            }}
          />
        </div>
        <StdinPanel value={runner.stdin} onChange={runner.setStdin} open={stdinOpen} onOpenChange={setStdinOpen} />
        <div className="flex flex-wrap items-center gap-2 border-t border-border bg-card-header px-3 py-2.5">
          <RunButton
            runner={runner}
            variant="secondary"
            title="Try your program (Ctrl+Enter)"
            className="order-1 min-h-11 min-w-24 flex-1 sm:flex-none"
          />
          <StopButton
            runner={runner}
            variant="ghost"
            labelClassName="hidden sm:inline"
            className="order-3 min-h-11 sm:order-1"
          />
          <RunShortcutHint className="order-1 xl:inline-flex" />
          <span className="order-3 flex sm:order-1">
            <RunStatusBadge state={runner.state} />
          </span>
          <div
            className={
              signedIn ? "order-2 flex flex-1 sm:ml-auto sm:flex-none" : "order-2 basis-full sm:ml-auto sm:basis-auto"
            }
          >
            {signedIn ? (
              <CheckButtons busy={checking ? mode : null} onCheck={checkAnswer} className="flex-1" />
            ) : (
              <Button
                asChild
                variant="secondary"
                className="h-auto min-h-11 w-full border-primary/40 py-1.5 whitespace-normal text-primary hover:text-primary-hover sm:w-auto"
              >
                <Link href={signUpHref} data-testid="sign-up-to-submit">
                  <UserPlus aria-hidden />
                  Sign up to submit and save your progress
                </Link>
              </Button>
            )}
          </div>
        </div>
      </Panel>

      <RunErrorAlert runner={runner} />

      {submitState.phase !== "idle" && (
        <div ref={resultsRef} className="scroll-mt-4">
          {mode === "examples" ? (
            <ExampleResults state={submitState} />
          ) : (
            <SubmissionResults state={submitState} next={next} mapHref={mapHref} />
          )}
        </div>
      )}

      <OutputPanel runner={runner} className="scroll-mt-4" terminalClassName="h-56 lg:h-64">
        <Button variant="ghost" size="sm" onClick={runner.clear} disabled={runner.busy} aria-label="Clear output">
          Clear
        </Button>
      </OutputPanel>

      <ConfirmResetDialog
        open={resetOpen}
        pending={resetPending}
        onCancel={() => setResetOpen(false)}
        onConfirm={() => void confirmReset()}
      />
    </div>
  );
}
