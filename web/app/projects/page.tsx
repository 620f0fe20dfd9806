import { listProjects } from "@codeyard/drizzle";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/site-header";
import { NewProjectForm } from "@/components/workspace/new-project-form";
import { getViewer } from "@/lib/auth/viewer";
import { getDb } from "@/lib/server/services";

export const metadata: Metadata = { title: "My projects · Codeyard" };

export default async function ProjectsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in?callbackUrl=/projects");
  const projects = await listProjects(await getDb(), viewer.id);
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader brandIsHeading={false} />
      <main className="mx-auto w-full max-w-4xl flex-1 space-y-6 px-4 py-6">
        <h1 className="text-2xl font-semibold tracking-tight">My projects</h1>
        <p className="text-sm text-muted-foreground">Your own programs with as many files and folders as you like.</p>
        <NewProjectForm />
        <ul className="divide-y divide-border rounded-xl border border-border bg-card">
          {projects.length === 0 && <li className="p-4 text-sm text-muted-foreground">No projects yet.</li>}
          {projects.map((p) => (
            <li key={p.id}>
              <Link href={`/projects/${p.id}`} className="flex items-center justify-between p-4 hover:bg-secondary/50">
                <span className="font-medium">{p.name}</span>
                <span className="text-xs text-muted-foreground">{p.language}</span>
              </Link>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
