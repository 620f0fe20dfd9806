import { ArrowRight, Check, History, Lock, Route, Sparkles, Trophy } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { levelAccent } from "@/components/learn/level-accents";
import { ProgressBar } from "@/components/learn/progress-bar";
import { ProgressNotice } from "@/components/learn/progress-notice";
import { RecentSubmissions } from "@/components/learn/recent-submissions";
import { SiteHeader } from "@/components/site-header";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { getViewer } from "@/lib/auth/viewer";
import { getDashboard } from "@/lib/learning/data";

export const metadata: Metadata = { title: "Dashboard · Codeyard" };

export default async function DashboardPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in?callbackUrl=/dashboard");
  const { map, levels, recent } = await getDashboard(viewer);

  const done = levels.reduce((sum, l) => sum + l.done, 0);
  const total = levels.reduce((sum, l) => sum + l.total, 0);
  const upNext = map?.continueAt;

  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader brandIsHeading={false} />
      <main data-testid="dashboard" className="mx-auto w-full max-w-5xl flex-1 px-3 py-6 sm:px-5 sm:py-10">
        <div className="mb-6 space-y-1">
          <h1 className="text-3xl font-semibold tracking-tight">Hi, {viewer.name}!</h1>
          <p className="text-muted-foreground">
            {map ? `Your lessons: ${map.group.title}.` : "Pick your age group to start your lessons."}
          </p>
        </div>

        {!viewer.ageGroup && (
          <div className="mb-6 flex flex-col gap-3 rounded-xl border border-info/30 bg-info/5 p-4 sm:flex-row sm:items-center">
            <p className="flex-1 text-sm">Lessons are made for different ages. Tell us yours to see your levels.</p>
            <Button asChild>
              <Link href="/onboarding">Pick my age group</Link>
            </Button>
          </div>
        )}
        {map && !map.progressAvailable && (
          <div className="mb-6">
            <ProgressNotice />
          </div>
        )}

        {map && (
          <div className="mb-6 grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
            <div className="rounded-2xl border border-border bg-card p-4 sm:p-5">
              <p className="flex items-center gap-2 text-sm text-muted-foreground">
                <Trophy aria-hidden className="size-4 text-warning" />
                Exercises done
              </p>
              <p data-testid="total-progress" className="mt-1 text-3xl font-semibold tracking-tight">
                {done} <span className="text-lg font-normal text-muted-foreground">/ {total}</span>
              </p>
              <ProgressBar value={done} max={total} label="Exercises done" className="mt-3" />
            </div>
            <div className="flex flex-col justify-between gap-3 rounded-2xl border border-primary/30 bg-[radial-gradient(120%_140%_at_100%_0%,rgb(52_211_153/0.14),transparent_60%)] bg-card p-4 sm:p-5">
              {upNext ? (
                <>
                  <div>
                    <p className="flex items-center gap-2 text-sm text-muted-foreground">
                      <Sparkles aria-hidden className="size-4 text-primary" />
                      {upNext.resumed ? "Continue where you left off" : "Up next"}
                    </p>
                    <p className="mt-1 text-xl font-semibold tracking-tight">{upNext.title}</p>
                    <p className="text-xs font-medium tracking-wide text-primary uppercase">
                      Level {upNext.levelNumber} · {upNext.levelTitle}
                    </p>
                    <p className="text-sm text-muted-foreground">{upNext.summary}</p>
                  </div>
                  <Button asChild className="self-start">
                    <Link href={upNext.href} data-testid="continue-link">
                      {upNext.resumed ? "Continue" : "Start"}
                      <ArrowRight aria-hidden />
                    </Link>
                  </Button>
                </>
              ) : (
                <div>
                  <p className="text-xl font-semibold tracking-tight">Every exercise done! 🏆</p>
                  <p className="text-sm text-muted-foreground">
                    You finished all of {map.group.title}. Try something new in the{" "}
                    <Link href="/" className="font-medium text-info underline-offset-4 hover:underline">
                      playground
                    </Link>
                    .
                  </p>
                </div>
              )}
            </div>
          </div>
        )}

        <div className="grid gap-6 lg:grid-cols-2">
          {map && (
            <section aria-labelledby="levels-heading" className="rounded-2xl border border-border bg-card">
              <div className="flex items-center gap-2 border-b border-border px-4 py-3">
                <Route aria-hidden className="size-4 text-muted-foreground" />
                <h2 id="levels-heading" className="font-semibold">
                  Your levels
                </h2>
                <Link
                  href={`/learn/${map.group.id}`}
                  className="ml-auto text-sm font-medium text-info underline-offset-4 hover:underline"
                >
                  Open the map
                </Link>
              </div>
              <ol className="space-y-4 p-4">
                {levels.map((level, index) => {
                  const accent = levelAccent(index);
                  return (
                    <li key={level.id} data-testid="level-progress-row" data-state={level.state}>
                      <div className="mb-1.5 flex items-center gap-2 text-sm">
                        <span
                          aria-hidden
                          className={cn(
                            "flex size-6 shrink-0 items-center justify-center rounded-md text-xs font-bold text-[#0b0f17]",
                            level.state === "locked" ? "bg-secondary text-muted-foreground" : accent.badge,
                          )}
                        >
                          {level.state === "done" ? (
                            <Check className="size-3.5" strokeWidth={3} />
                          ) : level.state === "locked" ? (
                            <Lock className="size-3" />
                          ) : (
                            index + 1
                          )}
                        </span>
                        <Link
                          href={`/learn/${map.group.id}#${level.id}`}
                          className="min-w-0 flex-1 truncate font-medium hover:underline"
                        >
                          {level.title}
                        </Link>
                        <span className="text-muted-foreground">
                          {level.done} / {level.total}
                        </span>
                      </div>
                      <ProgressBar
                        value={level.done}
                        max={level.total}
                        label={`${level.title}: exercises done`}
                        tone={accent.bar}
                      />
                      {level.unlockHint && <p className="mt-1.5 text-xs text-muted-foreground">{level.unlockHint}</p>}
                    </li>
                  );
                })}
              </ol>
            </section>
          )}

          <section
            aria-labelledby="recent-heading"
            className={cn("rounded-2xl border border-border bg-card", !map && "lg:col-span-2")}
          >
            <div className="flex items-center gap-2 border-b border-border px-4 py-3">
              <History aria-hidden className="size-4 text-muted-foreground" />
              <h2 id="recent-heading" className="font-semibold">
                Recent answers
              </h2>
            </div>
            {recent === null ? (
              <p className="p-4 text-sm text-muted-foreground">
                Your recent answers can't be loaded right now. Your lessons still work.
              </p>
            ) : recent.length === 0 ? (
              <p className="p-4 text-sm text-muted-foreground">
                No answers checked yet. Open a lesson and press <strong>Check my answer</strong> to see them here.
              </p>
            ) : (
              <RecentSubmissions submissions={recent} />
            )}
          </section>
        </div>
      </main>
    </div>
  );
}
