import type { ITheme } from "@xterm/xterm";
import { terminalThemes } from "@/components/theme/terminal-theme";

const fontFamily = 'ui-monospace, "JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace';

/** The font of every xterm on the site (the output panel, the learner's terminal). */
export const terminalFont = { fontFamily, fontSize: 13, lineHeight: 1.3 };

/** The colours for the page's theme now (the `dark` class on <html>), for code outside React's render. */
export function currentTerminalTheme(): ITheme {
  return document.documentElement.classList.contains("dark") ? terminalThemes.dark : terminalThemes.light;
}
