"use client";

import type { Monaco } from "@monaco-editor/react";
import type { editor } from "monaco-editor";

// Escape leaves the editor (as Ctrl+M's Tab-moves-focus mode lets Tab do), but only when Monaco has nothing of its
// own to close: the suggest list, find, parameter hints, rename, a snippet, extra cursors or a selection go first.
const NOTHING_TO_CLOSE = [
  "!suggestWidgetVisible",
  "!findWidgetVisible",
  "!parameterHintsVisible",
  "!renameInputVisible",
  "!inSnippetMode",
  "!hasMultipleSelections",
  "!editorHasSelection",
  "!markersNavigationVisible",
  "!referenceSearchVisible",
  "!accessibilityHelpWidgetVisible",
  "!exceptionWidgetVisible",
].join(" && ");

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Ctrl/Cmd+Enter runs; Escape moves focus to the next control after the editor. */
export function addEditorKeys(instance: editor.IStandaloneCodeEditor, monaco: Monaco, run: () => void) {
  instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, run);
  instance.addCommand(monaco.KeyCode.Escape, () => leaveEditor(instance.getContainerDomNode()), NOTHING_TO_CLOSE);
}

export function leaveEditor(container: HTMLElement) {
  const next = Array.from(document.querySelectorAll<HTMLElement>(FOCUSABLE)).find(
    (el) =>
      !container.contains(el) &&
      el.getClientRects().length > 0 &&
      container.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING,
  );
  if (next) {
    next.focus();
  } else {
    (document.activeElement as HTMLElement | null)?.blur();
  }
}
