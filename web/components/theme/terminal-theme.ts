"use client";

import type { ITheme } from "@xterm/xterm";
import { type Theme, usePageTheme } from "./theme";

// The output panel's and the terminal's colours, one set per page theme. ANSI colours stay readable on each
// background: the light set darkens them, as a light terminal profile does.
export const terminalThemes: Record<Theme, ITheme> = {
  dark: {
    background: "#0b0f17",
    foreground: "#e6eaf2",
    cursor: "#5eead4",
    cursorAccent: "#0b0f17",
    selectionBackground: "#5eead44d",
    black: "#1f2837",
    red: "#f87171",
    green: "#4ade80",
    yellow: "#fbbf24",
    blue: "#7cb4ff",
    magenta: "#e879f9",
    cyan: "#67e8f9",
    white: "#e6eaf2",
    brightBlack: "#8b96a9",
    brightRed: "#fca5a5",
    brightGreen: "#86efac",
    brightYellow: "#fde68a",
    brightBlue: "#a5c8ff",
    brightMagenta: "#f0abfc",
    brightCyan: "#a5f3fc",
    brightWhite: "#ffffff",
  },
  light: {
    background: "#fbfcfe",
    foreground: "#0f172a",
    cursor: "#047857",
    cursorAccent: "#fbfcfe",
    selectionBackground: "#0369a133",
    black: "#0f172a",
    red: "#b91c1c",
    green: "#15803d",
    yellow: "#a16207",
    blue: "#1d4ed8",
    magenta: "#a21caf",
    cyan: "#0e7490",
    white: "#cbd5e1",
    brightBlack: "#64748b",
    brightRed: "#dc2626",
    brightGreen: "#16a34a",
    brightYellow: "#b45309",
    brightBlue: "#2563eb",
    brightMagenta: "#c026d3",
    brightCyan: "#0891b2",
    brightWhite: "#1e293b",
  },
};

/**
 * The xterm theme for the page's theme now. Pass it to `new Terminal({ theme })` and, when it changes, set
 * `terminal.options.theme`.
 */
export function useTerminalTheme(): ITheme {
  return terminalThemes[usePageTheme()];
}
