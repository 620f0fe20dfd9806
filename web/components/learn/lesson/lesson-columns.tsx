"use client";

import { BookOpen, Code } from "lucide-react";
import { type ReactNode, useId, useState } from "react";
import { cn } from "@/components/ui/cn";

type Tab = "lesson" | "code";

/**
 * The lesson page's two columns. On a desktop they fill the window and each scrolls on its own, so the task stays
 * in view beside the editor; on a phone they are two tabs, Lesson and Code, so the editor is one tap away.
 */
export function LessonColumns({
  lesson,
  code,
  codeLabel = "Code",
}: {
  lesson: ReactNode;
  code: ReactNode;
  codeLabel?: string;
}) {
  const [tab, setTab] = useState<Tab>("lesson");
  const id = useId();
  const tabs: { value: Tab; label: string; icon: ReactNode }[] = [
    { value: "lesson", label: "Lesson", icon: <BookOpen aria-hidden /> },
    { value: "code", label: codeLabel, icon: <Code aria-hidden /> },
  ];
  return (
    <>
      <div
        role="tablist"
        aria-label="Lesson or code"
        className="sticky top-0 z-10 -mx-3 mb-3 grid grid-cols-2 gap-1 border-b border-border bg-background/95 px-3 py-2 backdrop-blur sm:-mx-5 sm:px-5 lg:hidden"
      >
        {tabs.map((t) => (
          <button
            key={t.value}
            type="button"
            role="tab"
            id={`${id}-${t.value}-tab`}
            data-testid={`tab-${t.value}`}
            aria-selected={tab === t.value}
            aria-controls={`${id}-${t.value}`}
            onClick={() => {
              setTab(t.value);
              window.scrollTo({ top: 0 });
            }}
            className={cn(
              "inline-flex min-h-11 items-center justify-center gap-2 rounded-lg text-sm font-semibold outline-none transition-colors focus-visible:ring-2 focus-visible:ring-ring [&_svg]:size-4",
              tab === t.value
                ? "bg-primary text-primary-foreground"
                : "border border-border bg-card text-muted-foreground hover:bg-secondary hover:text-foreground",
            )}
          >
            {t.icon}
            {t.label}
          </button>
        ))}
      </div>
      <div className="grid gap-4 lg:min-h-0 lg:flex-1 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)] xl:gap-5">
        <div
          id={`${id}-lesson`}
          role="tabpanel"
          aria-labelledby={`${id}-lesson-tab`}
          data-testid="lesson-column"
          className={cn(
            "min-w-0 flex-col gap-4 lg:flex lg:min-h-0 lg:overflow-y-auto lg:overscroll-contain lg:pr-1",
            tab === "lesson" ? "flex" : "hidden",
          )}
        >
          {lesson}
        </div>
        <div
          id={`${id}-code`}
          role="tabpanel"
          aria-labelledby={`${id}-code-tab`}
          data-testid="code-column"
          className={cn(
            "min-w-0 flex-col lg:flex lg:min-h-0 lg:overflow-y-auto lg:overscroll-contain lg:pr-1",
            tab === "code" ? "flex" : "hidden",
          )}
        >
          {code}
        </div>
      </div>
    </>
  );
}
