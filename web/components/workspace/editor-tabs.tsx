"use client";

import { X } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { Tab } from "./use-workspace";

const nameOf = (path: string) => path.split("/").pop() ?? path;
const stateWords = {
  saved: "saved",
  dirty: "unsaved changes",
  saving: "saving",
  conflict: "changed elsewhere",
  error: "not saved",
};

/** One tab per open file; a dot marks unsaved changes. */
export function EditorTabs(props: {
  tabs: Tab[];
  active: string | null;
  onSelect: (path: string) => void;
  onClose: (path: string) => void;
}) {
  return (
    <div
      role="tablist"
      aria-label="Open files"
      className="flex h-10 shrink-0 items-end gap-px overflow-x-auto border-b border-border bg-card-header px-1"
    >
      {props.tabs.map((tab) => {
        const selected = tab.path === props.active;
        const unsaved = tab.state !== "saved";
        return (
          <div
            key={tab.path}
            className={cn(
              "flex h-9 items-center rounded-t-md border border-b-0 border-transparent text-sm",
              selected && "border-border bg-editor",
            )}
          >
            <button
              type="button"
              role="tab"
              data-testid="editor-tab"
              data-path={tab.path}
              data-state={tab.state}
              aria-selected={selected}
              aria-label={`${tab.path}, ${stateWords[tab.state]}`}
              title={tab.path}
              onClick={() => props.onSelect(tab.path)}
              className="flex h-full items-center gap-1.5 rounded-t-md pl-3 outline-none focus-visible:ring-2 focus-visible:ring-ring"
            >
              <span className={cn(selected ? "text-foreground" : "text-muted-foreground")}>{nameOf(tab.path)}</span>
              <span
                aria-hidden
                className={cn(
                  "size-2 rounded-full",
                  unsaved
                    ? tab.state === "conflict" || tab.state === "error"
                      ? "bg-warning"
                      : "bg-info"
                    : "bg-transparent",
                )}
              />
            </button>
            <button
              type="button"
              aria-label={`Close ${tab.path}`}
              onClick={() => props.onClose(tab.path)}
              className="mx-1 rounded p-0.5 text-muted-foreground outline-none hover:bg-secondary hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
            >
              <X aria-hidden className="size-3.5" />
            </button>
          </div>
        );
      })}
    </div>
  );
}
