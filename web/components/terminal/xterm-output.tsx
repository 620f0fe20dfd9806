"use client";

import "@xterm/xterm/css/xterm.css";
import { FitAddon } from "@xterm/addon-fit";
import { WebglAddon } from "@xterm/addon-webgl";
import { Terminal } from "@xterm/xterm";
import { useEffect, useRef } from "react";
import { useTerminalTheme } from "@/components/theme/terminal-theme";

const HIDE_CURSOR = "\x1b[?25l";
const SHOW_CURSOR = "\x1b[?25h";

export type OutputTerminalProps = {
  /** Everything the terminal should show, ANSI colours included. */
  text: string;
  /** Called with the terminal's width in columns whenever it changes. */
  onColumnsChange?: (columns: number) => void;
  /** Set while the program reads input: keys typed into the terminal go here (xterm's data: "\r", "\x7f", ...). */
  onData?: (data: string) => void;
  /** Becomes true when the program asks for input: the terminal takes the focus, with a cursor. */
  focused?: boolean;
};

/** xterm.js view of `text`, which takes typing while `onData` is set. Load it through ./output-terminal. */
export function XtermOutput({ text, onColumnsChange, onData, focused = false }: OutputTerminalProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const onColumnsChangeRef = useRef(onColumnsChange);
  useEffect(() => {
    onColumnsChangeRef.current = onColumnsChange;
  }, [onColumnsChange]);
  const onDataRef = useRef(onData);
  useEffect(() => {
    onDataRef.current = onData;
  }, [onData]);
  const terminalRef = useRef<Terminal | null>(null);
  const theme = useTerminalTheme();
  const themeRef = useRef(theme);
  useEffect(() => {
    themeRef.current = theme;
    if (terminalRef.current) terminalRef.current.options.theme = theme;
  }, [theme]);
  const writtenRef = useRef("");

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const terminal = new Terminal({
      convertEol: true,
      disableStdin: false,
      cursorBlink: false,
      cursorInactiveStyle: "none",
      fontFamily: 'ui-monospace, "JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 13,
      lineHeight: 1.35,
      scrollback: 5000,
      theme: themeRef.current,
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    const resizeListener = terminal.onResize(({ cols }) => onColumnsChangeRef.current?.(cols));
    const dataListener = terminal.onData((data) => onDataRef.current?.(data));
    terminal.open(host);
    // xterm 6 has no canvas renderer: WebGL where it draws, else xterm's DOM renderer (see webglFits).
    let webgl: WebglAddon | null = null;
    let webglFailed = false;
    const chooseRenderer = (entry: ResizeObserverEntry | undefined) => {
      const fits = entry !== undefined && webglFits(entry);
      if (fits && !webgl && !webglFailed) {
        try {
          const addon = new WebglAddon();
          addon.onContextLoss(() => {
            addon.dispose();
            webgl = null;
            webglFailed = true;
          });
          terminal.loadAddon(addon);
          webgl = addon;
        } catch {
          // No WebGL2 (old GPU, disabled acceleration): the DOM renderer stays.
          webglFailed = true;
        }
      } else if (!fits && webgl) {
        webgl.dispose();
        webgl = null;
        terminal.refresh(0, terminal.rows - 1);
      }
    };
    fitSafely(fit);
    onColumnsChangeRef.current?.(terminal.cols);

    let frame = 0;
    const observer = new ResizeObserver(([entry]) => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        chooseRenderer(entry);
        fitSafely(fit);
      });
    });
    observer.observe(host);

    terminal.write(HIDE_CURSOR);
    terminalRef.current = terminal;
    writtenRef.current = "";
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      resizeListener.dispose();
      dataListener.dispose();
      terminalRef.current = null;
      terminal.dispose();
    };
  }, []);

  // Runs after the effect above on mount, so a terminal that loads late still gets the current text.
  useEffect(() => {
    const terminal = terminalRef.current;
    if (!terminal) return;
    const written = writtenRef.current;
    const erased = written.startsWith(text) ? written.slice(text.length) : null;
    if (text.startsWith(written)) {
      terminal.write(text.slice(written.length));
    } else if (erased !== null && !erased.includes("\n") && !erased.includes("\x1b")) {
      // Backspace while typing input: rub out the last characters where they were drawn.
      terminal.write("\b \b".repeat(Array.from(erased).length));
    } else {
      terminal.reset();
      terminal.write(HIDE_CURSOR + text);
    }
    writtenRef.current = text;
  }, [text]);

  useEffect(() => {
    const terminal = terminalRef.current;
    if (!terminal) return;
    terminal.options.cursorInactiveStyle = focused ? "outline" : "none";
    terminal.write(focused ? SHOW_CURSOR : HIDE_CURSOR);
    if (focused) terminal.focus();
  }, [focused]);

  return <div ref={hostRef} className="output-terminal h-full w-full" />;
}

/**
 * WebGL sizes its canvas from ResizeObserver's device-pixel box. Where that box disagrees with the CSS box times
 * devicePixelRatio (headless Chromium emulating a ratio of 2 or 3 reports CSS pixels there), the canvas is
 * drawn at the wrong scale and shows nothing; the DOM renderer draws right everywhere.
 */
function webglFits(entry: ResizeObserverEntry): boolean {
  const device = entry.devicePixelContentBoxSize?.[0];
  if (!device) return true;
  return Math.abs(device.inlineSize - entry.contentRect.width * window.devicePixelRatio) <= 2;
}

// fit() measures the DOM; while the panel is hidden or mid-layout it can throw, and the next resize fixes it.
function fitSafely(fit: FitAddon) {
  try {
    fit.fit();
  } catch {
    // Retried on the next resize.
  }
}
