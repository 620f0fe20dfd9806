import { ArrowRight, Compass } from "lucide-react";
import Link from "next/link";

type Group = { id: string; title: string };

/** A learner on another age group's page (a shared link, a typed URL): calm, with the way back to their own. */
export function OtherGroupNotice({ ownGroup, thisGroup }: { ownGroup: Group; thisGroup: Group }) {
  return (
    <div
      role="status"
      data-testid="other-group-notice"
      className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-info/30 bg-info/5 px-3 py-2.5 text-sm"
    >
      <Compass aria-hidden className="size-4 shrink-0 text-info" />
      <p className="min-w-0 flex-1">
        These lessons are for the {thisGroup.title} group. Your own lessons are in {ownGroup.title}.
      </p>
      <Link
        href={`/learn/${ownGroup.id}`}
        data-testid="own-group-link"
        className="inline-flex items-center gap-1 rounded font-medium text-info underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
      >
        Go to my lessons
        <ArrowRight aria-hidden className="size-4" />
      </Link>
    </div>
  );
}

/** The viewer's own group when the page belongs to another one; null for visitors and learners without a group. */
export function otherGroupOf<G extends Group>(
  groups: readonly G[],
  viewerGroup: string | null | undefined,
  pageGroup: string,
): { ownGroup: G; thisGroup: G } | null {
  if (!viewerGroup || viewerGroup === pageGroup) return null;
  const ownGroup = groups.find((g) => g.id === viewerGroup);
  const thisGroup = groups.find((g) => g.id === pageGroup);
  return ownGroup && thisGroup ? { ownGroup, thisGroup } : null;
}
