import { cn } from "@/components/ui/cn";

/** A frozen file with line numbers; lines that have comments are marked. */
export function CodeView({ code, marked }: { code: string; marked: ReadonlySet<number> }) {
  const lines = code.split("\n");
  return (
    <pre
      data-testid="review-code"
      className="overflow-x-auto rounded-xl border border-border bg-editor py-3 font-mono text-sm leading-6"
    >
      <code>
        {lines.map((line, i) => (
          <span
            // Lines are a frozen snapshot: their index is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={i}
            data-line={i + 1}
            className={cn("flex", marked.has(i + 1) && "bg-info/10")}
          >
            <span aria-hidden className="w-12 shrink-0 select-none pr-4 text-right text-muted-foreground">
              {i + 1}
            </span>
            <span className="pr-4 whitespace-pre">{line || " "}</span>
          </span>
        ))}
      </code>
    </pre>
  );
}
