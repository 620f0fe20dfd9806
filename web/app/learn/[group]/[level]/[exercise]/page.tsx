import { ArrowLeft, ArrowRight, Check, ChevronRight, Lock, Map as MapIcon, MessagesSquare, Target } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Hints } from "@/components/learn/lesson/hints";
import { LessonColumns } from "@/components/learn/lesson/lesson-columns";
import { LessonWorkspace } from "@/components/learn/lesson/lesson-workspace";
import { LockedPanel } from "@/components/learn/lesson/locked-panel";
import { splitTask } from "@/components/learn/lesson/split-task";
import { Markdown } from "@/components/learn/markdown";
import { OtherGroupNotice, otherGroupOf } from "@/components/learn/other-group-notice";
import { ProgressNotice } from "@/components/learn/progress-notice";
import { cn } from "@/components/ui/cn";
import { LessonFiles } from "@/components/workspace/lesson-files";
import { getViewer } from "@/lib/auth/viewer";
import { getExercise, loadCurriculum } from "@/lib/curriculum/load";
import { getLesson } from "@/lib/learning/data";
import { lessonPageData } from "@/lib/workspaces/open";

type Params = Promise<{ group: string; level: string; exercise: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { group, level, exercise } = await params;
  const found = getExercise(`${group}/${level}/${exercise}`);
  return { title: found ? `${found.title} · Learn · Codeyard` : "Lesson · Codeyard" };
}

