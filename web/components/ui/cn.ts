import { type ClassValue, clsx } from "clsx";
import { twMerge } from "tailwind-merge";

// Later classes win over earlier ones, so callers can override a variant's defaults.
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
