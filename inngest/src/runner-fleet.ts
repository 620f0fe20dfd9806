// Which runner takes a piece of work, when there are several (RUNNER_URLS). A learner's runs stay on one runner
// while it is healthy (rendezvous hashing on the user id: their warm session lives there, and when a runner
// goes, only its own learners move); anonymous runs and gradings go to the least busy. A runner that fails its
// health check, drops the connection or says it is draining is skipped and the next in line takes the work at once.
import { createHash } from "node:crypto";
import { type Db, getExecutionRunner, setExecutionRunner } from "@codeyard/drizzle";
import { env, type RunnerAddress } from "./env";
import { logger } from "./logger";
import { createRunnerClient, type RunnerAnswer, type RunnerClient } from "./runner-client";

/** How long a health answer is trusted: a healthy runner is asked again after this, a failed one too. */
export const healthTtlMs = { up: 5_000, down: 3_000 };

export interface RunnerFleetDeps {
  /** Each runner's URL, or its URL and public address (default: RUNNER_URLS, or RUNNER_URL alone). */
  urls?: (string | RunnerAddress)[];
  /** Records which runner holds a run, and finds it again for Stop. Without it, Stop asks every runner. */
  getDb?: () => Promise<Db>;
  connect?: (url: string) => RunnerClient;
}

/** A fleet is a runner client that also says where a learner's sockets go. */
export interface RunnerFleet extends RunnerClient {
  /** The runner a learner's work goes to now (their session's home): the first healthy one in their order. */
  homeOf(userId: string): Promise<RunnerAddress>;
  /** A runner by its URL (as `executions.runner_url` records it); undefined when it is no longer listed. */
  addressOf(url: string): RunnerAddress | undefined;
}

interface Member {
  url: string;
  publicUrl: string;
  client: RunnerClient;
  inFlight: number;
  health?: { ok: boolean; until: number; pending?: Promise<boolean> };
}

/**
 * Whether the runner's process still answers HTTP at all (any status, even 503 while draining): one that is alive
 * keeps a run it was sent, and sending that run to another runner would run it twice.
 */
async function isAlive(url: string): Promise<boolean> {
  try {
    await fetch(new URL("/healthz", url), { signal: AbortSignal.timeout(10_000) });
    return true;
  } catch {
    return false;
  }
}

/** Rendezvous (highest random weight) score of a runner for a key. */
function score(url: string, key: string): number {
  return createHash("sha256").update(`${url}\n${key}`).digest().readUInt32BE(0);
}

/** The order to try runners in: by stickiness (a user) or load (the rest), healthy ones first. */
export function rankRunners<T extends { url: string; inFlight: number }>(
  members: T[],
  work: { userId?: string; id: string },
  isUp: (m: T) => boolean,
): T[] {
  const byHash = (key: string) => (a: T, b: T) => score(b.url, key) - score(a.url, key);
  const ordered = work.userId
    ? [...members].sort(byHash(`user:${work.userId}`))
    : [...members].sort((a, b) => a.inFlight - b.inFlight || byHash(`work:${work.id}`)(a, b));
  return [...ordered.filter(isUp), ...ordered.filter((m) => !isUp(m))];
}

