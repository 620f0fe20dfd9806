import { describe, expect, it } from "vitest";
import { getExercise } from "@/lib/curriculum/load";
import { splitTask } from "./split-task";

describe("splitTask", () => {
  it("takes the task section out of the lesson, up to the next heading", () => {
    const { task, lesson } = splitTask("Intro.\n\n## Your task\n\nPrint hi.\n\n## Going further\n\nMore.\n");
    expect(task).toBe("Print hi.");
    expect(lesson).toBe("Intro.\n\n## Going further\n\nMore.");
  });

  it("keeps a heading-like line inside a code block in the task", () => {
    const { task } = splitTask("## Your task\n\n```python\n# not a heading\n## nor this\n```\n");
    expect(task).toBe("```python\n# not a heading\n## nor this\n```");
  });

  it("leaves a lesson without a task section whole", () => {
    expect(splitTask("Just text.")).toEqual({ task: null, lesson: "Just text." });
  });

  it("finds the task of a real lesson", () => {
    const exercise = getExercise("12-15/game-basics/scoreboard");
    const { task, lesson } = splitTask(exercise?.lessonMarkdown ?? "");
    expect(task).toContain("Double XP: 300");
    expect(lesson).toContain("## f-strings");
    expect(lesson).not.toContain("Your task");
  });
});
