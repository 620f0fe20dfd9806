import type { RunImage } from "@codeyard/runner/contract";

/** The figures a run drew (matplotlib), shown under its output. */
export function RunImages({ images }: { images: RunImage[] }) {
  if (images.length === 0) return null;
  return (
    <section
      className="grid gap-3 border-t border-border bg-card p-3 sm:grid-cols-2"
      aria-label="Figures your program drew"
    >
      {images.map((image, index) => (
        // biome-ignore lint/performance/noImgElement: data URLs from the run, not static assets next/image could optimise
        <img
          // biome-ignore lint/suspicious/noArrayIndexKey: figures are in drawing order and never reordered
          key={index}
          data-testid="run-image"
          src={`data:${image.mediaType};base64,${image.data}`}
          alt={`Figure ${index + 1} drawn by your program`}
          className="w-full rounded-md bg-white"
        />
      ))}
    </section>
  );
}
