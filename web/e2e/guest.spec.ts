import { RunStatus } from "@codeyard/runner/contract";
import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import { AcceptedView, ExecutionView } from "../lib/executions/view";

// An anonymous visitor's runs share one guest session sandbox, found again by a signed cookie. Each container
// has its own hostname (its id), so a run printing it says which sandbox served it.
const program = "import socket\nprint(socket.gethostname())";

async function guest(baseURL: string, address: string, cookie?: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL,
    // Each guest from an address of its own (documentation range): quotas stay per address.
    extraHTTPHeaders: { origin: baseURL, "x-forwarded-for": address, ...(cookie ? { cookie } : {}) },
  });
}

/** Runs the program as this guest: which sandbox served it, and the guest cookie the answer set, if any. */
async function runAs(context: APIRequestContext): Promise<{ host: string; setCookie: string | undefined }> {
  const response = await context.post("/api/executions", { data: { language: "python", code: program } });
  expect(response.status()).toBe(202);
  const setCookie = response
    .headersArray()
    .find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("codeyard-guest="))?.value;
  const { id } = AcceptedView.parse(await response.json());
  let view: ExecutionView | undefined;
  await expect
    .poll(
      async () => {
        view = ExecutionView.parse(await (await context.get(`/api/executions/${id}`)).json());
        return RunStatus.safeParse(view.status).success;
      },
      // A guest's first run starts a session sandbox, which a busy machine starts slowly.
      { timeout: 120_000 },
    )
    .toBe(true);
  expect(view?.status).toBe("ok");
  const host = view?.stdout.trim() ?? "";
  expect(host).toMatch(/^[0-9a-f]{12}$/);
  return { host, setCookie };
}

test("an anonymous visitor's runs reuse one guest sandbox; another guest, or a forged cookie, gets another", async ({
  baseURL,
}) => {
  const site = baseURL as string;
  const alice = await guest(site, "198.51.100.201");
  const first = await runAs(alice);
  // The first run makes her a guest: a signed cookie that scripts cannot read and other sites do not send.
  expect(first.setCookie).toMatch(/^codeyard-guest=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43};/);
  expect(first.setCookie).toMatch(/HttpOnly/);
  expect(first.setCookie).toMatch(/SameSite=Lax/);
  // Her second run comes back to the same sandbox, and the cookie is not set again.
  const second = await runAs(alice);
  expect(second.host).toBe(first.host);
  expect(second.setCookie).toBeUndefined();

  // Another visitor gets a sandbox of their own.
  const bob = await guest(site, "198.51.100.202");
  const bobs = await runAs(bob);
  expect(bobs.setCookie).toBeDefined();
  expect(bobs.host).not.toBe(first.host);

  // A cookie naming Alice's guest id without this server's signature is ignored: a new guest, not an error,
  // and never Alice's sandbox.
  const aliceId = (first.setCookie as string).slice("codeyard-guest=".length).split(".")[0] as string;
  const forged = await guest(site, "198.51.100.203", `codeyard-guest=${aliceId}.${"A".repeat(43)}`);
  const forgedRun = await runAs(forged);
  expect(forgedRun.setCookie).toBeDefined();
  expect(forgedRun.setCookie).not.toContain(aliceId);
  expect([first.host, bobs.host]).not.toContain(forgedRun.host);

  // Alice is still served by her own sandbox after the others.
  expect((await runAs(alice)).host).toBe(first.host);
  await Promise.all([alice.dispose(), bob.dispose(), forged.dispose()]);
});
