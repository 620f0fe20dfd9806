"use client";

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
import { STARTER_PROGRAM } from "./starter-program";

export function Playground() {
  const codeRef = useRef(STARTER_PROGRAM);
  const editorRef = useRef<editor.IStandaloneCodeEditor | null>(null);
  const runner = useRunner(() => codeRef.current);
  const [stdinOpen, setStdinOpen] = useState(false);

  const resetCode = () => {
    const instance = editorRef.current;
    if (!instance) return;
    replaceCode(instance, STARTER_PROGRAM);
    instance.focus();
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      <div className="sticky top-0 z-10 -mx-3 flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-border bg-background/85 px-3 py-2.5 backdrop-blur sm:static sm:mx-0 sm:rounded-xl sm:border sm:bg-card sm:px-3">
        <RunButton runner={runner} className="min-w-28" />
        <StopButton runner={runner} />
        <RunShortcutHint className="sm:inline-flex" />
        <RunStatusBadge state={runner.state} />
        <div className="ml-auto flex items-center gap-1">
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
          <PanelHeader icon={<FileCode aria-hidden />} title="main.py" detail="Python 3" />
          <div data-testid="editor" className="relative h-[50dvh] min-h-72 bg-editor lg:h-auto lg:min-h-0 lg:flex-1">
            <CodeEditor
              defaultValue={STARTER_PROGRAM}
              onChange={(value) => {
                codeRef.current = value;
              }}
              onRun={runner.runCode}
              onReady={(instance) => {
                editorRef.current = instance;
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
