import { Bot, Gamepad2, type LucideIcon, Terminal } from "lucide-react";

export type AgeGroupId = "8-11" | "12-15" | "16-plus";

type AgeGroupLook = {
  id: AgeGroupId;
  label: string;
  blurb: string;
  icon: LucideIcon;
  /** Background of the icon badge. */
  badge: string;
  /** Border and glow of a selected or hovered card. */
  accent: string;
};

// How each age group looks wherever it is picked or shown: sign-up, onboarding and /learn.
export const AGE_GROUPS: readonly AgeGroupLook[] = [
  {
    id: "8-11",
    label: "Ages 8-11",
    blurb: "Robots, pizza parties and rockets",
    icon: Bot,
    badge: "bg-gradient-to-br from-amber-300 to-pink-500",
    accent: "hover:border-amber-300/60 has-[:checked]:border-amber-300 has-[:checked]:shadow-amber-400/20",
  },
  {
    id: "12-15",
    label: "Ages 12-15",
    blurb: "Games, scoreboards and puzzles",
    icon: Gamepad2,
    badge: "bg-gradient-to-br from-sky-300 to-violet-500",
    accent: "hover:border-sky-300/60 has-[:checked]:border-sky-300 has-[:checked]:shadow-sky-400/20",
  },
  {
    id: "16-plus",
    label: "Ages 16+",
    blurb: "Practical Python for real tasks",
    icon: Terminal,
    badge: "bg-gradient-to-br from-emerald-300 to-cyan-500",
    accent: "hover:border-emerald-300/60 has-[:checked]:border-emerald-300 has-[:checked]:shadow-emerald-400/20",
  },
];

export function ageGroupLook(id: string): AgeGroupLook | undefined {
  return AGE_GROUPS.find((g) => g.id === id);
}
