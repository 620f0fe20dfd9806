import type { ITheme } from "@xterm/xterm";

// Colours of every xterm on the site (the output panel, the learner's terminal), in one place until the site's
// theme module offers them (useTerminalTheme).
const fontFamily = 'ui-monospace, "JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace';

export const darkTerminalTheme: ITheme = {
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
};

// Every colour at least 4.5:1 against the background (WCAG AA for text).
const light: ITheme = {
  background: "#fbfcfe",
  foreground: "#1b2330",
  cursor: "#0f766e",
  cursorAccent: "#fbfcfe",
  selectionBackground: "#0f766e33",
  black: "#1b2330",
  red: "#b91c1c",
  green: "#15803d",
  yellow: "#92400e",
  blue: "#1d4ed8",
  magenta: "#a21caf",
  cyan: "#0e7490",
  white: "#4b5563",
  brightBlack: "#4b5563",
  brightRed: "#991b1b",
  brightGreen: "#166534",
  brightYellow: "#78350f",
  brightBlue: "#1e40af",
  brightMagenta: "#86198f",
  brightCyan: "#155e75",
  brightWhite: "#111827",
};

export const terminalFont = { fontFamily, fontSize: 13, lineHeight: 1.3 };

/** The page's theme: the root element's `dark` class (the site is dark unless a theme switch says otherwise). */
export function currentTerminalTheme(): ITheme {
  return document.documentElement.classList.contains("dark") ? darkTerminalTheme : light;
}
