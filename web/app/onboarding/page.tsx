import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { OnboardingForm } from "@/components/auth/onboarding-form";
import { SiteHeader } from "@/components/site-header";
import { getViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Pick your lessons · Codeyard" };

// Where GitHub sign-ups land: they have no age group yet, and lessons are grouped by age.
export default async function OnboardingPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in?callbackUrl=/onboarding");
  if (viewer.ageGroup) redirect(`/learn/${viewer.ageGroup}`);

  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader brandIsHeading={false} />
      <AuthShell
        wide
        title={`Welcome, ${viewer.name}!`}
        subtitle="One last thing: pick your age group so we can show you the right lessons. You can still try any lesson later."
      >
        <OnboardingForm />
      </AuthShell>
    </div>
  );
}
