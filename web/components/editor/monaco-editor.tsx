"use client";

import type { RunnerLanguage } from "@codeyard/runner/contract";
import Editor, { type BeforeMount, loader, type OnMount } from "@monaco-editor/react";
import type { editor } from "monaco-editor";
import { useEffect, useMemo, useRef, useState } from "react";
import { EditorLoading } from "./editor-loading";

// Serve Monaco from the app itself (scripts/copy-monaco.ts puts it in public/): the loader's default is a CDN.
loader.config({ paths: { vs: "/monaco/vs" } });

export const THEME = "codeyard-dark";

// Typing must arrive verbatim (learners pasting, e2e tests typing): no auto-closing or suggestion
// popups that could swallow an Enter. Indentation after a `:` stays on: Python learners rely on it.
export const OPTIONS: editor.IStandaloneEditorConstructionOptions = {
  ariaLabel: "Python code editor. Press Control+Enter to run. Press Control+M to let Tab move focus.",
  automaticLayout: true,
  fontFamily: 'ui-monospace, "JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace',
  fontSize: 14,
  lineHeight: 22,
  tabSize: 4,
  insertSpaces: true,
  detectIndentation: false,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  stickyScroll: { enabled: false },
  padding: { top: 12, bottom: 12 },
  renderLineHighlight: "line",
  lineNumbersMinChars: 3,
  overviewRulerLanes: 0,
  hideCursorInOverviewRuler: true,
  fixedOverflowWidgets: true,
  scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10, alwaysConsumeMouseWheel: false },
  autoClosingBrackets: "never",
  autoClosingQuotes: "never",
  autoClosingComments: "never",
  autoClosingOvertype: "never",
  autoSurround: "never",
  autoIndent: "full",
  formatOnType: false,
  formatOnPaste: false,
  quickSuggestions: false,
  suggestOnTriggerCharacters: false,
  wordBasedSuggestions: "off",
  acceptSuggestionOnEnter: "off",
  tabCompletion: "off",
  parameterHints: { enabled: false },
};

export const defineTheme: BeforeMount = (monaco) => {
  monaco.editor.defineTheme(THEME, {
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
};

type CodeEditorProps = {
  defaultValue: string;
  onChange: (value: string) => void;
  onRun: () => void;
  onReady?: (editor: editor.IStandaloneCodeEditor) => void;
  /** Highlighting and the screen reader's name; Python when unset. */
  language?: RunnerLanguage;
};

/** Monaco with Python (or JavaScript) highlighting. Load it through ./code-editor: Monaco needs the DOM. */
export function MonacoEditor({ defaultValue, onChange, onRun, onReady, language = "python" }: CodeEditorProps) {
  // Monaco keeps the command registered at mount: route it through a ref so it always calls the latest onRun.
  const onRunRef = useRef(onRun);
  useEffect(() => {
    onRunRef.current = onRun;
  }, [onRun]);

  const handleMount: OnMount = (instance, monaco) => {
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => onRunRef.current());
    onReady?.(instance);
  };

  // Phones show about 35 columns: wrapping beats sideways scrolling there.
  const [narrow] = useState(() => window.matchMedia("(max-width: 639px)").matches);
  const options = useMemo(() => {
    const named =
      language === "python" ? OPTIONS : { ...OPTIONS, ariaLabel: OPTIONS.ariaLabel?.replace("Python", "JavaScript") };
    return narrow ? { ...named, wordWrap: "on" as const, wrappingIndent: "indent" as const, fontSize: 13 } : named;
  }, [narrow, language]);

  return (
    <Editor
      language={language}
      theme={THEME}
      defaultValue={defaultValue}
      onChange={(value) => onChange(value ?? "")}
      beforeMount={defineTheme}
      onMount={handleMount}
      options={options}
      loading={<EditorLoading />}
    />
  );
}
