"use client";

import "@xterm/xterm/css/xterm.css";
import { FitAddon } from "@xterm/addon-fit";
import { WebglAddon } from "@xterm/addon-webgl";
import { Terminal } from "@xterm/xterm";
import { useEffect, useRef } from "react";
import { darkTerminalTheme } from "./terminal-theme";

const HIDE_CURSOR = "\x1b[?25l";

type OutputTerminalProps = {
  /** Everything the terminal should show, ANSI colours included. */
  text: string;
  /** Called with the terminal's width in columns whenever it changes. */
  onColumnsChange?: (columns: number) => void;
};

/** Read-only xterm.js view of `text`. Load it through ./output-terminal: xterm needs the DOM. */
export function XtermOutput({ text, onColumnsChange }: OutputTerminalProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const onColumnsChangeRef = useRef(onColumnsChange);
  useEffect(() => {
    onColumnsChangeRef.current = onColumnsChange;
  }, [onColumnsChange]);
  const terminalRef = useRef<Terminal | null>(null);
  const writtenRef = useRef("");

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const terminal = new Terminal({
      convertEol: true,
      disableStdin: true,
      cursorBlink: false,
      cursorInactiveStyle: "none",
      fontFamily: 'ui-monospace, "JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 13,
      lineHeight: 1.35,
      scrollback: 5000,
      // The cursor in the background's colour: this view only shows output.
      theme: { ...darkTerminalTheme, cursor: darkTerminalTheme.background },
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    const resizeListener = terminal.onResize(({ cols }) => onColumnsChangeRef.current?.(cols));
    terminal.open(host);
    // xterm 6 has no canvas renderer: use WebGL when the browser has it, otherwise xterm keeps its DOM renderer.
    try {
      const webgl = new WebglAddon();
      webgl.onContextLoss(() => webgl.dispose());
      terminal.loadAddon(webgl);
    } catch {
      // No WebGL2 (old GPU, disabled acceleration): the DOM renderer is already active.
    }
    fitSafely(fit);
    onColumnsChangeRef.current?.(terminal.cols);

    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => fitSafely(fit));
    });
    observer.observe(host);

    terminal.write(HIDE_CURSOR);
    terminalRef.current = terminal;
    writtenRef.current = "";
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      resizeListener.dispose();
      terminalRef.current = null;
      terminal.dispose();
    };
  }, []);

  // Runs after the effect above on mount, so a terminal that loads late still gets the current text.
  useEffect(() => {
    const terminal = terminalRef.current;
    if (!terminal) return;
    const written = writtenRef.current;
    if (text.startsWith(written)) {
      terminal.write(text.slice(written.length));
    } else {
      terminal.reset();
      terminal.write(HIDE_CURSOR + text);
    }
    writtenRef.current = text;
  }, [text]);

  return <div ref={hostRef} className="output-terminal h-full w-full" />;
}

// fit() measures the DOM; while the panel is hidden or mid-layout it can throw, and the next resize fixes it.
function fitSafely(fit: FitAddon) {
  try {
    fit.fit();
  } catch {
    // Retried on the next resize.
  }
}
