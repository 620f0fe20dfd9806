import { inngest } from "@codeyard/inngest";
import { serve } from "inngest/next";
import { getWorkflows } from "@/lib/server/services";

// GET|POST|PUT /api/inngest - Inngest's endpoint: introspection, registration and step execution
export const { GET, POST, PUT } = serve({ client: inngest, functions: getWorkflows().map((w) => w.fn) });
