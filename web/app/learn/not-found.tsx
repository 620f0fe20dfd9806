import { Compass, Map as MapIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function LearnNotFound() {
  return (
    <main className="flex flex-1 flex-col items-center justify-center gap-4 px-3 py-16 text-center">
      <span className="flex size-16 items-center justify-center rounded-2xl bg-gradient-to-br from-sky-300 to-violet-500 text-[#0b0f17] shadow-lg">
        <Compass aria-hidden className="size-8" strokeWidth={2.2} />
      </span>
      <h1 className="text-2xl font-semibold tracking-tight">We could not find that lesson</h1>
      <p className="max-w-md text-muted-foreground">
        The link may be old, or the lesson has moved. Pick one from the map.
      </p>
      <Button asChild>
        <Link href="/learn">
          <MapIcon aria-hidden />
          All lessons
        </Link>
      </Button>
    </main>
  );
}
