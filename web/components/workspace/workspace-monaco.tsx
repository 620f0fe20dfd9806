"use client";

import Editor, { type Monaco, type OnMount } from "@monaco-editor/react";
import type { editor } from "monaco-editor";
import { useEffect, useRef } from "react";
import { addEditorKeys } from "@/components/editor/editor-keys";
import { EditorLoading } from "@/components/editor/editor-loading";
import { OPTIONS } from "@/components/editor/monaco-editor";
import { defineThemes, useMonacoTheme } from "@/components/editor/monaco-themes";

// One Monaco model per open file (its own undo history and cursor), named by a URI under this workspace.
const uriOf = (workspaceId: string, path: string) => `file:///${workspaceId}/${path}`;

const languages: Record<string, string> = {
  py: "python",
  js: "javascript",
  md: "markdown",
  json: "json",
  txt: "plaintext",
};
export const languageOf = (path: string) => languages[path.split(".").pop() ?? ""] ?? "plaintext";

export type EditorHandle = { setText: (path: string, text: string) => void; focus: () => void };

type Props = {
  workspaceId: string;
  path: string;
  /** The text a file's model starts with when it is first shown. */
  initialText: (path: string) => string;
  readOnly: boolean;
  openPaths: string[];
  onChange: (path: string, text: string) => void;
  onRun: () => void;
  onReady: (handle: EditorHandle) => void;
};

/** Monaco for a workspace. Load it with next/dynamic and ssr:false: Monaco needs the DOM. */
export function WorkspaceMonaco({
  workspaceId,
  path,
  initialText,
  readOnly,
  openPaths,
  onChange,
  onRun,
  onReady,
}: Props) {
  const monacoRef = useRef<Monaco | null>(null);
  const theme = useMonacoTheme();
  const onRunRef = useRef(onRun);
  onRunRef.current = onRun;
  const pathRef = useRef(path);
  pathRef.current = path;

  const handleMount: OnMount = (instance: editor.IStandaloneCodeEditor, monaco) => {
    monacoRef.current = monaco;
    addEditorKeys(instance, monaco, () => onRunRef.current());
    onReady({
      focus: () => instance.focus(),
      setText: (target, text) => {
        const model = monaco.editor.getModel(monaco.Uri.parse(uriOf(workspaceId, target)));
        if (!model || model.getValue() === text) return;
        // An edit rather than setValue, so Ctrl+Z still brings the learner's text back.
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      },
    });
  };

  // A closed, renamed or deleted file's model goes, so a new file of the same name starts from the server's text.
  const openKey = openPaths.join("\n");
  useEffect(() => {
    const monaco = monacoRef.current;
    if (!monaco) return;
    const keep = new Set(openKey.split("\n").map((p) => uriOf(workspaceId, p)));
    for (const model of monaco.editor.getModels()) {
      const uri = model.uri.toString(true);
      if (uri.startsWith(`file:///${workspaceId}/`) && !keep.has(uri)) model.dispose();
    }
  }, [openKey, workspaceId]);

  return (
    <Editor
      path={uriOf(workspaceId, path)}
      defaultValue={initialText(path)}
      language={languageOf(path)}
      theme={theme}
      beforeMount={defineThemes}
      onMount={handleMount}
      onChange={(value) => onChange(pathRef.current, value ?? "")}
      options={{
        ...OPTIONS,
        readOnly,
        ariaLabel: `${path}: code editor. Press Control+Enter to run. Press Escape to leave the editor.`,
      }}
      loading={<EditorLoading />}
    />
  );
}
