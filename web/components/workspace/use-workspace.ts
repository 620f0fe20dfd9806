"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { EntryView } from "@/lib/workspaces/view";
import * as api from "./api";

export type TabState = "saved" | "dirty" | "saving" | "conflict" | "error";
export type Tab = { path: string; version: number; readOnly: boolean; state: TabState };
export type Conflict = { path: string; current: { content: string; version: number } };

const AUTOSAVE_MS = 700;
const isWithin = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/**
 * A workspace as the editor sees it: the tree, the open tabs with their text and saved version, autosave per
 * file, and the conflict when a save finds the file changed elsewhere. `setText` pushes text into the editor.
 */
export function useWorkspace(input: {
  workspaceId: string;
  entries: EntryView[];
  entry: string;
  opened: { path: string; content: string; version: number; readOnly: boolean } | null;
  setText: (path: string, text: string) => void;
}) {
  const { workspaceId, setText } = input;
  const [entries, setEntries] = useState(input.entries);
  const [entry, setEntry] = useState(input.entry);
  const [tabs, setTabs] = useState<Tab[]>(input.opened ? [{ ...input.opened, state: "saved" }] : []);
  const [active, setActive] = useState<string | null>(input.opened?.path ?? null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const texts = useRef(new Map<string, string>(input.opened ? [[input.opened.path, input.opened.content]] : []));
  const tabsRef = useRef(tabs);
  tabsRef.current = tabs;
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const inFlight = useRef(new Map<string, Promise<void>>());

  const patchTab = useCallback((path: string, patch: Partial<Tab>) => {
    setTabs((all) => all.map((t) => (t.path === path ? { ...t, ...patch } : t)));
  }, []);

  const save = useCallback(
    async (path: string): Promise<void> => {
      await inFlight.current.get(path);
      const tab = tabsRef.current.find((t) => t.path === path);
      const content = texts.current.get(path);
      if (!tab || content === undefined || tab.state === "conflict" || tab.readOnly) return;
      const work = (async () => {
        patchTab(path, { state: "saving" });
        try {
          const answer = await api.writeFile(workspaceId, { path, content, baseVersion: tab.version });
          if ("stale" in answer) {
            patchTab(path, { state: "conflict" });
            setConflict({ path, current: answer.stale });
            return;
          }
          tabsRef.current = tabsRef.current.map((t) => (t.path === path ? { ...t, version: answer.version } : t));
          patchTab(path, { version: answer.version, state: texts.current.get(path) === content ? "saved" : "dirty" });
        } catch (e) {
          patchTab(path, { state: "error" });
          setError(e instanceof Error ? e.message : "Your file could not be saved.");
        }
      })();
      inFlight.current.set(path, work);
      await work;
      inFlight.current.delete(path);
      if (texts.current.get(path) !== content && tabsRef.current.find((t) => t.path === path)?.state === "dirty") {
        await save(path);
      }
    },
    [workspaceId, patchTab],
  );

  const edit = useCallback(
    (path: string, text: string) => {
      if (texts.current.get(path) === text) return;
      texts.current.set(path, text);
      setTabs((all) => all.map((t) => (t.path === path && t.state !== "conflict" ? { ...t, state: "dirty" } : t)));
      clearTimeout(timers.current.get(path));
      timers.current.set(
        path,
        setTimeout(() => void save(path), AUTOSAVE_MS),
      );
    },
    [save],
  );

  /** Saves every changed file now (before a run or a check). */
  const flush = useCallback(async () => {
    for (const timer of timers.current.values()) clearTimeout(timer);
    await Promise.all(
      tabsRef.current.filter((t) => t.state === "dirty" || t.state === "error").map((t) => save(t.path)),
    );
  }, [save]);

  const open = useCallback(
    async (path: string) => {
      setActive(path);
      if (tabsRef.current.some((t) => t.path === path)) return;
      try {
        const file = await api.fetchFile(workspaceId, path);
        texts.current.set(path, file.content);
        setTabs((all) => (all.some((t) => t.path === path) ? all : [...all, { ...file, state: "saved" }]));
      } catch (e) {
        setError(e instanceof Error ? e.message : "The file could not be opened.");
      }
    },
    [workspaceId],
  );

  const close = useCallback(
    async (path: string) => {
      await save(path);
      setTabs((all) => {
        const rest = all.filter((t) => t.path !== path);
        setActive((current) => (current === path ? (rest.at(-1)?.path ?? null) : current));
        return rest;
      });
      texts.current.delete(path);
    },
    [save],
  );

  const resolveConflict = useCallback(
    async (choice: "overwrite" | "reload") => {
      if (!conflict) return;
      const { path, current } = conflict;
      setConflict(null);
      tabsRef.current = tabsRef.current.map((t) => (t.path === path ? { ...t, version: current.version } : t));
      if (choice === "reload") {
        texts.current.set(path, current.content);
        setText(path, current.content);
        patchTab(path, { version: current.version, state: "saved" });
        return;
      }
      patchTab(path, { version: current.version, state: "dirty" });
      tabsRef.current = tabsRef.current.map((t) => (t.path === path ? { ...t, state: "dirty" } : t));
      await save(path);
    },
    [conflict, patchTab, save, setText],
  );

  const run = useCallback(async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : "That did not work. Please try again.");
      return false;
    }
  }, []);

  const create = (path: string, kind: "file" | "folder") =>
    run(async () => {
      await api.createEntry(workspaceId, path, kind);
      setEntries((await api.fetchTree(workspaceId)).entries);
      if (kind === "file") await open(path);
    });

  const rename = (from: string, to: string) =>
    run(async () => {
      await flush();
      const moved = await api.moveEntry(workspaceId, from, to);
      setEntries(moved.entries);
      setEntry(moved.entry);
      const versions = new Map(moved.entries.map((e) => [e.path, e.version]));
      const target = (p: string) => (isWithin(p, from) ? to + p.slice(from.length) : p);
      for (const tab of tabsRef.current.filter((t) => isWithin(t.path, from))) {
        texts.current.set(target(tab.path), texts.current.get(tab.path) ?? "");
        texts.current.delete(tab.path);
      }
      setTabs((all) =>
        all.map((t) => ({ ...t, path: target(t.path), version: versions.get(target(t.path)) ?? t.version })),
      );
      setActive((current) => (current ? target(current) : current));
    });

  const remove = (path: string) =>
    run(async () => {
      await api.deleteEntry(workspaceId, path);
      setEntries((all) => all.filter((e) => !isWithin(e.path, path)));
      setTabs((all) => {
        const rest = all.filter((t) => !isWithin(t.path, path));
        setActive((current) => (current && isWithin(current, path) ? (rest.at(-1)?.path ?? null) : current));
        return rest;
      });
    });

  /** Replaces everything with what the server says (after a reset): open tabs reload their files. */
  const reload = useCallback(
    async (fresh?: EntryView[]) => {
      const tree = fresh ? { entries: fresh, entry } : await api.fetchTree(workspaceId);
      setEntries(tree.entries);
      const files = new Map(tree.entries.filter((e) => e.kind === "file").map((e) => [e.path, e]));
      const keep = tabsRef.current.filter((t) => files.has(t.path));
      for (const tab of keep) {
        const file = await api.fetchFile(workspaceId, tab.path);
        texts.current.set(tab.path, file.content);
        setText(tab.path, file.content);
      }
      setTabs(keep.map((t) => ({ ...t, version: files.get(t.path)?.version ?? t.version, state: "saved" })));
      setActive((current) => (current && files.has(current) ? current : (keep[0]?.path ?? null)));
    },
    [workspaceId, entry, setText],
  );

  useEffect(() => () => timers.current.forEach(clearTimeout), []);

  return {
    entries,
    entry,
    tabs,
    active,
    setActive,
    conflict,
    error,
    dismissError: () => setError(null),
    /** Shows a tree the server answered (the terminal's sync saved files). */
    showEntries: setEntries,
    textOf: (path: string) => texts.current.get(path) ?? "",
    edit,
    flush,
    open,
    close,
    create,
    rename,
    remove,
    reload,
    resolveConflict,
  };
}
export type WorkspaceState = ReturnType<typeof useWorkspace>;
