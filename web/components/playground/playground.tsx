"use client";

import type { RunnerLanguage } from "@codeyard/runner/contract";
import { mainFile } from "@codeyard/runner/contract";
import { loader } from "@monaco-editor/react";
import { Eraser, FileCode, RotateCcw } from "lucide-react";
import type { editor } from "monaco-editor";
import { useRef, useState } from "react";
import { CodeEditor, replaceCode } from "@/components/editor/code-editor";
import { OutputPanel } from "@/components/run/output-panel";
import { RunButton, RunErrorAlert, RunShortcutHint, StopButton } from "@/components/run/run-controls";
import { RunStatusBadge } from "@/components/run/run-status-badge";
import { StdinPanel } from "@/components/run/stdin-panel";
import { useRunner } from "@/components/run/use-runner";
import { Button } from "@/components/ui/button";
import { Panel, PanelHeader } from "@/components/ui/panel";
import { STARTER_JAVASCRIPT, STARTER_PROGRAM } from "./starter-program";

const languages = {
  python: { label: "Python", detail: "Python 3", starter: STARTER_PROGRAM },
  javascript: { label: "JavaScript", detail: "Node.js", starter: STARTER_JAVASCRIPT },
} as const satisfies Record<RunnerLanguage, unknown>;

export function Playground() {
  const codeRef = useRef<string>(STARTER_PROGRAM);
  const editorRef = useRef<editor.IStandaloneCodeEditor | null>(null);
  const [language, setLanguage] = useState<RunnerLanguage>("python");
  const languageRef = useRef(language);
  const runner = useRunner(() => ({ code: codeRef.current, language: languageRef.current }));
  const [stdinOpen, setStdinOpen] = useState(false);

  const resetCode = () => {
    const instance = editorRef.current;
    if (!instance) return;
    replaceCode(instance, languages[languageRef.current].starter);
    instance.focus();
  };

  // The other language's example replaces the code only when the code is still an untouched example.
  const chooseLanguage = (next: RunnerLanguage) => {
    const untouched = Object.values(languages).some((l) => l.starter === codeRef.current);
    languageRef.current = next;
    setLanguage(next);
    if (untouched) codeRef.current = languages[next].starter;
    const instance = editorRef.current;
    if (!instance) return; // not mounted yet: it starts with codeRef's text and this language
    if (untouched) replaceCode(instance, codeRef.current);
    void highlightAs(instance, next);
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      <div className="sticky top-0 z-10 -mx-3 flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-border bg-background/85 px-3 py-2.5 backdrop-blur sm:static sm:mx-0 sm:rounded-xl sm:border sm:bg-card sm:px-3">
        <RunButton runner={runner} className="min-w-28" />
        <StopButton runner={runner} />
        <RunShortcutHint className="sm:inline-flex" />
        <RunStatusBadge state={runner.state} />
        <div className="ml-auto flex items-center gap-1">
          <label className="flex items-center gap-1.5 text-sm text-muted-foreground">
            <span className="sr-only sm:not-sr-only">Language</span>
            <select
              data-testid="language"
              value={language}
              disabled={runner.busy}
              onChange={(event) => void chooseLanguage(event.target.value as RunnerLanguage)}
              className="h-8 rounded-md border border-border bg-background px-2 text-sm text-foreground outline-none focus-visible:ring-2 focus-visible:ring-ring"
            >
              {Object.entries(languages).map(([value, l]) => (
                <option key={value} value={value}>
                  {l.label}
                </option>
              ))}
            </select>
          </label>
          <Button variant="ghost" size="sm" onClick={resetCode} aria-label="Reset code to the example">
            <RotateCcw aria-hidden />
            <span className="hidden sm:inline">Reset</span>
          </Button>
          <Button variant="ghost" size="sm" onClick={runner.clear} disabled={runner.busy} aria-label="Clear output">
            <Eraser aria-hidden />
            <span className="hidden sm:inline">Clear</span>
          </Button>
        </div>
      </div>

      <RunErrorAlert runner={runner} />

      <div className="grid min-h-0 flex-1 gap-3 lg:grid-cols-2">
        <Panel aria-label="Code">
          <PanelHeader icon={<FileCode aria-hidden />} title={mainFile[language]} detail={languages[language].detail} />
          <div data-testid="editor" className="relative h-[50dvh] min-h-72 bg-editor lg:h-auto lg:min-h-0 lg:flex-1">
            <CodeEditor
              defaultValue={codeRef.current}
              onChange={(value) => {
                codeRef.current = value;
              }}
              onRun={runner.runCode}
              onReady={(instance) => {
                editorRef.current = instance;
                void highlightAs(instance, languageRef.current);
              }}
            />
          </div>
          <StdinPanel value={runner.stdin} onChange={runner.setStdin} open={stdinOpen} onOpenChange={setStdinOpen} />
        </Panel>

        <OutputPanel
          runner={runner}
          detail="stdout · stderr"
          className="scroll-mt-16"
          terminalClassName="h-[40dvh] min-h-64 lg:h-auto lg:min-h-0 lg:flex-1"
        />
      </div>
    </div>
  );
}

/** Monaco's syntax colouring for the language (the editor component starts as Python). */
async function highlightAs(instance: editor.IStandaloneCodeEditor, language: RunnerLanguage) {
  const model = instance.getModel();
  if (model) (await loader.init()).editor.setModelLanguage(model, language);
}
