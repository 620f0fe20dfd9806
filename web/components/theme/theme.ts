"use client";

import { useSyncExternalStore } from "react";

// The page's theme is the class on <html>: "light" or "dark". A learner's own choice is kept in localStorage;
// without one the page follows the system setting, live. theme-script.tsx sets the class before the first paint.
export type Theme = "light" | "dark";

export const THEME_STORAGE_KEY = "codeyard-theme";

/** Runs inline in <head> before anything paints: no flash of the wrong theme. Kept in step with applyTheme. */
export const themeScript = `(function(){try{var s=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=s==="dark"||(s!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);var e=document.documentElement;e.classList.toggle("dark",d);e.classList.toggle("light",!d);}catch(_){}})();`;

function applyTheme(theme: Theme) {
  const root = document.documentElement;
  root.classList.toggle("dark", theme === "dark");
  root.classList.toggle("light", theme === "light");
}

function systemTheme(): Theme {
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** The learner picked a theme: keep it for next time and show it now. */
export function chooseTheme(theme: Theme) {
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Storage refused (private mode): the choice still holds for this page.
  }
  applyTheme(theme);
}

function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  // No choice of the learner's: follow the system when it changes.
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  const onSystem = () => {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(THEME_STORAGE_KEY);
    } catch {}
    if (stored !== "light" && stored !== "dark") applyTheme(systemTheme());
  };
  media.addEventListener("change", onSystem);
  return () => {
    observer.disconnect();
    media.removeEventListener("change", onSystem);
  };
}

/** The theme on <html> now; on the server, dark. */
export function pageTheme(): Theme {
  return typeof document !== "undefined" && document.documentElement.classList.contains("light") ? "light" : "dark";
}

/** For client-only widgets (Monaco, xterm): the theme now, read from <html> even while the page hydrates. */
export function usePageTheme(): Theme {
  return useTheme() ?? pageTheme();
}

/** The theme showing now; null while the page hydrates (the server cannot know it). */
export function useTheme(): Theme | null {
  return useSyncExternalStore<Theme | null>(subscribe, pageTheme, () => null);
}
