import type { AgeGroup, Role } from "@codeyard/drizzle";

declare module "next-auth" {
  interface Session {
    user?: { id: string; name: string; role: Role; ageGroup: AgeGroup | null };
  }
}
