import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { safeCallbackUrl } from "@/components/auth/callback-url";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { SiteHeader } from "@/components/site-header";
import { getViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Sign up · Codeyard" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await getViewer()) redirect(callbackUrl ?? "/learn");
  const signInHref = callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in";

  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader brandIsHeading={false} />
      <AuthShell
        wide
        title="Join Codeyard"
        subtitle="Save your code, check your answers and unlock new levels. No email needed."
        footer={
          <>
            Already have an account?{" "}
            <Link href={signInHref} className="font-medium text-primary underline-offset-4 hover:underline">
              Sign in
            </Link>
          </>
        }
      >
        <SignUpForm callbackUrl={callbackUrl} />
      </AuthShell>
    </div>
  );
}