export function createRunnerFleet(deps: RunnerFleetDeps = {}): RunnerFleet {
  const addresses = (deps.urls ?? env.runners).map((r) => (typeof r === "string" ? { url: r, publicUrl: r } : r));
  const connect = deps.connect ?? ((url: string) => createRunnerClient({ url }));
  const members: Member[] = addresses.map((r) => ({ ...r, client: connect(r.url), inFlight: 0 }));

  const markDown = (m: Member) => {
    m.health = { ok: false, until: Date.now() + healthTtlMs.down };
  };
  async function checkHealth(m: Member): Promise<boolean> {
    if (m.health && (m.health.pending || m.health.until > Date.now())) return m.health.pending ?? m.health.ok;
    const pending = m.client.healthy().catch(() => false);
    m.health = { ok: m.health?.ok ?? true, until: 0, pending };
    const ok = await pending;
    m.health = { ok, until: Date.now() + (ok ? healthTtlMs.up : healthTtlMs.down) };
    if (!ok) logger.warn({ runner: m.url }, "runner failed its health check; its work goes to the others");
    return ok;
  }

  /** Tries the ranked runners in turn: the next one when a runner cannot be reached, else its answer. */
  async function send<T>(
    work: { userId?: string; id: string; kind: "run" | "grade" },
    call: (client: RunnerClient) => Promise<RunnerAnswer<T>>,
  ): Promise<RunnerAnswer<T>> {
    if (members.length === 1) return call((members[0] as Member).client);
    await Promise.all(members.map(checkHealth));
    let ranked = rankRunners(members, work, (m) => m.health?.ok !== false);
    const db = work.kind === "run" && deps.getDb ? await deps.getDb() : undefined;
    if (db && !work.userId) {
      // A retry of an anonymous run goes back to the runner that has it, which answers from its record.
      const held = await getExecutionRunner(db, work.id);
      const holder = ranked.find((m) => m.url === held && m.health?.ok !== false);
      if (holder) ranked = [holder, ...ranked.filter((m) => m !== holder)];
    }
    let last: RunnerAnswer<T> | undefined;
    let busy: RunnerAnswer<T> | undefined;
    for (const m of ranked) {
      // Work a full runner refused spills over to healthy runners only: a down one would not take it either.
      if (busy && m.health?.ok === false) continue;
      if (db) await setExecutionRunner(db, work.id, m.url);
      m.inFlight++;
      try {
        last = await call(m.client);
      } finally {
        m.inFlight--;
      }
      if (last.kind === "done") return last;
      if (last.kind === "busy") {
        // A draining runner (its health check now fails) is skipped. A full one does not hold this id (it would
        // have joined it): a learner's run waits for their own runner (their session), other work tries the next.
        m.health = undefined;
        if (!(await checkHealth(m))) {
          logger.warn({ runner: m.url, id: work.id, reason: last.message }, "runner draining; trying the next");
          continue;
        }
        if (work.userId) return last;
        busy ??= last;
        continue;
      }
      if (last.sent && (await isAlive(m.url))) {
        // It got the request and may be running it: ask it again later (it joins or answers from its record).
        logger.warn({ runner: m.url, id: work.id, reason: last.message }, "runner slow to answer; asking it again");
        return last;
      }
      markDown(m);
      logger.warn({ runner: m.url, id: work.id, reason: last.message }, "runner unreachable; trying the next");
    }
    return busy ?? (last as RunnerAnswer<T>);
  }

  const addressOf = (m: Member): RunnerAddress => ({ url: m.url, publicUrl: m.publicUrl });

  return {
    async homeOf(userId) {
      if (members.length > 1) await Promise.all(members.map(checkHealth));
      const [home] = rankRunners(members, { userId, id: userId }, (m) => m.health?.ok !== false);
      return addressOf(home as Member);
    },
    addressOf(url) {
      const m = members.find((m) => m.url === url);
      return m && addressOf(m);
    },
    run: (request, requestId) =>
      send({ id: request.id, userId: request.session?.userId, kind: "run" }, (c) => c.run(request, requestId)),
    grade: (request, requestId) => send({ id: request.id, kind: "grade" }, (c) => c.grade(request, requestId)),
    async healthy() {
      return (await Promise.all(members.map(checkHealth))).some(Boolean);
    },
    async cancel(executionId) {
      const held = deps.getDb ? await getExecutionRunner(await deps.getDb(), executionId) : null;
      const holder = members.find((m) => m.url === held);
      if (holder) return holder.client.cancel(executionId);
      // Not recorded (yet): whichever runner has it kills it.
      const answers = await Promise.allSettled(members.map((m) => m.client.cancel(executionId)));
      if (answers.some((a) => a.status === "fulfilled" && a.value)) return true;
      const failed = answers.find((a): a is PromiseRejectedResult => a.status === "rejected");
      if (failed && answers.every((a) => a.status === "rejected")) throw failed.reason;
      return false;
    },
  };
}
