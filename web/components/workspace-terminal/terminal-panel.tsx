"use client";

import { ChevronDown, ChevronUp, ClipboardCopy, ClipboardPaste, Plug, SquareTerminal, Unplug } from "lucide-react";
import dynamic from "next/dynamic";
import { useCallback, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Panel, PanelHeader } from "@/components/ui/panel";
import type { EntryView } from "@/lib/workspaces/view";
import type { TerminalStatus } from "./terminal-connection";
import { useTerminalSync } from "./use-terminal-sync";
import type { XtermShellHandle } from "./xterm-shell";

const XtermShell = dynamic(() => import("./xterm-shell").then((m) => m.XtermShell), {
  ssr: false,
  loading: () => <div className="h-full w-full bg-editor" />,
});

/** A finger-sized target (44 px) on a phone; the desktop keeps the compact header. */
const touch = "max-sm:min-h-11 max-sm:min-w-11";

const statusText: Record<TerminalStatus, string> = {
  idle: "Not started",
  connecting: "Starting…",
  connected: "Connected",
  reconnecting: "Reconnecting...",
  reconnected: "Reconnected",
  paused: "Session paused to save resources",
  disconnected: "Disconnected",
  ended: "Ended",
};

export type TerminalPanelProps = {
  workspaceId: string;
  /** Saves the editor's changes (before a command runs, so the sandbox has them). */
  flushEditor: () => Promise<void>;
  /** Whether the editor changed anything since `markSynced` last ran. */
  editorChanged: () => boolean;
  markSynced: () => void;
  /** Files the terminal changed were saved: refresh the explorer and open tabs. */
  onFilesChanged: (pulled: string[], entries: EntryView[] | undefined) => void;
};

/** A shell in the learner's own sandbox beside the editor: opened on request, files kept in step while open. */
export function TerminalPanel(props: TerminalPanelProps) {
  const [open, setOpen] = useState(false);
  const [started, setStarted] = useState(false);
  const [status, setStatus] = useState<TerminalStatus>("idle");
  const [message, setMessage] = useState<string | undefined>();
  const [screenReader, setScreenReader] = useState(false);
  const [tabMovesFocus, setTabMovesFocus] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const shell = useRef<XtermShellHandle | null>(null);
  const panelRef = useRef<HTMLElement>(null);

  const live = status === "connected" || status === "reconnected" || status === "reconnecting";
  const { syncNow, needsSync } = useTerminalSync({
    workspaceId: props.workspaceId,
    active: started && live,
    onPulled: props.onFilesChanged,
  });
  const { flushEditor, editorChanged, markSynced } = props;
  const beforeEnter = useCallback(async () => {
    if (editorChanged()) {
      await flushEditor();
      markSynced();
    } else if (!needsSync()) return;
    await syncNow();
  }, [flushEditor, editorChanged, markSynced, syncNow, needsSync]);

  const leave = useCallback((direction: 1 | -1) => {
    const panel = panelRef.current;
    if (!panel) return;
    const focusable = [
      ...document.querySelectorAll<HTMLElement>("a[href], button:not([disabled]), input, select, textarea"),
    ].filter((el) => !el.closest(".xterm") && el.offsetParent !== null);
    const after = focusable.filter((el) => panel.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    const before = focusable.filter((el) => panel.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
    const header = panel.querySelector<HTMLElement>("button");
    const target = direction === 1 ? (after[0] ?? header) : (header ?? before.at(-1));
    target?.focus();
  }, []);

  const start = () => {
    setOpen(true);
    if (!started) setStarted(true);
    else if (status === "disconnected" || status === "ended" || status === "paused") shell.current?.connect();
    requestAnimationFrame(() => shell.current?.focus());
  };

  return (
    <Panel ref={panelRef} aria-label="Terminal" data-testid="terminal-panel">
      <PanelHeader icon={<SquareTerminal aria-hidden />} title="Terminal">
        {started && (
          <span role="status" data-testid="terminal-status" className="px-1.5 text-xs text-muted-foreground">
            {statusText[status]}
          </span>
        )}
        {started && open && (
          <>
            <Button
              variant="ghost"
              size="sm"
              className={touch}
              aria-label="Copy the selected text"
              title="Copy (Ctrl+Shift+C)"
              onClick={async () => setNote((await shell.current?.copySelection()) ? "Copied." : "Select text first.")}
            >
              <ClipboardCopy aria-hidden />
            </Button>
            <Button
              variant="ghost"
              size="sm"
              className={touch}
              aria-label="Paste"
              title="Paste (Ctrl+Shift+V)"
              onClick={async () => {
                const text = await navigator.clipboard?.readText().catch(() => "");
                if (text) shell.current?.paste(text);
                else setNote("Use Ctrl+V to paste here.");
                shell.current?.focus();
              }}
            >
              <ClipboardPaste aria-hidden />
            </Button>
            <label className="flex items-center gap-1 px-1 text-xs text-muted-foreground max-sm:min-h-11 max-sm:gap-2 max-sm:px-2">
              <input
                type="checkbox"
                className="max-sm:size-5"
                data-testid="terminal-screen-reader"
                checked={screenReader}
                onChange={(e) => {
                  setScreenReader(e.target.checked);
                  shell.current?.setScreenReaderMode(e.target.checked);
                }}
              />
              Screen reader
            </label>
          </>
        )}
        {started && (live || status === "connecting") ? (
          <Button
            variant="ghost"
            size="sm"
            className={touch}
            data-testid="terminal-disconnect"
            onClick={() => shell.current?.disconnect()}
          >
            <Unplug aria-hidden />
            Disconnect
          </Button>
        ) : (
          <Button variant="secondary" size="sm" className={touch} data-testid="terminal-connect" onClick={start}>
            <Plug aria-hidden />
            {started ? "Connect" : "Open terminal"}
          </Button>
        )}
        {started && (
          <Button
            variant="ghost"
            size="sm"
            className={touch}
            aria-expanded={open}
            aria-label={open ? "Hide the terminal" : "Show the terminal"}
            data-testid="terminal-toggle"
            onClick={() => setOpen((o) => !o)}
          >
            {open ? <ChevronDown aria-hidden /> : <ChevronUp aria-hidden />}
          </Button>
        )}
      </PanelHeader>
      {started && (
        <div className={open ? "flex flex-col" : "hidden"}>
          {(message || note) && (status === "paused" || status === "ended" || status === "disconnected" || note) && (
            <p
              data-testid="terminal-message"
              className="border-b border-border px-3 py-1.5 text-xs text-muted-foreground"
            >
              {note ?? message}
              {(status === "paused" || status === "ended") && " Type a command or press Connect to carry on."}
            </p>
          )}
          <div className="h-72 bg-editor p-1.5 lg:h-80">
            <XtermShell
              onStatus={(next, text) => {
                setStatus(next);
                setMessage(text);
                setNote(null);
              }}
              beforeEnter={beforeEnter}
              onLeave={leave}
              onTabModeChange={setTabMovesFocus}
              onReady={(handle) => {
                shell.current = handle;
                handle.focus();
              }}
            />
          </div>
          <p className="px-3 py-1 text-[11px] text-muted-foreground">
            Your files are saved as you work here. Press Escape twice to leave the terminal
            {tabMovesFocus ? "; Tab now moves focus (Ctrl+M to switch back)." : ", or Ctrl+M to let Tab move focus."}
          </p>
        </div>
      )}
    </Panel>
  );
}
