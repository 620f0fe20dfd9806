"use client";

import "@xterm/xterm/css/xterm.css";
import { FitAddon } from "@xterm/addon-fit";
import { WebglAddon } from "@xterm/addon-webgl";
import { Terminal } from "@xterm/xterm";
import { useEffect, useRef } from "react";
import { currentTerminalTheme, terminalFont } from "@/components/terminal/terminal-theme";
import { TerminalConnection, type TerminalStatus } from "./terminal-connection";

export type XtermShellHandle = {
  connect(): void;
  disconnect(): void;
  focus(): void;
  copySelection(): Promise<boolean>;
  paste(text: string): void;
  setScreenReaderMode(on: boolean): void;
};

type XtermShellProps = {
  onStatus: (status: TerminalStatus, message?: string) => void;
  /** Called before a line is sent (Enter): the editor's changes reach the sandbox first. */
  beforeEnter: () => Promise<void>;
  /** Focus leaves the terminal (Escape twice, or Tab once Ctrl+M switched Tab to moving focus). */
  onLeave: (direction: 1 | -1) => void;
  onTabModeChange: (tabMovesFocus: boolean) => void;
  onReady: (handle: XtermShellHandle) => void;
};

const leaveWithinMs = 600;

/** An interactive xterm.js wired to the learner's shell. Load it through ./workspace-terminal: xterm needs the DOM. */
export function XtermShell({ onStatus, beforeEnter, onLeave, onTabModeChange, onReady }: XtermShellProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const props = useRef({ onStatus, beforeEnter, onLeave, onTabModeChange, onReady });
  props.current = { onStatus, beforeEnter, onLeave, onTabModeChange, onReady };

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const terminal = new Terminal({
      ...terminalFont,
      theme: currentTerminalTheme(),
      cursorBlink: true,
      scrollback: 5000,
      allowProposedApi: false,
      rightClickSelectsWord: true,
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(host);
    try {
      const webgl = new WebglAddon();
      webgl.onContextLoss(() => webgl.dispose());
      terminal.loadAddon(webgl);
    } catch {
      // No WebGL2: xterm keeps its DOM renderer.
    }
    // Tests read the screen through this (the WebGL renderer draws no text into the DOM).
    (host as HTMLDivElement & { xterm?: Terminal }).xterm = terminal;

    const fitNow = () => {
      // Hidden or mid-layout, the proposal is undefined or tiny: keep the last good size (never NaN, never 1 column).
      if (host.clientWidth < 40 || host.clientHeight < 20) return;
      const dims = fit.proposeDimensions();
      if (!dims || !Number.isFinite(dims.cols) || !Number.isFinite(dims.rows)) return;
      const cols = Math.max(20, Math.floor(dims.cols));
      const rows = Math.max(4, Math.floor(dims.rows));
      if (cols !== terminal.cols || rows !== terminal.rows) terminal.resize(cols, rows);
    };

    const connection = new TerminalConnection({
      write: (data, done) => terminal.write(data, done),
      status: (status, message) => props.current.onStatus(status, message),
      size: () => ({ rows: terminal.rows, cols: terminal.cols }),
    });
    const resizeListener = terminal.onResize((size) => connection.resize(size));

    // Input waits while the editor's changes go to the sandbox, so the command Enter runs sees them.
    let chain = Promise.resolve();
    const dataListener = terminal.onData((data) => {
      if (!data.includes("\r")) {
        chain = chain.then(() => connection.input(data));
        return;
      }
      chain = chain
        .then(() =>
          Promise.race([props.current.beforeEnter(), new Promise<void>((resolve) => setTimeout(resolve, 3_000))]),
        )
        .catch(() => {})
        .then(() => connection.input(data));
    });

    let tabMovesFocus = false;
    let lastEscape = 0;
    terminal.attachCustomKeyEventHandler((event) => {
      if (event.type !== "keydown") return true;
      if (event.ctrlKey && !event.shiftKey && !event.altKey && event.key.toLowerCase() === "m") {
        tabMovesFocus = !tabMovesFocus;
        props.current.onTabModeChange(tabMovesFocus);
        event.preventDefault();
        return false;
      }
      if (tabMovesFocus && event.key === "Tab") {
        props.current.onLeave(event.shiftKey ? -1 : 1);
        event.preventDefault();
        return false;
      }
      if (event.key === "Escape") {
        const now = Date.now();
        if (now - lastEscape < leaveWithinMs) {
          lastEscape = 0;
          props.current.onLeave(1);
          return false;
        }
        lastEscape = now;
        return true;
      }
      const key = event.key.toLowerCase();
      // Ctrl+Shift+C copies; Ctrl+C copies too while text is selected (otherwise it interrupts, as in any terminal).
      if (event.ctrlKey && key === "c" && (event.shiftKey || terminal.hasSelection())) {
        void navigator.clipboard?.writeText(terminal.getSelection()).catch(() => {});
        terminal.clearSelection();
        event.preventDefault();
        return false;
      }
      // Ctrl+V / Ctrl+Shift+V: let the browser's paste event reach xterm.
      if (event.ctrlKey && key === "v") return false;
      return true;
    });

    const observer = new ResizeObserver(() => requestAnimationFrame(fitNow));
    observer.observe(host);
    const themeObserver = new MutationObserver(() => {
      terminal.options.theme = currentTerminalTheme();
    });
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    const onOffline = () => connection.offline();
    const onOnline = () => connection.online();
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);

    fitNow();
    connection.connect();
    props.current.onReady({
      connect: () => connection.connect(),
      disconnect: () => connection.disconnect(),
      focus: () => terminal.focus(),
      copySelection: async () => {
        if (!terminal.hasSelection()) return false;
        await navigator.clipboard.writeText(terminal.getSelection());
        return true;
      },
      paste: (text) => terminal.paste(text),
      setScreenReaderMode: (on) => {
        terminal.options.screenReaderMode = on;
      },
    });

    return () => {
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      observer.disconnect();
      themeObserver.disconnect();
      resizeListener.dispose();
      dataListener.dispose();
      connection.dispose();
      terminal.dispose();
    };
  }, []);

  return <div ref={hostRef} data-testid="terminal-screen" className="h-full w-full" />;
}
