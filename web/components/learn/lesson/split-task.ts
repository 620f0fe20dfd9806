// A lesson's "## Your task" section, taken out so the page can show it first, above the lesson text.
const TASK_HEADING = /^##[ \t]+Your task[ \t]*$/im;

export function splitTask(markdown: string): { task: string | null; lesson: string } {
  const heading = TASK_HEADING.exec(markdown);
  if (!heading) return { task: null, lesson: markdown };
  const bodyStart = heading.index + heading[0].length;
  // The section ends at the next heading of the same or a higher level (outside code fences), or at the end.
  let end = markdown.length;
  let fenced = false;
  let offset = bodyStart;
  for (const line of markdown.slice(bodyStart).split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced && /^#{1,2}[ \t]/.test(line)) {
      end = offset;
      break;
    }
    offset += line.length + 1;
  }
  const task = markdown.slice(bodyStart, end).trim();
  const lesson = `${markdown.slice(0, heading.index).trimEnd()}\n\n${markdown.slice(end).trimStart()}`.trim();
  return { task: task || null, lesson };
}
