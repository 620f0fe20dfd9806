"use client";

import { CircleAlert, LoaderCircle, Play, RotateCcw, Square, SquareTerminal } from "lucide-react";
import dynamic from "next/dynamic";
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { PanelHeader } from "@/components/learn/lesson/panel-header";
import { EditorLoading } from "@/components/playground/editor-loading";
import { RunImages } from "@/components/playground/run-images";
import { RunStatusBadge } from "@/components/playground/run-status-badge";
import { StdinPanel } from "@/components/playground/stdin-panel";
import { buildTranscript, toAnsi, toPlainText } from "@/components/playground/transcript";
import { useExecution } from "@/components/playground/use-execution";
import { useQuotaBlock } from "@/components/playground/use-run-helpers";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { EntryView } from "@/lib/workspaces/view";
import { resetWorkspace } from "./api";
import { ConfirmDialog, ConflictDialog } from "./dialogs";
import { EditorTabs } from "./editor-tabs";
import { FileExplorer } from "./file-explorer";
import { useWorkspace } from "./use-workspace";
import type { EditorHandle } from "./workspace-monaco";

const Monaco = dynamic(() => import("./workspace-monaco").then((m) => m.WorkspaceMonaco), {
  ssr: false,
  loading: () => <EditorLoading />,
});
const OutputTerminal = dynamic(() => import("@/components/playground/output-terminal").then((m) => m.OutputTerminal), {
  ssr: false,
  loading: () => <div className="h-full w-full bg-editor" />,
});

export type WorkspaceEditorProps = {
  workspaceId: string;
  title: string;
  entries: EntryView[];
  entry: string;
  opened: { path: string; content: string; version: number; readOnly: boolean } | null;
  /** Lessons can be reset to their starter files. */
  resettable: boolean;
  /** Extra actions beside Run (Check my answer), given a way to save every file first. */
  actions?: (flush: () => Promise<void>) => ReactNode;
  children?: ReactNode;
};

