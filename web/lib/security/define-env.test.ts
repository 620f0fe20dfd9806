import { describe, expect, it } from "vitest";
import { z } from "zod";
import { count, defineEnv, flag } from "./define-env";

const shape = { PORT: count(3000), NAME: z.string().default("codeyard"), DEBUG: flag, URL: z.url().optional() };

describe("defineEnv", () => {
  it("treats an empty variable as unset, so its default applies", () => {
    const env = defineEnv({ what: "test", shape, source: { PORT: "", NAME: "", DEBUG: "", URL: "" } });
    expect(env).toMatchObject({ PORT: 3000, NAME: "codeyard", DEBUG: false });
    expect(env.URL).toBeUndefined();
  });

  it("parses values and leaves the source untouched", () => {
    const source = { PORT: "8080", DEBUG: "1", URL: "https://x.example", EMPTY: "" };
    const env = defineEnv({ what: "test", shape, source });
    expect(env).toMatchObject({ PORT: 8080, DEBUG: true, URL: "https://x.example" });
    expect(source.EMPTY).toBe("");
  });

  it("fails with one line per problem, naming the variable", () => {
    expect(() => defineEnv({ what: "test", shape, source: { PORT: "many", DEBUG: "maybe" } })).toThrow(
      /^Invalid test configuration:\n- PORT: .+\n- DEBUG: use 1 or 0$/,
    );
  });

  it("applies rules across variables", () => {
    const check = (e: { PORT: number }, ctx: z.RefinementCtx) => {
      if (e.PORT < 1024) ctx.addIssue({ code: "custom", path: ["PORT"], message: "pick a port above 1023" });
    };
    expect(() => defineEnv({ what: "test", shape, check, source: { PORT: "80" } })).toThrow(
      "- PORT: pick a port above 1023",
    );
    expect(defineEnv({ what: "test", shape, check, source: { PORT: "8080" } }).PORT).toBe(8080);
  });
});
