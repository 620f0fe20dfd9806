import { defaultGradingSlots, defaultRunnerSlots } from "@codeyard/runner/contract";
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

const loopbackHosts = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** "1"/"true" means on; a URL (the form the Inngest SDK also accepts) means on, with that dev server. */
const devSetting = z
  .union([z.enum(["1", "0", "true", "false"]), z.url({ error: "INNGEST_DEV must be 1, 0 or the dev server's URL" })])
  .optional();

function parse(source: Record<string, string | undefined>) {
  return createEnv({
    server: {
      NODE_ENV: z.string().default("development"),
      VERCEL: z.string().optional(),
      // `production` turns on the production checks outside Vercel (a self-hosted deployment).
      CODEYARD_ENV: z.enum(["local", "production"]).optional(),
      // Inngest Cloud needs both keys; INNGEST_DEV=1 (or the dev server's URL) uses a local Inngest dev server.
      INNGEST_EVENT_KEY: z.string().min(1).optional(),
      INNGEST_SIGNING_KEY: z.string().min(1).optional(),
      INNGEST_DEV: devSetting,
      // Where the Inngest server is (self-hosted Inngest, or a dev server elsewhere than localhost:8288).
      INNGEST_BASE_URL: z.url().optional(),
      // The origin Inngest calls back (https://codeyard.example); defaults to NEXTAUTH_URL.
      INNGEST_SERVE_ORIGIN: z.url().optional(),
      NEXTAUTH_URL: z.url().optional(),
      RUNNER_URL: z.url().default("http://127.0.0.1:8787"),
      // Several runners, comma-separated (each of the same size, RUNNER_CONCURRENCY); unset: RUNNER_URL alone.
      // An entry may carry the address browsers reach that runner at: `http://10.0.0.2:8787=https://r2.example`.
      RUNNER_URLS: z.string().optional(),
      // The (single) runner's address as browsers reach it, for live-run and terminal sockets. Default: RUNNER_URL.
      RUNNER_PUBLIC_URL: z
        .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://runner.codeyard.dev" })
        .optional(),
      RUNNER_TOKEN: z.string().min(16, "RUNNER_TOKEN must be at least 16 characters").optional(),
      // The runner's capacity (its RUNNER_MAX_CONCURRENT) and the share of it gradings may use (its
      // RUNNER_GRADING_SLOTS): Inngest's limits, the runner and backpressure all use these two figures.
      RUNNER_CONCURRENCY: z.coerce.number().int().min(2).max(100).default(defaultRunnerSlots),
      RUNNER_GRADING_SLOTS: z.coerce.number().int().min(1).max(99).optional(),
      // Finished runs are deleted after this many days.
      RETENTION_DAYS: z.coerce.number().int().min(1).default(7),
      LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    },
    // A copy: env-core deletes empty keys from the object it is given.
    runtimeEnv: { ...source },
    emptyStringAsUndefined: true,
    onValidationError: (issues) => {
      throw new Error(
        `Invalid Inngest/runner configuration:\n${issues.map((i) => `  ${i.path?.join(".")}: ${i.message}`).join("\n")}`,
      );
    },
  });
}

type Raw = ReturnType<typeof parse>;

function isLoopback(url: string): boolean {
  return loopbackHosts.has(new URL(url).hostname);
}

/** Every problem that must stop a production start, as sentences naming the variable to set. */
export function productionProblems(e: Raw): string[] {
  const problems: string[] = [];
  if (!e.INNGEST_EVENT_KEY) problems.push("INNGEST_EVENT_KEY is missing: runs need Inngest in production.");
  if (!e.INNGEST_SIGNING_KEY)
    problems.push("INNGEST_SIGNING_KEY is missing: Inngest's calls to /api/inngest must be signed.");
  if (!e.RUNNER_TOKEN) problems.push("RUNNER_TOKEN is missing: the same secret the runner was started with.");
  return problems;
}

function isProduction(e: Raw): boolean {
  return e.CODEYARD_ENV === "production" || (e.NODE_ENV === "production" && !!e.VERCEL);
}

function check(e: Raw, building: boolean): void {
  const problems: string[] = [];
  if (isProduction(e) && !building) problems.push(...productionProblems(e));
  if (e.INNGEST_EVENT_KEY && !e.INNGEST_SIGNING_KEY && !devOn(e))
    problems.push("INNGEST_EVENT_KEY is set without INNGEST_SIGNING_KEY: set both, or neither for in-process runs.");
  problems.push(...runnerProblems(e));
  if (gradingSlots(e) >= e.RUNNER_CONCURRENCY)
    problems.push("RUNNER_GRADING_SLOTS must be below RUNNER_CONCURRENCY: runs keep at least one slot.");
  if (problems.length > 0) throw new Error(`Invalid Inngest/runner configuration:\n  ${problems.join("\n  ")}`);
}

/** One runner: where the web app's server calls it, and where browsers open its sockets. */
export interface RunnerAddress {
  url: string;
  publicUrl: string;
}

const trimSlash = (url: string) => url.trim().replace(/\/+$/, "");
const HttpUrl = z.string().refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol));