export default async function LessonPage({ params }: { params: Params }) {
  const { group, level, exercise: slug } = await params;
  const id = `${group}/${level}/${slug}`;
  const viewer = await getViewer();
  const lesson = await getLesson(id, viewer);
  if (!lesson) notFound();

  const { exercise, state, previous, next } = lesson;
  const groupInfo = loadCurriculum().groups.find((g) => g.id === exercise.groupId);
  const levelInfo = groupInfo?.levels.find((l) => l.id === exercise.levelId);
  const levelNumber = (groupInfo?.levels.findIndex((l) => l.id === exercise.levelId) ?? -1) + 1;
  const position = (levelInfo?.exercises.findIndex((e) => e.id === exercise.id) ?? -1) + 1;
  const mapHref = `/learn/${exercise.groupId}#${exercise.levelId}`;
  const signUpHref = `/sign-up?callbackUrl=${encodeURIComponent(`/learn/${exercise.id}`)}`;
  const { nextStep } = lesson;
  // Signed-in learners get their files (a workspace per lesson); visitors keep the one-file editor.
  const files = viewer && state !== "locked" ? await lessonPageData(viewer.id, exercise.id) : null;

  const { task, lesson: lessonText } = splitTask(exercise.lessonMarkdown);
  const otherGroup = otherGroupOf(loadCurriculum().groups, viewer?.ageGroup, exercise.groupId);

  return (
    // data-lesson-page: on a desktop the learn layout then fits the window, and the two columns scroll on their own.
    <main
      data-lesson-page
      className="mx-auto flex w-full max-w-[1600px] flex-1 flex-col px-3 py-3 sm:px-5 lg:min-h-0 lg:py-4"
    >
      <nav aria-label="Breadcrumb" className="mb-3 shrink-0 overflow-x-auto">
        <ol className="flex items-center gap-1.5 text-sm whitespace-nowrap text-muted-foreground">
          <li>
            <Link
              href={`/learn/${exercise.groupId}`}
              className="inline-flex items-center gap-1.5 rounded font-medium outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
            >
              <MapIcon aria-hidden className="size-4" />
              {groupInfo?.title ?? "Lessons"}
            </Link>
          </li>
          <ChevronRight aria-hidden className="size-3.5 shrink-0" />
          <li>
            <Link
              href={mapHref}
              className="rounded outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
            >
              {levelInfo?.title ?? "Level"}
            </Link>
          </li>
          <ChevronRight aria-hidden className="size-3.5 shrink-0" />
          <li aria-current="page" className="truncate text-foreground">
            {exercise.title}
          </li>
        </ol>
      </nav>

      {otherGroup && (
        <div className="mb-3 shrink-0">
          <OtherGroupNotice {...otherGroup} />
        </div>
      )}

      {!lesson.progressAvailable && viewer && (
        <div className="mb-3 shrink-0">
          <ProgressNotice />
        </div>
      )}

      <LessonColumns
        lesson={
          <>
            <section
              data-testid="task"
              aria-labelledby="lesson-title"
              className="shrink-0 rounded-2xl border border-primary/40 bg-card p-4 shadow-sm sm:p-5"
            >
              <div className="mb-1.5 flex flex-wrap items-center gap-2 text-xs font-semibold tracking-wider uppercase">
                <span className="text-primary">
                  {levelNumber > 0 ? `Level ${levelNumber}` : levelInfo?.title}
                  {position > 0 && levelInfo ? ` · Exercise ${position} of ${levelInfo.exercises.length}` : ""}
                </span>
                {state === "done" && (
                  <span
                    data-testid="lesson-done"
                    className="inline-flex items-center gap-1 rounded-full bg-success/15 px-2 py-0.5 tracking-normal text-success normal-case"
                  >
                    <Check aria-hidden className="size-3.5" strokeWidth={3} />
                    Done
                  </span>
                )}
              </div>
              <h1 id="lesson-title" className="text-2xl font-semibold tracking-tight sm:text-3xl">
                {exercise.title}
              </h1>
              {task && (
                <div className="mt-3 border-t border-border pt-3">
                  <h2 className="flex items-center gap-2 text-base font-semibold">
                    <Target aria-hidden className="size-4 text-primary" />
                    Your task
                  </h2>
                  <div className="[&>:first-child]:mt-2 [&>:last-child]:mb-0">
                    <Markdown>{task}</Markdown>
                  </div>
                </div>
              )}
            </section>
            <article
              data-testid="lesson"
              aria-label="Lesson"
              className="shrink-0 rounded-2xl border border-border bg-card p-4 shadow-sm sm:p-6"
            >
              <div className="[&>:first-child]:mt-0">
                <Markdown>{lessonText}</Markdown>
              </div>
              <Hints hints={exercise.hints.map((hint) => <Markdown key={hint}>{hint}</Markdown>)} />
              {viewer && state !== "locked" && (
                <Link
                  href={`/reviews/request?exercise=${encodeURIComponent(exercise.id)}`}
                  data-testid="ask-reviewer"
                  className="mt-6 inline-flex items-center gap-1.5 rounded text-sm font-medium text-info outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
                >
                  <MessagesSquare aria-hidden className="size-4" />
                  Submitted an answer? Ask a reviewer
                </Link>
              )}
              <nav aria-label="Exercises" className="mt-8 grid grid-cols-2 gap-3 border-t border-border pt-5">
                {previous ? <SiblingLink exercise={previous} direction="previous" /> : <span aria-hidden />}
                {next && <SiblingLink exercise={next} direction="next" />}
              </nav>
            </article>
          </>
        }
        code={
          state === "locked" ? (
            <LockedPanel mapHref={mapHref} signUpHref={viewer ? null : signUpHref} hint={lesson.unlockHint} />
          ) : files ? (
            <LessonFiles key={exercise.id} exerciseId={exercise.id} next={nextStep} mapHref={mapHref} {...files} />
          ) : (
            <LessonWorkspace
              key={exercise.id}
              exerciseId={exercise.id}
              starter={exercise.starter}
              draft={lesson.draft}
              signedIn={viewer !== null}
              next={nextStep}
              mapHref={mapHref}
              signUpHref={signUpHref}
            />
          )
        }
      />
    </main>
  );
}

type Sibling = { id: string; title: string; state: "done" | "current" | "locked" };

function SiblingLink({ exercise, direction }: { exercise: Sibling; direction: "previous" | "next" }) {
  const isNext = direction === "next";
  const locked = exercise.state === "locked";
  const content = (
    <>
      <span className="flex items-center gap-1 text-xs text-muted-foreground">
        {!isNext && <ArrowLeft aria-hidden className="size-3.5" />}
        {isNext ? "Next" : "Previous"}
        {isNext &&
          (locked ? <Lock aria-hidden className="size-3.5" /> : <ArrowRight aria-hidden className="size-3.5" />)}
      </span>
      <span className="line-clamp-2 text-sm font-medium">{exercise.title}</span>
      {locked && <span className="sr-only">(locked)</span>}
    </>
  );
  const className = cn(
    "flex flex-col gap-0.5 rounded-lg border border-border p-3",
    isNext && "col-start-2 items-end text-right",
  );
  if (locked) {
    return (
      <span aria-disabled="true" className={cn(className, "border-dashed opacity-60")}>
        {content}
      </span>
    );
  }
  return (
    <Link
      href={`/learn/${exercise.id}`}
      className={cn(
        className,
        "outline-none transition-colors hover:border-primary/50 hover:bg-secondary/50 focus-visible:ring-2 focus-visible:ring-ring",
      )}
    >
      {content}
    </Link>
  );
}
