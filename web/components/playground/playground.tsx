"use client";

import { CircleAlert, Eraser, FileCode, LoaderCircle, Play, RotateCcw, Square, SquareTerminal } from "lucide-react";
import type { editor } from "monaco-editor";
import dynamic from "next/dynamic";
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { EditorLoading } from "./editor-loading";
import { RunImages } from "./run-images";
import { RunStatusBadge } from "./run-status-badge";
import { STARTER_PROGRAM } from "./starter-program";
import { StdinPanel } from "./stdin-panel";
import { buildTranscript, toAnsi, toPlainText } from "./transcript";
import { useExecution } from "./use-execution";
import { useIsMac, useQuotaBlock } from "./use-run-helpers";

// Both touch `window` when their module loads, so they are never rendered on the server.
const CodeEditor = dynamic(() => import("./code-editor").then((m) => m.CodeEditor), {
  ssr: false,
  loading: () => <EditorLoading />,
});
const OutputTerminal = dynamic(() => import("./output-terminal").then((m) => m.OutputTerminal), {
  ssr: false,
  loading: () => <div className="h-full w-full bg-editor" />,
});

export function Playground() {
  const { state, run, stop, clear, busy } = useExecution();
  const blocked = useQuotaBlock(state);
  const [stdin, setStdin] = useState("");
  const [stdinOpen, setStdinOpen] = useState(false);
  const [ranWithStdin, setRanWithStdin] = useState(false);
  const [alertDismissed, setAlertDismissed] = useState(false);
  const [terminalColumns, setTerminalColumns] = useState(80);
  const isMac = useIsMac();

  const codeRef = useRef(STARTER_PROGRAM);
  const editorRef = useRef<editor.IStandaloneCodeEditor | null>(null);
  const outputRef = useRef<HTMLElement>(null);

  const runCode = useCallback(() => {
    if (blocked) return;
    setRanWithStdin(stdin.length > 0);
    setAlertDismissed(false);
    void run({ code: codeRef.current, stdin });
    // Stacked layout: the output sits below the editor, so bring it into view.
    if (window.matchMedia("(max-width: 1023px)").matches) {
      outputRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
    }
  }, [run, stdin, blocked]);

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

  const resetCode = () => {
    const instance = editorRef.current;
    const model = instance?.getModel();
    if (!instance || !model) return;
    // An edit rather than setValue, so Ctrl+Z brings the learner's code back.
    instance.pushUndoStop();
    instance.executeEdits("reset", [{ range: model.getFullModelRange(), text: STARTER_PROGRAM }]);
    instance.pushUndoStop();
    instance.focus();
  };

  const segments = useMemo(() => buildTranscript(state, ranWithStdin), [state, ranWithStdin]);
  const ansi = useMemo(() => toAnsi(segments, terminalColumns), [segments, terminalColumns]);
  const plainText = useMemo(() => toPlainText(segments), [segments]);

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      <div className="sticky top-0 z-10 -mx-3 flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-border bg-background/85 px-3 py-2.5 backdrop-blur sm:static sm:mx-0 sm:rounded-xl sm:border sm:bg-card sm:px-3">
        <Button
          data-testid="run-button"
          onClick={runCode}
          disabled={busy || blocked}
          aria-busy={busy}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          title={blocked ? "You have reached your run limit for now" : undefined}
          className="min-w-28"
        >
          {busy ? <LoaderCircle aria-hidden className="animate-spin" /> : <Play aria-hidden className="fill-current" />}
          {busy ? "Running…" : "Run"}
        </Button>
        {busy && (
          <Button
            data-testid="stop-button"
            variant="secondary"
            onClick={() => void stop()}
            aria-label="Stop the program"
          >
            <Square aria-hidden className="fill-current" />
            Stop
          </Button>
        )}
        <span className="hidden items-center gap-1 text-xs text-muted-foreground sm:inline-flex" aria-hidden>
          <Kbd>{isMac ? "⌘" : "Ctrl"}</Kbd>
          <Kbd>⏎</Kbd>
        </span>
        <RunStatusBadge state={state} />
        <div className="ml-auto flex items-center gap-1">
          <Button variant="ghost" size="sm" onClick={resetCode} aria-label="Reset code to the example">
            <RotateCcw aria-hidden />
            <span className="hidden sm:inline">Reset</span>
          </Button>
          <Button variant="ghost" size="sm" onClick={clear} disabled={busy} aria-label="Clear output">
            <Eraser aria-hidden />
            <span className="hidden sm:inline">Clear</span>
          </Button>
        </div>
      </div>

      {state.phase === "failed" && !alertDismissed && (
        <Alert tone="danger" data-testid="run-error">
          <CircleAlert aria-hidden />
          <p className="flex-1">{state.message}</p>
          <button
            type="button"
            onClick={() => setAlertDismissed(true)}
            className="rounded text-xs font-medium text-danger-foreground/80 underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
          >
            Dismiss
          </button>
        </Alert>
      )}

      <div className="grid min-h-0 flex-1 gap-3 lg:grid-cols-2">
        <section
          aria-label="Code"
          className="flex min-h-0 flex-col overflow-hidden rounded-xl border border-border bg-card shadow-lg shadow-black/20"
        >
          <PanelHeader icon={<FileCode aria-hidden />} title="main.py" detail="Python 3" />
          <div data-testid="editor" className="relative h-[50dvh] min-h-72 bg-editor lg:h-auto lg:min-h-0 lg:flex-1">
            <CodeEditor
              defaultValue={STARTER_PROGRAM}
              onChange={(value) => {
                codeRef.current = value;
              }}
              onRun={runCode}
              onReady={(instance) => {
                editorRef.current = instance;
              }}
            />
          </div>
          <StdinPanel value={stdin} onChange={setStdin} open={stdinOpen} onOpenChange={setStdinOpen} />
        </section>

        <section
          ref={outputRef}
          aria-label="Output"
          className="flex min-h-0 scroll-mt-16 flex-col overflow-hidden rounded-xl border border-border bg-card shadow-lg shadow-black/20"
        >
          <PanelHeader icon={<SquareTerminal aria-hidden />} title="Output" detail="stdout · stderr" />
          <div
            data-testid="output"
            aria-hidden
            className="h-[40dvh] min-h-64 bg-editor py-2 pl-3 pr-1 lg:h-auto lg:min-h-0 lg:flex-1"
          >
            <OutputTerminal text={ansi} onColumnsChange={setTerminalColumns} />
          </div>
          {/* The terminal draws on a canvas; this mirror is what screen readers and e2e tests read. */}
          <pre data-testid="output-text" className="sr-only">
            {plainText}
          </pre>
          <RunImages images={state.phase === "finished" ? state.execution.images : []} />
        </section>
      </div>
    </div>
  );
}

function PanelHeader({ icon, title, detail }: { icon: ReactNode; title: string; detail: string }) {
  return (
    <div className="flex h-10 shrink-0 items-center gap-2 border-b border-border bg-card-header px-3 text-sm [&_svg]:size-4 [&_svg]:text-muted-foreground">
      {icon}
      <h2 className="font-medium text-foreground">{title}</h2>
      <span className="ml-auto text-xs text-muted-foreground">{detail}</span>
    </div>
  );
}
