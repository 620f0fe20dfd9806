"use client";

import { ChevronRight, File, FilePlus, Folder, FolderPlus, Lock, Pencil, Trash2 } from "lucide-react";
import { type KeyboardEvent, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { EntryView } from "@/lib/workspaces/view";

type Props = {
  entries: EntryView[];
  active: string | null;
  entryFile: string;
  onOpen: (path: string) => void;
  onCreate: (path: string, kind: "file" | "folder") => Promise<boolean>;
  onRename: (from: string, to: string) => Promise<boolean>;
  onDelete: (entry: EntryView) => void;
};

type Draft = { mode: "file" | "folder"; parent: string } | { mode: "rename"; path: string };

const nameOf = (path: string) => path.split("/").pop() ?? path;
const parentOf = (path: string) => path.split("/").slice(0, -1).join("/");
const join = (parent: string, name: string) => (parent ? `${parent}/${name}` : name);

/**
 * The workspace's files as an ARIA tree: arrows move and open folders, Enter opens a file, F2 renames,
 * Delete deletes (after confirmation). Names are edited in place.
 */
export function FileExplorer({ entries, active, entryFile, onOpen, onCreate, onRename, onDelete }: Props) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [focused, setFocused] = useState<string | null>(active ?? entries[0]?.path ?? null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const treeRef = useRef<HTMLDivElement>(null);

  // Folders first, then files, each by name; children of a collapsed folder are hidden.
  const visible = useMemo(() => {
    const sorted = [...entries].sort((a, b) => {
      const pa = parentOf(a.path);
      const pb = parentOf(b.path);
      if (pa !== pb) return a.path.localeCompare(b.path);
      if (a.kind !== b.kind) return a.kind === "folder" ? -1 : 1;
      return a.path.localeCompare(b.path);
    });
    const ordered: EntryView[] = [];
    const walk = (parent: string) => {
      for (const e of sorted.filter((x) => parentOf(x.path) === parent)) {
        ordered.push(e);
        if (e.kind === "folder" && !collapsed.has(e.path)) walk(e.path);
      }
    };
    walk("");
    return ordered;
  }, [entries, collapsed]);

  const focusItem = (path: string) => {
    setFocused(path);
    requestAnimationFrame(() =>
      treeRef.current?.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`)?.focus(),
    );
  };
  const toggle = (path: string, open?: boolean) =>
    setCollapsed((all) => {
      const next = new Set(all);
      if (open ?? next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  const newParent = () => {
    const current = entries.find((e) => e.path === focused);
    if (!current) return "";
    return current.kind === "folder" ? current.path : parentOf(current.path);
  };

  const onKeyDown = (event: KeyboardEvent, item: EntryView) => {
    const index = visible.findIndex((e) => e.path === item.path);
    const go = (i: number) => {
      const target = visible[Math.max(0, Math.min(visible.length - 1, i))];
      if (target) focusItem(target.path);
    };
    const action = keyAction(event.key);
    if (!action) return;
    event.preventDefault();
    if (action === "down") go(index + 1);
    else if (action === "up") go(index - 1);
    else if (action === "first") go(0);
    else if (action === "last") go(visible.length - 1);
    else if (action === "expand" && item.kind === "folder") toggle(item.path, true);
    else if (action === "collapse") {
      if (item.kind === "folder" && !collapsed.has(item.path)) toggle(item.path, false);
      else if (parentOf(item.path)) focusItem(parentOf(item.path));
    } else if (action === "open") {
      if (item.kind === "folder") toggle(item.path);
      else onOpen(item.path);
    } else if (action === "rename" && !item.readOnly) setDraft({ mode: "rename", path: item.path });
    else if (action === "delete" && !item.readOnly) onDelete(item);
  };

  const commit = async (name: string) => {
    const current = draft;
    const trimmed = name.trim();
    if (!current || !trimmed) return setDraft(null);
    if (current.mode === "rename") {
      const to = join(parentOf(current.path), trimmed);
      if (to === current.path || (await onRename(current.path, to))) setDraft(null);
      focusItem(to);
      return;
    }
    const path = join(current.parent, trimmed);
    if (await onCreate(path, current.mode)) {
      setDraft(null);
      focusItem(path);
    }
  };

  const depthOf = (path: string) => path.split("/").length - 1;
  const creating = draft && draft.mode !== "rename" ? draft : null;

  return (
    <nav aria-label="Files" className="flex min-h-0 flex-col">
      <div className="flex h-10 items-center gap-1 border-b border-border px-2 text-sm">
        <h2 className="mr-auto font-medium">Files</h2>
        <Button
          variant="ghost"
          size="icon"
          aria-label="New file"
          title="New file"
          onClick={() => setDraft({ mode: "file", parent: newParent() })}
        >
          <FilePlus aria-hidden />
        </Button>
        <Button
          variant="ghost"
          size="icon"
          aria-label="New folder"
          title="New folder"
          onClick={() => setDraft({ mode: "folder", parent: newParent() })}
        >
          <FolderPlus aria-hidden />
        </Button>
      </div>
      {creating && (
        <NameInput
          label={`New ${creating.mode} name${creating.parent ? ` in ${creating.parent}` : ""}`}
          initial=""
          depth={creating.parent ? depthOf(creating.parent) + 1 : 0}
          onCommit={commit}
          onCancel={() => setDraft(null)}
        />
      )}
      <div
        ref={treeRef}
        role="tree"
        aria-label="Workspace files"
        className="min-h-0 flex-1 overflow-y-auto py-1 text-sm"
      >
        {visible.map((item) => {
          const renaming = draft?.mode === "rename" && draft.path === item.path;
          const name = nameOf(item.path);
          if (renaming) {
            return (
              <div key={item.path} role="none">
                <NameInput
                  label={`New name for ${name}`}
                  initial={name}
                  depth={depthOf(item.path)}
                  onCommit={commit}
                  onCancel={() => {
                    setDraft(null);
                    focusItem(item.path);
                  }}
                />
              </div>
            );
          }
          const open = item.kind === "folder" && !collapsed.has(item.path);
          return (
            <div
              key={item.path}
              role="treeitem"
              data-path={item.path}
              data-testid="file-item"
              aria-label={`${name}${item.kind === "folder" ? ", folder" : ""}${item.readOnly ? ", read-only" : ""}${item.path === entryFile ? ", runs first" : ""}`}
              aria-level={depthOf(item.path) + 1}
              aria-expanded={item.kind === "folder" ? open : undefined}
              aria-selected={item.path === active}
              tabIndex={item.path === (focused ?? visible[0]?.path) ? 0 : -1}
              onFocus={() => setFocused(item.path)}
              onKeyDown={(event) => event.target === event.currentTarget && onKeyDown(event, item)}
              onClick={() => (item.kind === "folder" ? toggle(item.path) : onOpen(item.path))}
              style={{ paddingLeft: `${0.5 + depthOf(item.path) * 0.9}rem` }}
              className={cn(
                "group flex h-8 cursor-pointer items-center gap-1.5 pr-1 outline-none hover:bg-secondary/60 focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-ring",
                item.path === active && "bg-secondary text-foreground",
              )}
            >
              {item.kind === "folder" ? (
                <>
                  <ChevronRight
                    aria-hidden
                    className={cn("size-3.5 shrink-0 transition-transform", open && "rotate-90")}
                  />
                  <Folder aria-hidden className="size-4 shrink-0 text-info" />
                </>
              ) : (
                <File aria-hidden className="ml-5 size-4 shrink-0 text-muted-foreground" />
              )}
              <span className="truncate">{name}</span>
              {item.readOnly && <Lock aria-hidden className="size-3 shrink-0 text-muted-foreground" />}
              {!item.readOnly && (
                <span className="ml-auto hidden shrink-0 group-focus-within:flex group-hover:flex">
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-6"
                    tabIndex={-1}
                    aria-label={`Rename ${name}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      setDraft({ mode: "rename", path: item.path });
                    }}
                  >
                    <Pencil aria-hidden />
                  </Button>
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-6"
                    tabIndex={-1}
                    aria-label={`Delete ${name}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      onDelete(item);
                    }}
                  >
                    <Trash2 aria-hidden />
                  </Button>
                </span>
              )}
            </div>
          );
        })}
      </div>
      <p className="border-t border-border px-2 py-1.5 text-[11px] text-muted-foreground">
        F2 rename · Delete removes · Enter opens
      </p>
    </nav>
  );
}

function NameInput(props: {
  label: string;
  initial: string;
  depth: number;
  onCommit: (name: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <div style={{ paddingLeft: `${0.5 + props.depth * 0.9}rem` }} className="py-0.5 pr-1">
      <input
        // biome-ignore lint/a11y/noAutofocus: the learner just asked to type a name here
        autoFocus
        aria-label={props.label}
        data-testid="name-input"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onFocus={(e) =>
          e.target.setSelectionRange(
            0,
            e.target.value.lastIndexOf(".") > 0 ? e.target.value.lastIndexOf(".") : e.target.value.length,
          )
        }
        onKeyDown={(e) => {
          if (e.key === "Enter") props.onCommit(value);
          if (e.key === "Escape") props.onCancel();
        }}
        onBlur={() => props.onCancel()}
        className="h-7 w-full rounded border border-ring bg-background px-2 text-sm outline-none"
      />
    </div>
  );
}

const keyActions: Record<string, string> = {
  ArrowDown: "down",
  ArrowUp: "up",
  Home: "first",
  End: "last",
  ArrowRight: "expand",
  ArrowLeft: "collapse",
  Enter: "open",
  F2: "rename",
  Delete: "delete",
};
const keyAction = (key: string): string | undefined => keyActions[key];
