import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages export TypeScript source; Next compiles them.
  transpilePackages: ["@codeyard/drizzle", "@codeyard/inngest", "@codeyard/runner"],
  // PGlite loads its WASM and data files from its own folder at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "pg"],
  poweredByHeader: false,
  // Lessons and hidden tests are read from disk at run time; ship them with the server functions.
  outputFileTracingIncludes: { "/**": ["./content/curriculum/**/*"] },
};

export default config;
