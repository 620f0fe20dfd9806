import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { safeCallbackUrl } from "@/components/auth/callback-url";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SiteHeader } from "@/components/site-header";
import { githubEnabled } from "@/lib/auth/options";
import { getViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Sign in · Codeyard" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getViewer()) redirect(callbackUrl ?? "/learn");
  const signUpHref = callbackUrl ? `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-up";

  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader brandIsHeading={false} />
      <AuthShell
        title="Welcome back"
        subtitle="Sign in to carry on where you left off."
        footer={
          <>
            New to Codeyard?{" "}
            <Link href={signUpHref} className="font-medium text-primary underline-offset-4 hover:underline">
              Create an account
            </Link>
          </>
        }
      >
        <SignInForm
          githubEnabled={githubEnabled}
          callbackUrl={callbackUrl}
          initialError={describeAuthError(params.error)}
        />
      </AuthShell>
    </div>
  );
}

// next-auth sends these codes back in ?error= when a sign-in through a redirect fails.
function describeAuthError(code: string | string[] | undefined): string | null {
  const value = Array.isArray(code) ? code[0] : code;
  if (!value) return null;
  if (value === "CredentialsSignin") return "That name and password don't match. Check them and try again.";
  if (value === "AccessDenied") return "GitHub did not let us sign you in. Please try again.";
  if (value === "SessionRequired") return "Please sign in to see that page.";
  return "Signing in did not work. Please try again.";
}
