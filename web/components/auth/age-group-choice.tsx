import { AGE_GROUPS, type AgeGroupId } from "@/components/learn/age-groups";
import { cn } from "@/components/ui/cn";

type AgeGroupChoiceProps = {
  value: AgeGroupId | null;
  onChange: (value: AgeGroupId) => void;
  invalid?: boolean;
  describedBy?: string;
};

/** Three big radio cards. Real radio inputs, so arrow keys, labels and screen readers work as usual. */
export function AgeGroupChoice({ value, onChange, invalid, describedBy }: AgeGroupChoiceProps) {
  return (
    <fieldset aria-describedby={describedBy} aria-invalid={invalid || undefined}>
      <legend className="mb-2 text-sm font-medium">How old are you?</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {AGE_GROUPS.map(({ id, label, blurb, icon: Icon, badge, accent }) => (
          <label
            key={id}
            data-testid={`age-group-${id}`}
            className={cn(
              "relative flex cursor-pointer items-center gap-3 rounded-xl border-2 border-border bg-input p-3 shadow-lg shadow-transparent transition-[border-color,box-shadow,background-color] has-[:checked]:bg-card-header has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring has-[:focus-visible]:ring-offset-2 has-[:focus-visible]:ring-offset-background sm:flex-col sm:items-start sm:p-4",
              invalid && "border-danger/50",
              accent,
            )}
          >
            <input
              type="radio"
              name="ageGroup"
              value={id}
              checked={value === id}
              onChange={() => onChange(id)}
              className="peer sr-only"
            />
            <span
              aria-hidden
              className={cn("flex size-10 shrink-0 items-center justify-center rounded-lg text-[#0b0f17]", badge)}
            >
              <Icon className="size-5" strokeWidth={2.4} />
            </span>
            <span className="min-w-0">
              <span className="block text-base font-semibold">{label}</span>
              <span className="block text-xs text-muted-foreground">{blurb}</span>
            </span>
            <span
              aria-hidden
              className="absolute top-3 right-3 size-4 rounded-full border-2 border-border peer-checked:border-[5px] peer-checked:border-primary"
            />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
