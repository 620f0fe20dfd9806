"use client";

import { LoaderCircle, UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import type { AgeGroupId } from "@/components/learn/age-groups";
import { Button } from "@/components/ui/button";
import { AgeGroupChoice } from "./age-group-choice";
import { AuthError } from "./auth-error";
import { PasswordField } from "./password-field";
import { TextField } from "./text-field";

const USERNAME = /^[A-Za-z0-9_-]{3,24}$/;

type Field = "username" | "password" | "ageGroup";

// Mirrors the server's rules so most mistakes are explained before a round trip; the server still decides.
function validate(username: string, password: string, ageGroup: AgeGroupId | null): [Field, string] | null {
  const name = username.trim();
  if (name.length < 3 || name.length > 24) return ["username", "Your name needs 3 to 24 characters."];
  if (!USERNAME.test(name)) return ["username", "Use only letters, digits, - and _ in your name (no spaces)."];
  if (password.length < 8) return ["password", "Your password needs at least 8 characters."];
  if (!ageGroup) return ["ageGroup", "Pick your age group."];
  return null;
}

export function SignUpForm({ callbackUrl }: { callbackUrl: string | null }) {
  const router = useRouter();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [ageGroup, setAgeGroup] = useState<AgeGroupId | null>(null);
  const [error, setError] = useState<{ field: Field | null; message: string } | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = validate(username, password, ageGroup);
    if (problem) {
      setError({ field: problem[0], message: problem[1] });
      focusField(event.currentTarget, problem[0]);
      return;
    }
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/account", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: username.trim(), password, ageGroup }),
      });
      if (response.status !== 201) {
        const body: unknown = await response.json().catch(() => null);
        const message =
          body && typeof body === "object" && "error" in body && typeof body.error === "string"
            ? body.error
            : "Your account could not be created right now. Please try again in a moment.";
        setError({ field: response.status === 409 ? "username" : null, message });
        setPending(false);
        return;
      }
      const result = await signIn("credentials", { username: username.trim(), password, redirect: false });
      if (!result?.ok || result.error) {
        setError({ field: null, message: "Your account is ready, but signing in failed. Please sign in." });
        setPending(false);
        return;
      }
      router.push(callbackUrl ?? `/learn/${ageGroup}`);
      router.refresh();
    } catch {
      setError({ field: null, message: "Could not reach Codeyard. Check your connection and try again." });
      setPending(false);
    }
  };

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5">
      <TextField
        label="Pick a Codeyard name"
        name="username"
        data-testid="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={24}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        invalid={error?.field === "username"}
        hint="3-24 letters, digits, - or _. Others see this name, so don't use your real name."
      />
      <PasswordField
        label="Password"
        name="password"
        data-testid="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        invalid={error?.field === "password"}
        hint="At least 8 characters. A short sentence is easy to remember."
      />
      <AgeGroupChoice value={ageGroup} onChange={setAgeGroup} invalid={error?.field === "ageGroup"} />
      <AuthError message={error?.message ?? null} />
      <Button type="submit" data-testid="sign-up-submit" disabled={pending} className="h-11 w-full text-base">
        {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <UserPlus aria-hidden />}
        {pending ? "Creating your account…" : "Create my account"}
      </Button>
    </form>
  );
}

function focusField(form: HTMLFormElement, field: Field) {
  const element = form.querySelector<HTMLInputElement>(`[name="${field}"]`);
  element?.focus();
}
