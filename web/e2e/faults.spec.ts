import { RunStatus } from "@codeyard/runner/contract";
import { expect, test } from "@playwright/test";
import { listAgeGroups } from "../lib/curriculum/load";
import { ErrorView, ExecutionView } from "../lib/executions/view";
import { env } from "./env";
import { startCluster, stopCluster } from "./postgres-cluster";

const cluster = { dir: env.E2E_PG_DIR, port: env.E2E_PG_PORT, url: "" };

test("Postgres stops during a burst: new work gets a clear 503, and no accepted run is lost", async ({ request }) => {
  test.setTimeout(300_000);
  const accepted: string[] = [];
  for (let i = 0; i < 8; i++) {
    const response = await request.post("/api/executions", {
      headers: { "x-forwarded-for": `192.0.2.${100 + i}` },
      data: { language: "python", code: `import time\ntime.sleep(0.5)\nprint(${i} * 2)` },
    });
    expect(response.status()).toBe(202);
    accepted.push((await response.json()).id);
  }

  stopCluster(cluster);
  try {
    const refused = await request.post("/api/executions", {
      headers: { "x-forwarded-for": "192.0.2.200" },
      data: { language: "python", code: "print('during the outage')" },
    });
    expect(refused.status()).toBe(503);
    expect(ErrorView.parse(await refused.json()).error).toMatch(/cannot save runs right now/);
    expect(refused.headers()["retry-after"]).toBeTruthy();

    // Lessons come from the repository: they are still served, only progress is missing.
    const levels = await request.get("/api/levels?ageGroup=8-11");
    expect(levels.status()).toBe(200);
    expect((await levels.json()).levels).toHaveLength(
      listAgeGroups().find((g) => g.id === "8-11")?.levels.length ?? -1,
    );
    const lesson = await request.get("/learn/8-11/first-steps/say-hello");
    expect(lesson.status()).toBe(200);
    expect(await lesson.text()).toContain("Say Hello, Robot");
    await new Promise((r) => setTimeout(r, 2_000));
  } finally {
    startCluster(cluster);
  }

  // Every accepted run reaches a final status once the database is back (by retry or requeue).
  for (const [i, id] of accepted.entries()) {
    let body: ExecutionView | undefined;
    await expect
      .poll(
        async () => {
          const response = await request.get(`/api/executions/${id}`);
          if (!response.ok()) return "unreadable";
          body = ExecutionView.parse(await response.json());
          return RunStatus.safeParse(body.status).success ? "final" : body.status;
        },
        { timeout: 120_000, intervals: [500] },
      )
      .toBe("final");
    expect(body).toMatchObject({ status: "ok", stdout: `${i * 2}\n` });
  }
});
