import { eventType } from "inngest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { inngest } from "../client";
import { durable, type FunctionContext } from "../durable";
import { createInlineDriver } from "./driver";

const started = eventType("test/started", { schema: z.object({ id: z.string(), key: z.string() }) });
const stopped = eventType("test/stopped", { schema: z.object({ id: z.string() }) });
const followed = eventType("test/followed", { schema: z.object({ id: z.string() }) });
type Started = z.infer<typeof started.schema>;

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A function whose first step takes `ms`, limited per key and on an account-wide key shared across functions. */
function slow(id: string, log: string[], ms = 60, timeouts?: { start?: "1s"; finish?: "1s" }) {
  const handler = async ({ event, step }: FunctionContext<Started>) => {
    await step.run("first", async () => {
      log.push(`start ${event.data.id}`);
      await wait(ms);
      log.push(`end ${event.data.id}`);
    });
    await step.run("second", async () => log.push(`second ${event.data.id}`));
  };
  const fn = inngest.createFunction(
    {
      id,
      triggers: [started],
      retries: 0,
      concurrency: [
        { key: "event.data.key", limit: 1 },
        { scope: "account", key: '"shared"', limit: 2 },
      ],
      cancelOn: [{ event: stopped, match: "data.id" }],
      timeouts,
    },
    handler,
  );
  return durable({ fn, trigger: started, handler });
}

describe("in-process driver: Inngest's options honoured", () => {
  it("runs one at a time per key, and at most the account-wide limit across functions", async () => {
    const log: string[] = [];
    const driver = createInlineDriver([slow("a", log), slow("b", log)]);
    let peak = 0;
    const timer = setInterval(() => {
      peak = Math.max(peak, driver.stats().active);
    }, 5);
    // Each event starts both functions: 6 runs, limit 2 across them.
    driver.send({ name: "test/started", data: { id: "1", key: "k1" } });
    driver.send({ name: "test/started", data: { id: "2", key: "k2" } });
    driver.send({ name: "test/started", data: { id: "3", key: "k3" } });
    await driver.drain();
    clearInterval(timer);
    expect(peak).toBe(2);
    expect(log.filter((l) => l.startsWith("second"))).toHaveLength(6);
  });

  it("a run of one key waits for the previous run of that key", async () => {
    const log: string[] = [];
    const driver = createInlineDriver([slow("c", log)]);
    driver.send({ name: "test/started", data: { id: "1", key: "same" } });
    driver.send({ name: "test/started", data: { id: "2", key: "same" } });
    await driver.drain();
    expect(log).toEqual(["start 1", "end 1", "second 1", "start 2", "end 2", "second 2"]);
  });

  it("cancelOn stops a running run before its next step, and a queued one before it starts", async () => {
    const log: string[] = [];
    const driver = createInlineDriver([slow("d", log, 100)]);
    driver.send({ name: "test/started", data: { id: "1", key: "same" } });
    driver.send({ name: "test/started", data: { id: "2", key: "same" } });
    await wait(30);
    driver.send({ name: "test/stopped", data: { id: "1" } });
    driver.send({ name: "test/stopped", data: { id: "2" } });
    await driver.drain();
    expect(log).toEqual(["start 1", "end 1"]);
  });

  it("the start timeout cancels a run that waited too long for its turn", async () => {
    const log: string[] = [];
    const driver = createInlineDriver([slow("e", log, 1_500, { start: "1s" })]);
    driver.send({ name: "test/started", data: { id: "1", key: "same" } });
    driver.send({ name: "test/started", data: { id: "2", key: "same" } });
    await driver.drain();
    expect(log).toEqual(["start 1", "end 1", "second 1"]);
  });

  it("the finish timeout cancels a run that takes too long", async () => {
    const log: string[] = [];
    const driver = createInlineDriver([slow("f", log, 1_500, { finish: "1s" })]);
    driver.send({ name: "test/started", data: { id: "1", key: "k" } });
    await driver.drain();
    expect(log).toEqual(["start 1", "end 1"]);
  });

  it("sleep, sendEvent and repeated step ids behave as under Inngest", async () => {
    const log: string[] = [];
    const first = async ({ event, step }: FunctionContext<Started>) => {
      for (let i = 0; i < 2; i++) await step.run("tick", async () => log.push(`tick ${i}`));
      const before = Date.now();
      await step.sleep("nap", "200ms");
      log.push(`slept ${Date.now() - before >= 190}`);
      const sent = await step.sendEvent("follow", { name: "test/followed", data: { id: event.data.id } });
      log.push(`sent ${sent.ids.length}`);
    };
    const second = async ({ event }: FunctionContext<{ id: string }>) => {
      log.push(`followed ${event.data.id}`);
    };
    const driver = createInlineDriver([
      durable({
        fn: inngest.createFunction({ id: "g", triggers: [started] }, first),
        trigger: started,
        handler: first,
      }),
      durable({
        fn: inngest.createFunction({ id: "h", triggers: [followed] }, second),
        trigger: followed,
        handler: second,
      }),
    ]);
    driver.send({ name: "test/started", data: { id: "x", key: "k" } });
    await driver.drain();
    expect(log.slice(0, 3)).toEqual(["tick 0", "tick 1", "slept true"]);
    expect(log.slice(3).sort()).toEqual(["followed x", "sent 1"]);
  });

  it("refuses at construction a concurrency key it cannot evaluate", () => {
    const handler = async () => {};
    const fn = inngest.createFunction(
      { id: "i", triggers: [started], concurrency: { key: "event.data.a + event.data.b", limit: 1 } },
      handler,
    );
    expect(() => createInlineDriver([durable({ fn, trigger: started, handler })])).toThrow(/cannot evaluate/);
  });

  it("a run cancelled in the tick it took its slot gives the slot back to the run waiting for it", async () => {
    const log: string[] = [];
    const driver = createInlineDriver([slow("c", log)]);
    driver.send({ name: "test/started", data: { id: "1", key: "same" } });
    driver.send({ name: "test/stopped", data: { id: "1" } });
    driver.send({ name: "test/started", data: { id: "2", key: "same" } });
    await driver.drain();
    expect(log).toEqual(["start 2", "end 2", "second 2"]);
    expect(driver.stats()).toEqual({ pending: 0, active: 0 });
  });
});
