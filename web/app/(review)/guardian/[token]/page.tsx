import type { Metadata } from "next";
import { GuardianApproval } from "@/components/review/guardian-approval";

export const metadata: Metadata = { title: "Approve code reviews · Codeyard" };

export default async function GuardianPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-3xl font-semibold tracking-tight">May your child ask for code reviews?</h1>
      <p className="text-muted-foreground">
        On Codeyard, experienced learners (16 and older, checked by our admins for young learners) can comment on a
        child's code. Reviewers only see a nickname: never a name, email address or profile. Everything a reviewer
        writes can be reported in one click, and moderators can hide it.
      </p>
      <GuardianApproval token={token} />
    </div>
  );
}
