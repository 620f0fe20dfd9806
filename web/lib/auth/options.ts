import { type AgeGroup, findOrCreateGithubUser, getUserById, getUserByUsername, type Role } from "@codeyard/drizzle";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { env } from "@/env";
import { getDb } from "@/lib/server/services";
import { verifyPassword } from "./password";

const sevenDays = 7 * 24 * 60 * 60;

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET ?? "codeyard-development-secret-not-for-production",
  session: { strategy: "jwt", maxAge: sevenDays },
  jwt: { maxAge: sevenDays },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "username",
      credentials: { username: { label: "Name", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        if (!credentials?.username || !credentials.password) return null;
        const user = await getUserByUsername(await getDb(), credentials.username);
        if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, credentials.password))) return null;
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
          .catch(() => "unavailable" as const);
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
