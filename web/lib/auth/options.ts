import { type AgeGroup, findOrCreateGithubUser, getUserById, getUserByUsername, type Role } from "@codeyard/drizzle";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { env } from "@/env";
import { logger } from "@/lib/server/logger";
import { clientAddressOf } from "@/lib/server/quota";
import { getDb } from "@/lib/server/services";
import { verifyPasswordOrDummy } from "./password";
import { localSecretFile, resolveAuthSecret } from "./secret";
import { addressKey, getAuthLimits } from "./server-limits";

const sevenDays = 7 * 24 * 60 * 60;
// Longer than any password sign-up accepts: such a guess is checked against the dummy hash and fails.
const maxPasswordLength = 200;

let secret: string | undefined;

/** The session secret, read on first use (not at import, so `next build` needs none). Guest cookies derive theirs. */
export function authSecret(): string {
  secret ??= resolveAuthSecret({ configured: env.NEXTAUTH_SECRET, production: env.production, file: localSecretFile });
  return secret;
}

export const authOptions: NextAuthOptions = {
  get secret() {
    return authSecret();
  },
  session: { strategy: "jwt", maxAge: sevenDays },
  jwt: { maxAge: sevenDays },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "username",
      credentials: { username: { label: "Name", type: "text" }, password: { label: "Password", type: "password" } },
      // A thrown Error's message reaches the sign-in form as `error`; null means "name and password don't match".
      async authorize(credentials, request) {
        const name = credentials?.username?.trim();
        const password = credentials?.password;
        if (!name || !password) return null;
        // The cheap limit first: a locked name or a guessing address costs no database query and no hash.
        const address = addressKey(clientAddressOf(request?.headers ?? {}));
        const attempt = await getAuthLimits().beginSignIn(name, address);
        if (!attempt.ok) throw new Error(attempt.message);
        let user: Awaited<ReturnType<typeof getUserByUsername>>;
        try {
          user = await getUserByUsername(await getDb(), name);
        } catch (error) {
          logger.error({ err: error }, "sign-in could not read the accounts table");
          await attempt.release();
          throw new Error("Signing in is not possible right now. Please try again in a moment.");
        }
        const hash = password.length <= maxPasswordLength ? user?.passwordHash : null;
        if (!(await verifyPasswordOrDummy(hash, password)) || !user) return null;
        await attempt.release();
        return { id: user.id, name: user.username };
      },
    }),
    ...(env.GITHUB_ID && env.GITHUB_SECRET
      ? [GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET })]
      : []),
  ],
  callbacks: {
    async jwt({ token, user, account, profile }) {
      if (account?.provider === "github" && profile) {
        const login = (profile as { login?: string }).login ?? "learner";
        const row = await findOrCreateGithubUser(await getDb(), String(account.providerAccountId), login);
        token.uid = row.id;
      } else if (user) {
        token.uid = user.id;
      }
      // Role and age group are read fresh, so a change (or a deleted account) takes effect at once.
      // If the database cannot answer, the claims already in the token stand: lessons keep working.
      if (typeof token.uid === "string") {
        const row = await getDb()
          .then((db) => getUserById(db, token.uid as string))
          .catch((error: unknown) => {
            logger.warn({ err: error }, "could not refresh the session's role and age group");
            return "unavailable" as const;
          });
        if (row === undefined) return { ...token, uid: undefined };
        if (row !== "unavailable") {
          token.name = row.username;
          token.role = row.role;
          token.ageGroup = row.ageGroup;
        }
      }
      return token;
    },
    async session({ session, token }) {
      if (typeof token.uid !== "string") return { ...session, user: undefined };
      session.user = {
        id: token.uid,
        name: token.name ?? "",
        role: (token.role as Role) ?? "learner",
        ageGroup: (token.ageGroup as AgeGroup | null) ?? null,
      };
      return session;
    },
  },
};

export const githubEnabled = Boolean(env.GITHUB_ID && env.GITHUB_SECRET);
