import { ArrowRight, Sparkles } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ageGroupLook } from "@/components/learn/age-groups";
import { cn } from "@/components/ui/cn";
import { getViewer } from "@/lib/auth/viewer";
import { listAgeGroups } from "@/lib/learning/data";

export const metadata: Metadata = { title: "Learn Python · Codeyard" };

export default async function LearnPage() {
  const viewer = await getViewer();
  if (viewer?.ageGroup) redirect(`/learn/${viewer.ageGroup}`);
  const groups = listAgeGroups();

  return (
    <main className="mx-auto w-full max-w-5xl flex-1 px-3 py-8 sm:px-5 sm:py-12">
      <div className="mb-8 max-w-2xl space-y-3">
        <p className="inline-flex items-center gap-1.5 rounded-full border border-primary/30 bg-primary/10 px-3 py-1 text-xs font-medium text-primary">
          <Sparkles aria-hidden className="size-3.5" />
          Lessons for every age
        </p>
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Learn Python, one level at a time</h1>
        <p className="text-muted-foreground">
          Read a short lesson, write a little program, press Run to try it and Check my answer to see if it works. Pick
          the lessons made for your age.
        </p>
      </div>

      {viewer && !viewer.ageGroup && (
        <p className="mb-6 rounded-lg border border-info/30 bg-info/5 px-3 py-2.5 text-sm">
          <Link href="/onboarding" className="font-medium text-info underline underline-offset-4">
            Pick your age group
          </Link>{" "}
          and we will take you straight to your lessons next time.
        </p>
      )}

      <ul className="grid gap-4 md:grid-cols-3">
        {groups.map((group) => {
          const look = ageGroupLook(group.id);
          const Icon = look?.icon;
          return (
            <li key={group.id}>
              <Link
                href={`/learn/${group.id}`}
                data-testid="age-group-card"
                data-group-id={group.id}
                className={cn(
                  "group flex h-full flex-col gap-4 rounded-2xl border-2 border-border bg-card p-5 shadow-xl shadow-black/20 outline-none transition-[border-color,transform] hover:-translate-y-1 focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background",
                  look?.accent,
                )}
              >
                <span
                  aria-hidden
                  className={cn(
                    "flex size-14 items-center justify-center rounded-2xl text-[#0b0f17] shadow-lg",
                    look?.badge ?? "bg-primary",
                  )}
                >
                  {Icon && <Icon className="size-7" strokeWidth={2.2} />}
                </span>
                <span className="flex-1 space-y-1.5">
                  <span className="block text-xl font-semibold tracking-tight">{group.title}</span>
                  <span className="block text-sm text-muted-foreground">{group.description}</span>
                </span>
                <span className="inline-flex items-center gap-1.5 text-sm font-medium text-primary">
                  Start learning
                  <ArrowRight aria-hidden className="size-4 transition-transform group-hover:translate-x-1" />
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
