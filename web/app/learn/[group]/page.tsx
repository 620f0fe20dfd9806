import { ArrowRight, Trophy, UserPlus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ageGroupLook } from "@/components/learn/age-groups";
import { LevelMap } from "@/components/learn/level-map";
import { OtherGroupNotice, otherGroupOf } from "@/components/learn/other-group-notice";
import { ProgressBar } from "@/components/learn/progress-bar";
import { ProgressNotice } from "@/components/learn/progress-notice";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { getViewer } from "@/lib/auth/viewer";
import { getLevelMap, listAgeGroups } from "@/lib/learning/data";

type Params = Promise<{ group: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { group } = await params;
  const found = listAgeGroups().find((g) => g.id === group);
  return { title: found ? `${found.title} · Learn · Codeyard` : "Learn · Codeyard" };
}

export default async function LevelMapPage({ params }: { params: Params }) {
  const { group } = await params;
  const viewer = await getViewer();
  const map = await getLevelMap(group, viewer);
  if (!map) notFound();

  const exercises = map.levels.flatMap((l) => l.exercises);
  const done = exercises.filter((e) => e.state === "done").length;
  const upNext = map.continueAt;
  const look = ageGroupLook(map.group.id);
  const Icon = look?.icon;
  const otherGroup = otherGroupOf(listAgeGroups(), viewer?.ageGroup, map.group.id);
  // A learner with an age group is not pointed at the other groups; switching is for the account settings.
  const others = viewer?.ageGroup ? [] : listAgeGroups().filter((g) => g.id !== map.group.id);

  return (
    <main className="mx-auto w-full max-w-5xl flex-1 px-3 py-6 sm:px-5 sm:py-10">
      <div className="mb-6 flex flex-col gap-5 sm:mb-8 md:flex-row md:items-end">
        <div className="flex min-w-0 flex-1 items-start gap-4">
          <span
            aria-hidden
            className={cn(
              "hidden size-14 shrink-0 items-center justify-center rounded-2xl text-[#0b0f17] shadow-lg sm:flex",
              look?.badge ?? "bg-primary",
            )}
          >
            {Icon && <Icon className="size-7" strokeWidth={2.2} />}
          </span>
          <div className="min-w-0 space-y-1.5">
            <p className="text-xs font-semibold tracking-wider text-primary uppercase">Your learning path</p>
            <h1 className="text-3xl font-semibold tracking-tight">{map.group.title}</h1>
            <p className="max-w-2xl text-muted-foreground">{map.group.description}</p>
          </div>
        </div>
        {viewer && map.progressAvailable && (
          <div className="w-full rounded-xl border border-border bg-card p-3.5 md:w-64">
            <p className="mb-2 flex items-center gap-2 text-sm font-medium">
              <Trophy aria-hidden className="size-4 text-warning" />
              {done} / {exercises.length} exercises done
            </p>
            <ProgressBar value={done} max={exercises.length} label="Exercises done in this age group" />
          </div>
        )}
      </div>

      <div className="mb-6 space-y-3">
        {otherGroup && <OtherGroupNotice {...otherGroup} />}
        {!map.progressAvailable && <ProgressNotice />}
        {!viewer && (
          <div className="flex flex-col gap-3 rounded-xl border border-primary/30 bg-primary/5 p-4 sm:flex-row sm:items-center">
            <p className="flex-1 text-sm">
              <span className="font-medium">You can read every open lesson and run your code.</span>{" "}
              <span className="text-muted-foreground">
                Sign up to check your answers, save your code and unlock the next levels.
              </span>
            </p>
            <Button asChild>
              <Link href={`/sign-up?callbackUrl=${encodeURIComponent(`/learn/${map.group.id}`)}`}>
                <UserPlus aria-hidden />
                Sign up free
              </Link>
            </Button>
          </div>
        )}
        {viewer && upNext?.resumed && (
          <Button asChild variant="secondary" className="h-auto min-h-10 py-2 whitespace-normal">
            <Link href={upNext.href} data-testid="continue-link">
              Continue where you left off: “{upNext.title}”
              <ArrowRight aria-hidden />
            </Link>
          </Button>
        )}
      </div>

      <LevelMap map={map} />

      {others.length > 0 && (
        <p className="mt-10 text-center text-sm text-muted-foreground">
          Looking for other lessons? Try{" "}
          {others.map((g, i) => (
            <span key={g.id}>
              {i > 0 && " or "}
              <Link href={`/learn/${g.id}`} className="font-medium text-info underline-offset-4 hover:underline">
                {g.title}
              </Link>
            </span>
          ))}
          .
        </p>
      )}
    </main>
  );
}
