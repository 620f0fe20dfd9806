// Test helper: a Redis server of the test's own on a free port, so stopping it cannot disturb anything else
// on the machine, and the real @upstash/redis client talking to it through the requester.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { Redis } from "@upstash/redis";
import { createClient } from "redis";
import { createRedisRequester } from "./redis-requester";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  child.on("error", () => {
    throw new Error("redis-server is not installed: apt-get install -y redis-server");
  });
  const probe = createClient({ url: `redis://127.0.0.1:${port}` });
  probe.on("error", () => {});
  for (let i = 0; i < 50; i++) {
    try {
      await probe.connect();
      await probe.quit();
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`redis-server did not start on port ${port}`);
}

export function stopRedis(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

/** A running redis-server of its own with a connected client; `close()` stops both. */
export async function ownRedis() {
  const port = await freePort();
  let server = await startRedis(port);
  const client = createClient({
    url: `redis://127.0.0.1:${port}`,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: () => 100 },
  });
  client.on("error", () => {});
  await client.connect();
  return {
    port,
    redis: new Redis(createRedisRequester(client)),
    stop: () => stopRedis(server),
    restart: async () => {
      server = await startRedis(port);
    },
    close: async () => {
      await client.destroy();
      await stopRedis(server);
    },
  };
}
