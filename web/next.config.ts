import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages export TypeScript source; Next compiles them.
  transpilePackages: ["@codeyard/drizzle", "@codeyard/inngest", "@codeyard/runner"],
  // PGlite loads its WASM and data files from its own folder at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "pg"],
  poweredByHeader: false,
};

export default config;
