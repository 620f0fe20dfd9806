import { Lock, Map as MapIcon, UserPlus } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

/** `hint`: what opens the level, from its unlock rule ("Pass 3 of 4 in “Loops” to open this."). */
type LockedPanelProps = { mapHref: string; signUpHref: string | null; hint?: string | null };

export function LockedPanel({ mapHref, signUpHref, hint }: LockedPanelProps) {
  return (
    <section
      data-testid="locked"
      aria-labelledby="locked-heading"
      className="flex flex-col items-center gap-4 rounded-2xl border border-dashed border-border bg-card px-5 py-12 text-center"
    >
      <span className="flex size-16 items-center justify-center rounded-full bg-secondary text-muted-foreground">
        <Lock aria-hidden className="size-7" />
      </span>
      <div className="max-w-sm space-y-1.5">
        <h2 id="locked-heading" className="text-lg font-semibold">
          This exercise is still locked
        </h2>
        <p data-testid="unlock-hint" className="text-sm text-muted-foreground">
          {signUpHref
            ? "Sign up and finish the level before this one to unlock it. You can read the lesson already."
            : `${hint ?? "Finish the level before this one to unlock it."} You can read the lesson already.`}
        </p>
      </div>
      <div className="flex flex-wrap justify-center gap-2">
        <Button asChild variant="secondary">
          <Link href={mapHref} data-testid="back-to-map">
            <MapIcon aria-hidden />
            Back to the map
          </Link>
        </Button>
        {signUpHref && (
          <Button asChild>
            <Link href={signUpHref}>
              <UserPlus aria-hidden />
              Sign up
            </Link>
          </Button>
        )}
      </div>
    </section>
  );
}