/** Files of a workspace: explorer, tabs, Monaco with autosave per file, Run from the entry file, output. */
export function WorkspaceEditor(props: WorkspaceEditorProps) {
  const editorRef = useRef<EditorHandle | null>(null);
  const setText = useCallback((path: string, text: string) => editorRef.current?.setText(path, text), []);
  const ws = useWorkspace({ ...props, setText });
  const { state: runState, run, stop, clear, busy } = useExecution();
  const runBlocked = useQuotaBlock(runState);
  const [stdin, setStdin] = useState("");
  const [stdinOpen, setStdinOpen] = useState(false);
  const [columns, setColumns] = useState(80);
  const [doomed, setDoomed] = useState<EntryView | null>(null);
  const [resetOpen, setResetOpen] = useState(false);
  const [runFile, setRunFile] = useState<string | null>(null);

  const runnable = ws.entries.filter((e) => e.kind === "file" && /\.(py|js)$/.test(e.path)).map((e) => e.path);
  const target = runFile && runnable.includes(runFile) ? runFile : ws.entry;

  const runCode = useCallback(async () => {
    if (runBlocked || busy) return;
    await ws.flush();
    void run({ workspaceId: props.workspaceId, entry: target, stdin });
  }, [runBlocked, busy, ws.flush, run, props.workspaceId, target, stdin]);

  // A tab left open elsewhere reloads clean files when the learner comes back to this one.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible" && ws.tabs.every((t) => t.state === "saved")) void ws.reload();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [ws.tabs, ws.reload]);

  const confirmReset = async () => {
    setResetOpen(false);
    try {
      await ws.reload(await resetWorkspace(props.workspaceId));
    } catch {
      await ws.reload();
    }
  };

  const segments = useMemo(() => buildTranscript(runState, stdin.length > 0), [runState, stdin]);
  const activeTab = ws.tabs.find((t) => t.path === ws.active);
  const saving = ws.tabs.some((t) => t.state === "saving" || t.state === "dirty");
  const unsaved = ws.tabs.some((t) => t.state === "error" || t.state === "conflict");

  return (
    <div className="flex min-w-0 flex-col gap-3" data-testid="workspace" data-workspace-id={props.workspaceId}>
      <section
        aria-label="Code"
        id="code"
        className="flex min-h-0 flex-col overflow-hidden rounded-xl border border-border bg-card shadow-lg shadow-black/20"
      >
        <PanelHeader icon={<SquareTerminal aria-hidden />} title={props.title}>
          <span role="status" data-testid="save-state" className="px-1.5 text-xs text-muted-foreground">
            {unsaved ? "Not saved yet" : saving ? "Saving…" : "Saved"}
          </span>
          {props.resettable && (
            <Button data-testid="reset-button" variant="ghost" size="sm" onClick={() => setResetOpen(true)}>
              <RotateCcw aria-hidden />
              Reset lesson
            </Button>
          )}
        </PanelHeader>
        <div className="grid min-h-0 grid-cols-1 md:grid-cols-[13rem_minmax(0,1fr)]">
          <div className="max-h-56 border-b border-border md:max-h-none md:border-r md:border-b-0">
            <FileExplorer
              entries={ws.entries}
              active={ws.active}
              entryFile={ws.entry}
              onOpen={(path) => void ws.open(path)}
              onCreate={ws.create}
              onRename={ws.rename}
              onDelete={setDoomed}
            />
          </div>
          <div className="flex min-w-0 flex-col">
            <EditorTabs tabs={ws.tabs} active={ws.active} onSelect={ws.setActive} onClose={(p) => void ws.close(p)} />
            <div data-testid="editor" className="relative h-[45dvh] min-h-72 bg-editor">
              {activeTab ? (
                <Monaco
                  workspaceId={props.workspaceId}
                  path={activeTab.path}
                  initialText={ws.textOf}
                  readOnly={activeTab.readOnly}
                  openPaths={ws.tabs.map((t) => t.path)}
                  onChange={ws.edit}
                  onRun={() => void runCode()}
                  onReady={(handle) => {
                    editorRef.current = handle;
                  }}
                />
              ) : (
                <p className="p-6 text-sm text-muted-foreground">Open a file from the list to edit it.</p>
              )}
            </div>
          </div>
        </div>
        <StdinPanel value={stdin} onChange={setStdin} open={stdinOpen} onOpenChange={setStdinOpen} />
        <div className="flex flex-wrap items-center gap-2 border-t border-border bg-card-header px-3 py-2.5">
          <Button
            data-testid="run-button"
            variant="secondary"
            onClick={() => void runCode()}
            disabled={busy || runBlocked}
            aria-busy={busy}
            className="min-h-11 min-w-24"
          >
            {busy ? (
              <LoaderCircle aria-hidden className="animate-spin" />
            ) : (
              <Play aria-hidden className="fill-current" />
            )}
            {busy ? "Running…" : "Run"}
          </Button>
          <label className="flex items-center gap-1.5 text-xs text-muted-foreground">
            <span>File to run</span>
            <select
              data-testid="run-file"
              value={target}
              onChange={(e) => setRunFile(e.target.value)}
              className="h-8 rounded-md border border-border bg-secondary px-2 text-sm text-foreground"
            >
              {(runnable.includes(target) ? runnable : [target, ...runnable]).map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          {busy && (
            <Button data-testid="stop-button" variant="ghost" onClick={() => void stop()} aria-label="Stop the program">
              <Square aria-hidden className="fill-current" />
            </Button>
          )}
          <RunStatusBadge state={runState} />
          <div className="ml-auto flex">{props.actions?.(ws.flush)}</div>
        </div>
      </section>

      {(ws.error || runState.phase === "failed") && (
        <Alert tone="danger" data-testid="workspace-error">
          <CircleAlert aria-hidden />
          <p className="flex-1">{ws.error ?? (runState.phase === "failed" ? runState.message : "")}</p>
          {ws.error && (
            <button type="button" onClick={ws.dismissError} className="text-xs underline-offset-2 hover:underline">
              Dismiss
            </button>
          )}
        </Alert>
      )}
      {props.children}

      <section
        aria-label="Output"
        className="flex min-h-0 flex-col overflow-hidden rounded-xl border border-border bg-card shadow-lg shadow-black/20"
      >
        <PanelHeader icon={<SquareTerminal aria-hidden />} title="Output">
          <Button variant="ghost" size="sm" onClick={clear} disabled={busy} aria-label="Clear output">
            Clear
          </Button>
        </PanelHeader>
        <div data-testid="output" aria-hidden className="h-56 bg-editor py-2 pr-1 pl-3">
          <OutputTerminal text={toAnsi(segments, columns)} onColumnsChange={setColumns} />
        </div>
        <pre data-testid="output-text" className="sr-only">
          {toPlainText(segments)}
        </pre>
        <RunImages images={runState.phase === "finished" ? runState.execution.images : []} />
      </section>

      <ConfirmDialog
        open={doomed !== null}
        testId="delete-dialog"
        title={`Delete ${doomed?.path ?? ""}?`}
        description={
          doomed?.kind === "folder" ? "The folder and every file in it are deleted." : "The file is deleted for good."
        }
        confirm="Delete"
        onCancel={() => setDoomed(null)}
        onConfirm={() => {
          if (doomed) void ws.remove(doomed.path);
          setDoomed(null);
        }}
      />
      <ConfirmDialog
        open={resetOpen}
        testId="reset-dialog"
        title="Reset this lesson?"
        description="Every file goes back to how the lesson started, and files you added are deleted."
        confirm="Reset lesson"
        onCancel={() => setResetOpen(false)}
        onConfirm={() => void confirmReset()}
      />
      <ConflictDialog path={ws.conflict?.path ?? null} onChoose={(choice) => void ws.resolveConflict(choice)} />
    </div>
  );
}
