"use client";

import { ListChecks, LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { type NextStep, SubmissionResults } from "@/components/learn/lesson/submission-results";
import { useSubmission } from "@/components/learn/lesson/use-submission";
import { Button } from "@/components/ui/button";
import { fetchFile, fetchTree } from "./api";
import { WorkspaceEditor, type WorkspaceEditorProps } from "./workspace-editor";

type Props = Omit<WorkspaceEditorProps, "actions" | "children" | "resettable"> & {
  exerciseId: string;
  next: NextStep;
  mapHref: string;
};

/** A signed-in learner's lesson: their files, Run, and Check my answer on all the saved files. */
export function LessonFiles({ exerciseId, next, mapHref, ...editor }: Props) {
  const router = useRouter();
  const { state, submit, checking } = useSubmission(exerciseId, (submission) => {
    if (submission.status === "pass") router.refresh();
  });

  return (
    <WorkspaceEditor
      {...editor}
      resettable
      actions={(flush) => (
        <Button
          data-testid="submit-button"
          disabled={checking}
          aria-busy={checking}
          className="min-h-11 min-w-40"
          onClick={async () => {
            await flush();
            // Every saved file, as it is now: the grader runs main.py with the others beside it.
            const files = await fetchTree(editor.workspaceId)
              .then(({ entries }) =>
                Promise.all(entries.filter((e) => e.kind === "file").map((e) => fetchFile(editor.workspaceId, e.path))),
              )
              .catch(() => null);
            if (files) void submit(files.map(({ path, content }) => ({ path, content })));
          }}
        >
          {checking ? <LoaderCircle aria-hidden className="animate-spin" /> : <ListChecks aria-hidden />}
          {checking ? "Checking…" : "Check my answer"}
        </Button>
      )}
    >
      {state.phase !== "idle" && <SubmissionResults state={state} next={next} mapHref={mapHref} />}
    </WorkspaceEditor>
  );
}
