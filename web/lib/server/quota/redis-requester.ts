// Lets the real @upstash/redis client (and so @upstash/ratelimit) talk to a plain Redis over TCP:
// the same commands Upstash's REST API would run, sent with node-redis.
import { createHash } from "node:crypto";
import type { Requester, UpstashRequest, UpstashResponse } from "@upstash/redis";

/** The one node-redis method this needs. */
interface RedisClient {
  sendCommand(args: string[]): Promise<unknown>;
}
type Command = Array<string | number>;

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

// Redis 7 rejects the shebang Upstash puts on its scripts; strip it and keep the client's sha pointing at ours.
function stripShebang(script: string): string {
  return script.startsWith("#!") ? script.slice(script.indexOf("\n") + 1) : script;
}

export function createRedisRequester(client: RedisClient): Requester {
  const shaMap = new Map<string, string>();

  function rewrite(command: Command): string[] {
    const [name, ...rest] = command.map(String);
    const upper = (name ?? "").toUpperCase();
    if ((upper === "EVAL" || upper === "EVAL_RO") && rest[0] !== undefined) {
      const original = rest[0];
      const stripped = stripShebang(original);
      shaMap.set(sha1(original), sha1(stripped));
      return [upper, stripped, ...rest.slice(1)];
    }
    if ((upper === "EVALSHA" || upper === "EVALSHA_RO") && rest[0] !== undefined) {
      return [upper, shaMap.get(rest[0]) ?? rest[0], ...rest.slice(1)];
    }
    if (upper === "SCRIPT" && rest[0]?.toUpperCase() === "LOAD" && rest[1] !== undefined) {
      shaMap.set(sha1(rest[1]), sha1(stripShebang(rest[1])));
      return ["SCRIPT", "LOAD", stripShebang(rest[1])];
    }
    return [name ?? "", ...rest];
  }

  async function run(command: Command): Promise<UpstashResponse<unknown>> {
    try {
      const result = await client.sendCommand(rewrite(command));
      // Upstash answers SCRIPT LOAD with the sha of what the client sent.
      if (String(command[0]).toUpperCase() === "SCRIPT" && typeof command[2] === "string") {
        return { result: sha1(command[2]) };
      }
      return { result };
    } catch (error) {
      if (error instanceof Error && /NOSCRIPT|ERR|WRONGTYPE/.test(error.message)) return { error: error.message };
      throw error;
    }
  }

  return {
    async request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
      const path = req.path?.join("/") ?? "";
      if (path === "pipeline" || path === "multi-exec") {
        const commands = req.body as Command[];
        const results = await Promise.all(commands.map(run));
        return { result: results as TResult };
      }
      const answer = await run(req.body as Command);
      if (answer.error) throw new Error(answer.error);
      return answer as UpstashResponse<TResult>;
    },
  };
}
