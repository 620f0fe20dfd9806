"use client";

import { LoaderCircle, LogIn } from "lucide-react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { AuthError } from "./auth-error";
import { PasswordField } from "./password-field";
import { TextField } from "./text-field";

type SignInFormProps = {
  githubEnabled: boolean;
  callbackUrl: string | null;
  /** An error next-auth put in the query string after a failed GitHub sign-in. */
  initialError: string | null;
};

export function SignInForm({ githubEnabled, callbackUrl, initialError }: SignInFormProps) {
  const router = useRouter();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState<"credentials" | "github" | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError("Type your Codeyard name and your password.");
      return;
    }
    setPending("credentials");
    setError(null);
    try {
      const result = await signIn("credentials", { username: username.trim(), password, redirect: false });
      if (!result?.ok || result.error) {
        // A lockout arrives as its own sentence ("Too many attempts ... wait 12 minutes"); show it as it is.
        const said = result?.error;
        setError(
          said === "CredentialsSignin"
            ? "That name and password don't match. Check them and try again."
            : said?.includes(" ")
              ? said
              : "Signing in did not work right now. Please try again in a moment.",
        );
        setPending(null);
        return;
      }
      router.push(callbackUrl ?? "/learn");
      router.refresh();
    } catch {
      setError("Could not reach Codeyard. Check your connection and try again.");
      setPending(null);
    }
  };

  return (
    <div className="space-y-5">
      {githubEnabled && (
        <>
          <Button
            variant="secondary"
            className="h-11 w-full text-base"
            disabled={pending !== null}
            onClick={() => {
              setPending("github");
              void signIn("github", { callbackUrl: callbackUrl ?? "/onboarding" });
            }}
          >
            {pending === "github" ? <LoaderCircle aria-hidden className="animate-spin" /> : <GitHubMark />}
            Continue with GitHub
          </Button>
          <div className="flex items-center gap-3 text-xs text-muted-foreground">
            <span className="h-px flex-1 bg-border" />
            or with your Codeyard name
            <span className="h-px flex-1 bg-border" />
          </div>
        </>
      )}
      <form noValidate onSubmit={onSubmit} className="space-y-5">
        <TextField
          label="Codeyard name"
          name="username"
          data-testid="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          invalid={error !== null && !username.trim()}
        />
        <PasswordField
          label="Password"
          name="password"
          data-testid="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          invalid={error !== null && !password}
        />
        <AuthError message={error} />
        <Button
          type="submit"
          data-testid="sign-in-submit"
          disabled={pending !== null}
          className="h-11 w-full text-base"
        >
          {pending === "credentials" ? <LoaderCircle aria-hidden className="animate-spin" /> : <LogIn aria-hidden />}
          {pending === "credentials" ? "Signing in…" : "Sign in"}
        </Button>
      </form>
    </div>
  );
}

// lucide no longer ships brand marks.
function GitHubMark() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden fill="currentColor">
      <path d="M8 0C3.58 0 0 3.58 0 8c0 3.54 2.29 6.53 5.47 7.59.4.07.55-.17.55-.38 0-.19-.01-.82-.01-1.49-2.01.37-2.53-.49-2.69-.94-.09-.23-.48-.94-.82-1.13-.28-.15-.68-.52-.01-.53.63-.01 1.08.58 1.23.82.72 1.21 1.87.87 2.33.66.07-.52.28-.87.51-1.07-1.78-.2-3.64-.89-3.64-3.95 0-.87.31-1.59.82-2.15-.08-.2-.36-1.02.08-2.12 0 0 .67-.21 2.2.82.64-.18 1.32-.27 2-.27.68 0 1.36.09 2 .27 1.53-1.04 2.2-.82 2.2-.82.44 1.1.16 1.92.08 2.12.51.56.82 1.27.82 2.15 0 3.07-1.87 3.75-3.65 3.95.29.25.54.73.54 1.48 0 1.07-.01 1.93-.01 2.2 0 .21.15.46.55.38A8.013 8.013 0 0016 8c0-4.42-3.58-8-8-8z" />
    </svg>
  );
}
