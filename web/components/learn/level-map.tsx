import { Check, Lock, Play, Star } from "lucide-react";
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import type { getLevelMap } from "@/lib/learning/data";
import { type LevelAccent, levelAccent } from "./level-accents";
import { ProgressBar } from "./progress-bar";

type LevelMapData = NonNullable<Awaited<ReturnType<typeof getLevelMap>>>;
type Level = LevelMapData["levels"][number];
type Exercise = Level["exercises"][number];

/** Levels in order, each a card of exercise tiles: done (check), open (highlighted) or locked (padlock). */
export function LevelMap({ map }: { map: LevelMapData }) {
  // Where the learner left off gets an "Up next" marker, so they always know where to go.
  const upNext = map.continueAt?.id;
  return (
    <ol data-testid="level-map" className="relative space-y-5">
      {map.levels.map((level, index) => (
        <LevelCard key={level.id} level={level} number={index + 1} accent={levelAccent(index)} upNext={upNext} />
      ))}
    </ol>
  );
}

type LevelCardProps = {
  level: Level;
  number: number;
  accent: LevelAccent;
  upNext: string | undefined;
};

function LevelCard({ level, number, accent, upNext }: LevelCardProps) {
  const { done, total } = level;
  const headingId = `level-${level.id}`;
  return (
    <li
      id={level.id}
      aria-labelledby={headingId}
      data-testid="level"
      data-state={level.state}
      className={cn(
        "scroll-mt-6 rounded-2xl border bg-card p-4 shadow-xl sm:p-5",
        level.state === "current" ? cn(accent.border, accent.glow) : "border-border shadow-black/20",
      )}
    >
      <div className="flex flex-wrap items-start gap-x-4 gap-y-3">
        <span
          aria-hidden
          className={cn(
            "flex size-12 shrink-0 items-center justify-center rounded-2xl text-xl font-bold text-[#0b0f17] shadow-lg",
            level.state === "locked" ? "bg-secondary text-muted-foreground shadow-none" : accent.badge,
          )}
        >
          {level.state === "done" ? (
            <Star className="size-6 fill-current" />
          ) : level.state === "locked" ? (
            <Lock className="size-5" />
          ) : (
            number
          )}
        </span>
        <div className="min-w-0 flex-1 basis-52">
          <p className={cn("text-xs font-semibold tracking-wider uppercase", accent.text)}>Level {number}</p>
          <h2 id={headingId} className="text-lg font-semibold tracking-tight sm:text-xl">
            {level.title}
          </h2>
          <p className="mt-1 text-sm text-muted-foreground">{level.description}</p>
        </div>
        <div className="w-full sm:w-40 sm:pt-1">
          <p data-testid="level-progress" className="mb-1.5 text-sm font-medium sm:text-right">
            {done} / {total} done
          </p>
          <ProgressBar value={done} max={total} label={`${level.title}: exercises done`} tone={accent.bar} />
        </div>
      </div>

      {level.unlockHint && (
        <p data-testid="unlock-hint" className="mt-4 flex items-center gap-2 text-sm text-muted-foreground">
          <Lock aria-hidden className="size-3.5 shrink-0" />
          {level.unlockHint}
        </p>
      )}

      <ul className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {level.exercises.map((exercise, index) => (
          <li key={exercise.id}>
            <ExerciseTile
              exercise={exercise}
              number={index + 1}
              accent={accent}
              upNext={exercise.id === upNext}
              href={exercise.href}
            />
          </li>
        ))}
      </ul>
    </li>
  );
}

type ExerciseTileProps = { exercise: Exercise; number: number; accent: LevelAccent; upNext: boolean; href: string };

function ExerciseTile({ exercise, number, accent, upNext, href }: ExerciseTileProps) {
  const { state } = exercise;
  const body = (
    <>
      <span
        aria-hidden
        className={cn(
          "flex size-10 shrink-0 items-center justify-center rounded-full",
          state === "done" && "bg-success/15 text-success ring-1 ring-success/40",
          state === "current" && cn(accent.badge, "text-[#0b0f17] shadow-md"),
          state === "locked" && "bg-secondary text-muted-foreground",
        )}
      >
        {state === "done" ? (
          <Check className="size-5" strokeWidth={3} />
        ) : state === "locked" ? (
          <Lock className="size-4" />
        ) : (
          <Play className="ml-0.5 size-4 fill-current" />
        )}
      </span>
      <span className="min-w-0 flex-1">
        <span className="flex items-center gap-2 text-xs text-muted-foreground">
          <span>Exercise {number}</span>
          <StateLabel state={state} upNext={upNext} />
        </span>
        <span className="mt-0.5 block font-semibold leading-snug">{exercise.title}</span>
        <span className="mt-1 line-clamp-2 block text-sm text-muted-foreground">{exercise.summary}</span>
      </span>
    </>
  );

  const common = {
    "data-testid": "exercise-tile",
    "data-state": state,
    "data-exercise-id": exercise.id,
  };

  if (state === "locked") {
    return (
      <div
        {...common}
        aria-disabled="true"
        className="flex h-full cursor-not-allowed items-start gap-3 rounded-xl border border-dashed border-border bg-background/40 p-3.5 opacity-70"
      >
        {body}
      </div>
    );
  }
  return (
    <Link
      {...common}
      href={href}
      className={cn(
        "group flex h-full items-start gap-3 rounded-xl border p-3.5 outline-none transition-[border-color,background-color,transform] hover:-translate-y-0.5 focus-visible:ring-2 focus-visible:ring-ring",
        state === "current"
          ? cn("bg-card-header", upNext ? accent.border : "border-border", accent.tile)
          : "border-border bg-background/40 hover:border-success/50",
      )}
    >
      {body}
    </Link>
  );
}

function StateLabel({ state, upNext }: { state: Exercise["state"]; upNext: boolean }) {
  if (state === "done")
    return <span className="rounded-full bg-success/10 px-1.5 py-px font-medium text-success">Done</span>;
  if (state === "locked") return <span className="sr-only">Locked</span>;
  if (upNext)
    return <span className="rounded-full bg-primary px-1.5 py-px font-semibold text-primary-foreground">Up next</span>;
  return <span className="sr-only">Open</span>;
}
