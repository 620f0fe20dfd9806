"use client";

import type { BeforeMount } from "@monaco-editor/react";
import { usePageTheme } from "@/components/theme/theme";

// Monaco's two themes, one per page theme; the editor follows the page when the learner switches.
const DARK = "codeyard-dark";
const LIGHT = "codeyard-light";

export const defineThemes: BeforeMount = (monaco) => {
  monaco.editor.defineTheme(DARK, {
    base: "vs-dark",
    inherit: true,
    rules: [
      { token: "comment", foreground: "7f8ba0", fontStyle: "italic" },
      { token: "keyword", foreground: "c792ea" },
      { token: "string", foreground: "a5e075" },
      { token: "number", foreground: "f7a35c" },
    ],
    colors: {
      "editor.background": "#0b0f17",
      "editor.foreground": "#e6eaf2",
      "editor.lineHighlightBackground": "#131a27",
      "editor.lineHighlightBorder": "#00000000",
      "editorLineNumber.foreground": "#4b566b",
      "editorLineNumber.activeForeground": "#9aa5b8",
      "editorCursor.foreground": "#5eead4",
      "editor.selectionBackground": "#2b4a5c",
      "editor.inactiveSelectionBackground": "#1f2f3c",
      "editorIndentGuide.background1": "#1a2130",
      "editorIndentGuide.activeBackground1": "#2c3649",
      "editorWidget.background": "#111827",
      "editorWidget.border": "#1f2837",
      focusBorder: "#00000000",
      "scrollbarSlider.background": "#2a344680",
      "scrollbarSlider.hoverBackground": "#3a4660a0",
      "scrollbarSlider.activeBackground": "#4a5878c0",
    },
  });
  monaco.editor.defineTheme(LIGHT, {
    base: "vs",
    inherit: true,
    rules: [
      { token: "comment", foreground: "6a7385", fontStyle: "italic" },
      { token: "keyword", foreground: "7c3aed" },
      { token: "string", foreground: "15803d" },
      { token: "number", foreground: "c2410c" },
    ],
    colors: {
      "editor.background": "#fbfcfe",
      "editor.foreground": "#0f172a",
      "editor.lineHighlightBackground": "#eef2f8",
      "editor.lineHighlightBorder": "#00000000",
      "editorLineNumber.foreground": "#94a0b4",
      "editorLineNumber.activeForeground": "#334155",
      "editorCursor.foreground": "#047857",
      "editor.selectionBackground": "#bfdbfe",
      "editor.inactiveSelectionBackground": "#dbeafe",
      "editorIndentGuide.background1": "#e5e9f0",
      "editorIndentGuide.activeBackground1": "#cbd5e1",
      "editorWidget.background": "#ffffff",
      "editorWidget.border": "#d9e0ea",
      focusBorder: "#00000000",
      "scrollbarSlider.background": "#c3ccd980",
      "scrollbarSlider.hoverBackground": "#a7b3c4a0",
      "scrollbarSlider.activeBackground": "#8d9bb0c0",
    },
  });
};

/** The Monaco theme for the page's theme now. */
export function useMonacoTheme(): string {
  return usePageTheme() === "light" ? LIGHT : DARK;
}
