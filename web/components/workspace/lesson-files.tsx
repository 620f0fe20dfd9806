"use client";

import { useRouter } from "next/navigation";
import { CheckButtons } from "@/components/learn/lesson/check-buttons";
import { ExampleResults } from "@/components/learn/lesson/example-results";
import { type NextStep, SubmissionResults } from "@/components/learn/lesson/submission-results";
import { useSubmission } from "@/components/learn/lesson/use-submission";
import { fetchFile, fetchTree } from "./api";
import { WorkspaceEditor, type WorkspaceEditorProps } from "./workspace-editor";

type Props = Omit<WorkspaceEditorProps, "actions" | "children" | "resettable"> & {
  exerciseId: string;
  next: NextStep;
  mapHref: string;
};

/** A signed-in learner's lesson: their files, Run, Run examples and Check my answer on all the saved files. */
export function LessonFiles({ exerciseId, next, mapHref, ...editor }: Props) {
  const router = useRouter();
  // A passed answer changes the map (this exercise done, maybe the next level open): fetch the page's data again.
  const { state, submit, checking, mode } = useSubmission(
    exerciseId,
    (submission, finished) => {
      if (submission.status === "pass" && finished === "answer") router.refresh();
    },
    editor.entry,
  );

  return (
    <WorkspaceEditor
      {...editor}
      resettable
      actions={(flush) => (
        <CheckButtons
          busy={checking ? mode : null}
          onCheck={async (check) => {
            await flush();
            // Every saved file, as it is now: the grader runs the entry file with the others beside it.
            const files = await fetchTree(editor.workspaceId)
              .then(({ entries }) =>
                Promise.all(entries.filter((e) => e.kind === "file").map((e) => fetchFile(editor.workspaceId, e.path))),
              )
              .catch(() => null);
            if (files)
              void submit(
                files.map(({ path, content }) => ({ path, content })),
                check,
              );
          }}
        />
      )}
    >
      {state.phase !== "idle" &&
        (mode === "examples" ? (
          <ExampleResults state={state} />
        ) : (
          <SubmissionResults state={state} next={next} mapHref={mapHref} />
        ))}
    </WorkspaceEditor>
  );
}
