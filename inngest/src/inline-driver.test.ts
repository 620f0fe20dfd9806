import { eventType } from "inngest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createInlineDriver } from "./inline-driver";
import { defineWorkflow, type Workflow } from "./workflow";

const started = eventType("test/started", { schema: z.object({ id: z.string(), key: z.string() }) });
const stopped = eventType("test/stopped", { schema: z.object({ id: z.string() }) });

function slowWorkflow(log: string[], ms = 60) {
  return defineWorkflow({
    id: "slow",
    event: started,
    retries: 0,
    concurrency: { keyField: "key", perKey: 1, global: 2 },
    cancelOn: { event: stopped, field: "id" },
    async handler({ event, step }) {
      await step.run("first", async () => {
        log.push(`start ${event.data.id}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${event.data.id}`);
      });
      await step.run("second", async () => log.push(`second ${event.data.id}`));
    },
  }) as unknown as Workflow;
}

describe("inline driver concurrency and cancellation", () => {
  it("runs one at a time per key and at most `global` at once", async () => {
    const log: string[] = [];
    const driver = createInlineDriver([slowWorkflow(log)]);
    driver.send({ name: "test/started", data: { id: "a1", key: "a" } });
    driver.send({ name: "test/started", data: { id: "a2", key: "a" } });
    driver.send({ name: "test/started", data: { id: "b1", key: "b" } });
    driver.send({ name: "test/started", data: { id: "c1", key: "c" } });
    await driver.drain();

    // a2 waits for a1 (same key); c1 waits for a free global slot.
    expect(log.indexOf("start a2")).toBeGreaterThan(log.indexOf("second a1"));
    expect(log.indexOf("start c1")).toBeGreaterThan(Math.min(log.indexOf("second a1"), log.indexOf("second b1")));
    expect(log.filter((l) => l.startsWith("second"))).toHaveLength(4);
  });

  it("a cancel event stops a running run before its next step and drops a waiting one", async () => {
    const log: string[] = [];
    const driver = createInlineDriver([slowWorkflow(log)]);
    driver.send({ name: "test/started", data: { id: "x1", key: "x" } });
    driver.send({ name: "test/started", data: { id: "x2", key: "x" } });
    await new Promise((r) => setTimeout(r, 20));
    driver.send({ name: "test/stopped", data: { id: "x1" } });
    driver.send({ name: "test/stopped", data: { id: "x2" } });
    await driver.drain();

    expect(log).toEqual(["start x1", "end x1"]);
  });
});
