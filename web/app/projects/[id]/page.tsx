import { getWorkspace } from "@codeyard/drizzle";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { SiteHeader } from "@/components/site-header";
import { WorkspaceEditor } from "@/components/workspace/workspace-editor";
import { getViewer } from "@/lib/auth/viewer";
import { getDb } from "@/lib/server/services";
import { workspacePageData } from "@/lib/workspaces/open";

export const metadata: Metadata = { title: "Project · Codeyard" };

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(`/sign-in?callbackUrl=/projects/${encodeURIComponent(id)}`);
  const workspace = await getWorkspace(await getDb(), { userId: viewer.id, workspaceId: id });
  if (workspace?.kind !== "project") notFound();
  const data = await workspacePageData(viewer.id, workspace);
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader brandIsHeading={false} />
      <main className="mx-auto w-full max-w-[1400px] flex-1 space-y-3 px-3 py-4 sm:px-5">
        <Link href="/projects" className="text-sm text-muted-foreground hover:text-foreground">
          ← My projects
        </Link>
        <WorkspaceEditor {...data} resettable={false} />
      </main>
    </div>
  );
}
