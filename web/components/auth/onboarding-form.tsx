"use client";

import { ArrowRight, LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import type { AgeGroupId } from "@/components/learn/age-groups";
import { Button } from "@/components/ui/button";
import { AgeGroupChoice } from "./age-group-choice";
import { AuthError } from "./auth-error";

export function OnboardingForm() {
  const router = useRouter();
  const [ageGroup, setAgeGroup] = useState<AgeGroupId | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ageGroup) {
      setError("Pick your age group.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/account/age-group", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ageGroup }),
      });
      if (!response.ok) {
        const body: unknown = await response.json().catch(() => null);
        setError(
          body && typeof body === "object" && "error" in body && typeof body.error === "string"
            ? body.error
            : "Your age group could not be saved right now. Please try again in a moment.",
        );
        setPending(false);
        return;
      }
      router.push(`/learn/${ageGroup}`);
      router.refresh();
    } catch {
      setError("Could not reach Codeyard. Check your connection and try again.");
      setPending(false);
    }
  };

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5">
      <AgeGroupChoice value={ageGroup} onChange={setAgeGroup} invalid={error !== null && !ageGroup} />
      <AuthError message={error} />
      <Button type="submit" data-testid="onboarding-submit" disabled={pending} className="h-11 w-full text-base">
        {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <ArrowRight aria-hidden />}
        {pending ? "Saving…" : "Start learning"}
      </Button>
    </form>
  );
}
