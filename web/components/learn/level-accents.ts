// One colour per level, in order, so a learner can tell levels apart at a glance. Full class
// names only: Tailwind finds classes by scanning the source.
const ACCENTS = [
  {
    badge: "bg-gradient-to-br from-emerald-300 to-teal-500",
    bar: "bg-gradient-to-r from-emerald-400 to-teal-400",
    border: "border-emerald-400/50",
    glow: "shadow-emerald-500/15",
    text: "text-emerald-700 dark:text-emerald-300",
    tile: "hover:border-emerald-300/70 focus-visible:border-emerald-300",
  },
  {
    badge: "bg-gradient-to-br from-sky-300 to-indigo-500",
    bar: "bg-gradient-to-r from-sky-400 to-indigo-400",
    border: "border-sky-400/50",
    glow: "shadow-sky-500/15",
    text: "text-sky-700 dark:text-sky-300",
    tile: "hover:border-sky-300/70 focus-visible:border-sky-300",
  },
  {
    badge: "bg-gradient-to-br from-fuchsia-300 to-violet-500",
    bar: "bg-gradient-to-r from-fuchsia-400 to-violet-400",
    border: "border-fuchsia-400/50",
    glow: "shadow-fuchsia-500/15",
    text: "text-fuchsia-700 dark:text-fuchsia-300",
    tile: "hover:border-fuchsia-300/70 focus-visible:border-fuchsia-300",
  },
  {
    badge: "bg-gradient-to-br from-amber-200 to-orange-500",
    bar: "bg-gradient-to-r from-amber-300 to-orange-400",
    border: "border-amber-400/50",
    glow: "shadow-amber-500/15",
    text: "text-amber-700 dark:text-amber-300",
    tile: "hover:border-amber-300/70 focus-visible:border-amber-300",
  },
  {
    badge: "bg-gradient-to-br from-rose-300 to-pink-500",
    bar: "bg-gradient-to-r from-rose-400 to-pink-400",
    border: "border-rose-400/50",
    glow: "shadow-rose-500/15",
    text: "text-rose-700 dark:text-rose-300",
    tile: "hover:border-rose-300/70 focus-visible:border-rose-300",
  },
] as const;

export type LevelAccent = (typeof ACCENTS)[number];

export function levelAccent(index: number): LevelAccent {
  return ACCENTS[index % ACCENTS.length] as LevelAccent;
}
