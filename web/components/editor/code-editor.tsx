"use client";

import type { editor } from "monaco-editor";
import dynamic from "next/dynamic";
import { EditorLoading } from "./editor-loading";

// Monaco touches `window` when its module loads, so it is never rendered on the server.
export const CodeEditor = dynamic(() => import("./monaco-editor").then((m) => m.MonacoEditor), {
  ssr: false,
  loading: () => <EditorLoading />,
});

/** Replaces the whole text as one edit rather than setValue, so Ctrl+Z brings the learner's code back. */
export function replaceCode(instance: editor.IStandaloneCodeEditor, text: string) {
  const model = instance.getModel();
  if (!model) return;
  instance.pushUndoStop();
  instance.executeEdits("reset", [{ range: model.getFullModelRange(), text }]);
  instance.pushUndoStop();
}
