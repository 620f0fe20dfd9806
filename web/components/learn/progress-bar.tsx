import { cn } from "@/components/ui/cn";

type ProgressBarProps = {
  value: number;
  max: number;
  label: string;
  /** Fill colour, a Tailwind background class. */
  tone?: string;
  className?: string;
};

export function ProgressBar({ value, max, label, tone = "bg-primary", className }: ProgressBarProps) {
  const percent = max > 0 ? Math.round((Math.min(value, max) / max) * 100) : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      aria-valuetext={`${value} of ${max}`}
      className={cn("h-2 w-full overflow-hidden rounded-full bg-secondary", className)}
    >
      <div
        className={cn("h-full rounded-full transition-[width] duration-500 ease-out", tone)}
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