/**
 * `internal[=public]` entries, comma-separated. Every runner names its public address or none does (then each is
 * reached at its own URL, as with one runner): a socket must reach the very runner that holds its run.
 */
const RunnerList = z
  .string()
  .transform((list) => list.split(",").map(trimSlash).filter(Boolean))
  .pipe(
    z.array(
      z.string().transform((entry, ctx) => {
        const at = entry.indexOf("=");
        const url = trimSlash(at < 0 ? entry : entry.slice(0, at));
        const publicUrl = at < 0 ? undefined : trimSlash(entry.slice(at + 1));
        if (!HttpUrl.safeParse(url).success)
          ctx.addIssue({ code: "custom", message: `must list http(s) URLs separated by commas (got ${url})` });
        else if (publicUrl !== undefined && !HttpUrl.safeParse(publicUrl).success)
          ctx.addIssue({
            code: "custom",
            message: `gives ${url} a public address that is not an http(s) URL (got ${publicUrl || "nothing"})`,
          });
        return { url, publicUrl };
      }),
    ),
  );

function parseRunners(e: Raw): { problems: string[]; runners: RunnerAddress[] } {
  if (!e.RUNNER_URLS)
    return { problems: [], runners: [{ url: e.RUNNER_URL, publicUrl: e.RUNNER_PUBLIC_URL ?? e.RUNNER_URL }] };
  const parsed = RunnerList.safeParse(e.RUNNER_URLS);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `RUNNER_URLS ${i.message}.`), runners: [] };
  const entries = parsed.data;
  const problems: string[] = [];
  const named = entries.filter((r) => r.publicUrl !== undefined).length;
  if (named > 0 && named < entries.length)
    problems.push(
      "RUNNER_URLS gives some runners a public address (url=public) and not others: give every runner one, or none.",
    );
  if (e.RUNNER_PUBLIC_URL && entries.length > 1)
    problems.push(
      "RUNNER_PUBLIC_URL names one runner's address, but RUNNER_URLS lists several: give each its own as url=public in RUNNER_URLS, and unset RUNNER_PUBLIC_URL.",
    );
  const single = entries.length === 1 ? e.RUNNER_PUBLIC_URL : undefined;
  const runners = entries.map((r) => ({ url: r.url, publicUrl: r.publicUrl ?? single ?? r.url }));
  return { problems, runners };
}

function runnerProblems(e: Raw): string[] {
  const { problems, runners } = parseRunners(e);
  const name = e.RUNNER_URLS ? "RUNNER_URLS" : "RUNNER_URL";
  for (const { url } of runners)
    if (new URL(url).protocol !== "https:" && !isLoopback(url))
      problems.push(`${name} must use https unless it points at this machine (got ${url}).`);
  if (e.RUNNER_URLS && runners.length === 0 && problems.length === 0)
    problems.push("RUNNER_URLS lists no runner: give at least one URL, or unset it.");
  const urls = runners.map((r) => r.url);
  if (new Set(urls).size !== urls.length) problems.push("RUNNER_URLS lists the same runner twice.");
  const publics = runners.map((r) => r.publicUrl);
  if (new Set(publics).size !== publics.length)
    problems.push(
      "RUNNER_URLS gives two runners the same public address: a browser's socket must reach the runner that holds its run.",
    );
  return problems;
}

/** The runners work is shared between: RUNNER_URLS when set, else RUNNER_URL alone. */
function runnersOf(e: Raw): RunnerAddress[] {
  return parseRunners(e).runners;
}

function gradingSlots(e: Raw): number {
  return e.RUNNER_GRADING_SLOTS ?? defaultGradingSlots(e.RUNNER_CONCURRENCY);
}

function devOn(e: Raw): boolean {
  return e.INNGEST_DEV !== undefined && e.INNGEST_DEV !== "0" && e.INNGEST_DEV !== "false";
}

/** Parses and checks the configuration; throws with every problem as a sentence. */
export function loadEnv(source: Record<string, string | undefined>) {
  const raw = parse(source);
  check(raw, source.NEXT_PHASE === "phase-production-build");
  const devUrl = raw.INNGEST_DEV?.startsWith("http") ? raw.INNGEST_DEV : undefined;
  const dev = devOn(raw);
  const runners = runnersOf(raw);
  return {
    ...raw,
    production: isProduction(raw),
    /** Inngest's dev server (no signatures) when set; Inngest Cloud with both keys; else the in-process driver. */
    inngestDev: dev,
    inngestBaseUrl: raw.INNGEST_BASE_URL ?? devUrl,
    serveOrigin: raw.INNGEST_SERVE_ORIGIN ?? raw.NEXTAUTH_URL,
    dispatchMode:
      dev || (raw.INNGEST_EVENT_KEY && raw.INNGEST_SIGNING_KEY) ? ("inngest" as const) : ("inline" as const),
    /** Each runner's server-side URL and the public address browsers open its sockets on. */
    runners,
    runnerUrls: runners.map((r) => r.url),
    /** Sandbox slots of all runners together: gradings may hold at most `gradings`; the rest is kept for runs. */
    capacity: {
      total: raw.RUNNER_CONCURRENCY * runners.length,
      gradings: gradingSlots(raw) * runners.length,
    },
  };
}

export const env = loadEnv(process.env);
