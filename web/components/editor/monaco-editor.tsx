"use client";

import Editor, { loader, type OnMount } from "@monaco-editor/react";
import type { editor } from "monaco-editor";
import { useEffect, useMemo, useRef, useState } from "react";
import { addEditorKeys } from "./editor-keys";
import { EditorLoading } from "./editor-loading";
import { defineThemes, useMonacoTheme } from "./monaco-themes";

// Serve Monaco from the app itself (scripts/copy-monaco.ts puts it in public/): the loader's default is a CDN.
loader.config({ paths: { vs: "/monaco/vs" } });

// Typing must arrive verbatim (learners pasting, e2e tests typing): no auto-closing or suggestion
// popups that could swallow an Enter. Indentation after a `:` stays on: Python learners rely on it.
export const OPTIONS: editor.IStandaloneEditorConstructionOptions = {
  ariaLabel: "Python code editor. Press Control+Enter to run. Press Escape to leave the editor.",
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

type CodeEditorProps = {
  defaultValue: string;
  onChange: (value: string) => void;
  onRun: () => void;
  onReady?: (editor: editor.IStandaloneCodeEditor) => void;
};

/** Monaco with Python highlighting. Load it through ./code-editor: Monaco needs the DOM. */
export function MonacoEditor({ defaultValue, onChange, onRun, onReady }: CodeEditorProps) {
  // Monaco keeps the command registered at mount: route it through a ref so it always calls the latest onRun.
  const onRunRef = useRef(onRun);
  useEffect(() => {
    onRunRef.current = onRun;
  }, [onRun]);

  const handleMount: OnMount = (instance, monaco) => {
    addEditorKeys(instance, monaco, () => onRunRef.current());
    onReady?.(instance);
  };

  const theme = useMonacoTheme();
  // Phones show about 35 columns: wrapping beats sideways scrolling there.
  const [narrow] = useState(() => window.matchMedia("(max-width: 639px)").matches);
  const options = useMemo(
    () => (narrow ? { ...OPTIONS, wordWrap: "on" as const, wrappingIndent: "indent" as const, fontSize: 13 } : OPTIONS),
    [narrow],
  );

  return (
    <Editor
      language="python"
      theme={theme}
      defaultValue={defaultValue}
      onChange={(value) => onChange(value ?? "")}
      beforeMount={defineThemes}
      onMount={handleMount}
      options={options}
      loading={<EditorLoading />}
    />
  );
}
