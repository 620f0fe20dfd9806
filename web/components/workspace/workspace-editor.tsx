"use client";

import { CircleAlert, FolderTree, RotateCcw } from "lucide-react";
import dynamic from "next/dynamic";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { EditorLoading } from "@/components/editor/editor-loading";
import { OutputPanel } from "@/components/run/output-panel";
import { RunButton, RunErrorAlert, RunShortcutHint, StopButton } from "@/components/run/run-controls";
import { RunStatusBadge } from "@/components/run/run-status-badge";
import { StdinPanel } from "@/components/run/stdin-panel";
import { useRunner } from "@/components/run/use-runner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Panel, PanelHeader } from "@/components/ui/panel";
import { TerminalPanel } from "@/components/workspace-terminal/terminal-panel";
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
  // Most lessons read with input(): show the Input box from the start when the opened file does.
  const [stdinOpen, setStdinOpen] = useState(() => /\binput\s*\(/.test(props.opened?.content ?? ""));
  const [doomed, setDoomed] = useState<EntryView | null>(null);
  const [resetOpen, setResetOpen] = useState(false);
  const [runFile, setRunFile] = useState<string | null>(null);

  const runnable = ws.entries.filter((e) => e.kind === "file" && /\.(py|js)$/.test(e.path)).map((e) => e.path);
  const target = runFile && runnable.includes(runFile) ? runFile : ws.entry;

  // Every changed file is saved first: the run reads the workspace from the server.
  const targetRef = useRef(target);
  targetRef.current = target;
  const runner = useRunner(async () => {
    await ws.flush();
    return { workspaceId: props.workspaceId, entry: targetRef.current };
  });

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

  // The terminal syncs the editor's saves into the sandbox before a command runs: it asks whether any happened.
  const tabStamp = ws.tabs.map((t) => `${t.path}:${t.version}:${t.state}`).join("|");
  const stampRef = useRef(tabStamp);
  stampRef.current = tabStamp;
  const syncedStamp = useRef(tabStamp);
  const onTerminalFiles = useCallback(
    (_pulled: string[], entries: EntryView[] | undefined) => {
      if (ws.tabs.every((t) => t.state === "saved")) void ws.reload();
      else if (entries) ws.showEntries(entries);
    },
    [ws.tabs, ws.reload, ws.showEntries],
  );

  const activeTab = ws.tabs.find((t) => t.path === ws.active);
  const saving = ws.tabs.some((t) => t.state === "saving" || t.state === "dirty");
  const unsaved = ws.tabs.some((t) => t.state === "error" || t.state === "conflict");

  return (
    <div className="flex min-w-0 flex-col gap-3" data-testid="workspace" data-workspace-id={props.workspaceId}>
      <Panel id="code" aria-label="Code" className="scroll-mt-4">
        <PanelHeader icon={<FolderTree aria-hidden />} title={props.title}>
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
                  onRun={() => void runner.runCode()}
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
        <StdinPanel value={runner.stdin} onChange={runner.setStdin} open={stdinOpen} onOpenChange={setStdinOpen} />
        <div className="flex flex-wrap items-center gap-2 border-t border-border bg-card-header px-3 py-2.5">
          <RunButton
            runner={runner}
            variant="secondary"
            title="Run your program (Ctrl+Enter)"
            className="min-h-11 min-w-24"
          />
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
          <StopButton runner={runner} variant="ghost" labelClassName="hidden sm:inline" />
          <RunShortcutHint className="xl:inline-flex" />
          <RunStatusBadge state={runner.state} />
          <div className="ml-auto flex">{props.actions?.(ws.flush)}</div>
        </div>
      </Panel>

      <RunErrorAlert runner={runner} />
      {ws.error && (
        <Alert tone="danger" data-testid="workspace-error">
          <CircleAlert aria-hidden />
          <p className="flex-1">{ws.error}</p>
          <button type="button" onClick={ws.dismissError} className="text-xs underline-offset-2 hover:underline">
            Dismiss
          </button>
        </Alert>
      )}
      {props.children}

      <TerminalPanel
        workspaceId={props.workspaceId}
        flushEditor={ws.flush}
        editorChanged={() => stampRef.current !== syncedStamp.current}
        markSynced={() => {
          syncedStamp.current = stampRef.current;
        }}
        onFilesChanged={onTerminalFiles}
      />

      <OutputPanel runner={runner} terminalClassName="h-56 lg:h-64">
        <Button variant="ghost" size="sm" onClick={runner.clear} disabled={runner.busy} aria-label="Clear output">
          Clear
        </Button>
      </OutputPanel>

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
