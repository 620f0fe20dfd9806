import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";

const alertVariants = cva(
  "flex items-start gap-3 rounded-lg border px-3 py-2.5 text-sm [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0",
  {
    variants: {
      tone: {
        danger: "border-danger/40 bg-danger/10 text-danger-foreground [&>svg]:text-danger",
        warning: "border-warning/40 bg-warning/10 text-warning-foreground [&>svg]:text-warning",
      },
    },
    defaultVariants: { tone: "danger" },
  },
);

type AlertProps = ComponentProps<"div"> & VariantProps<typeof alertVariants>;

export function Alert({ className, tone, ...props }: AlertProps) {
  return <div role="alert" className={cn(alertVariants({ tone }), className)} {...props} />;
}
