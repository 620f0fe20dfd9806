import { CircleAlert } from "lucide-react";
import { Alert } from "@/components/ui/alert";

export function AuthError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert tone="danger" data-testid="auth-error">
      <CircleAlert aria-hidden />
      <p>{message}</p>
    </Alert>
  );
}
