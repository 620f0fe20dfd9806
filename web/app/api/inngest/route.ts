import { inngest } from "@codeyard/inngest";
import { serve } from "inngest/next";
import { getDispatcher } from "@/lib/server/services";

// GET|POST|PUT /api/inngest - Inngest's endpoint: introspection, registration and step execution
export const { GET, POST, PUT } = serve({ client: inngest, functions: getDispatcher().functions });
