"use client";

import { FolderPlus, LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { readApiError } from "@/components/run/api";
import { Button } from "@/components/ui/button";
import { WorkspaceView } from "@/lib/workspaces/view";

/** Name and language of a new personal project; opens it once made. */
export function NewProjectForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [language, setLanguage] = useState<"python" | "javascript">("python");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        setError(null);
        const response = await fetch("/api/workspaces", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name, language }),
        }).catch(() => null);
        if (response?.ok) {
          const { id } = WorkspaceView.parse((await response.json()).workspace);
          router.push(`/projects/${id}`);
          return;
        }
        setError(
          response ? (await readApiError(response, "The project was not created")).message : "You seem to be offline.",
        );
        setPending(false);
      }}
    >
      <label className="flex flex-col gap-1 text-sm">
        Project name
        <input
          data-testid="project-name"
          required
          maxLength={60}
          value={name}
          onChange={(e) => setName(e.target.value)}
          className="h-10 w-64 rounded-md border border-border bg-background px-3 outline-none focus-visible:ring-2 focus-visible:ring-ring"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        Language
        <select
          value={language}
          onChange={(e) => setLanguage(e.target.value === "javascript" ? "javascript" : "python")}
          className="h-10 rounded-md border border-border bg-background px-3"
        >
          <option value="python">Python</option>
          <option value="javascript">JavaScript</option>
        </select>
      </label>
      <Button type="submit" data-testid="create-project" disabled={pending} className="h-10">
        {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <FolderPlus aria-hidden />}
        Create project
      </Button>
      {error && (
        <p role="alert" className="basis-full text-sm text-danger">
          {error}
        </p>
      )}
    </form>
  );
}
