// Copies Monaco's prebuilt files into public/ so the editor loads from this app, never from a CDN.
// Runs before `next dev` and `next build` (predev/prebuild); skips the copy when the version already matches.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const webDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(webDir, "package.json"));
// The package's exports hide package.json; its CommonJS entry is min/vs/index.js, three levels down.
const monacoDir = join(dirname(require.resolve("monaco-editor")), "..", "..");
const source = join(monacoDir, "min", "vs");
const targetRoot = join(webDir, "public", "monaco");
const target = join(targetRoot, "vs");
const stamp = join(targetRoot, ".version");

const { version } = JSON.parse(readFileSync(join(monacoDir, "package.json"), "utf8")) as { version: string };

if (!existsSync(join(source, "loader.js"))) {
  throw new Error(`monaco-editor ${version} has no min/vs/loader.js at ${source}; is it installed?`);
}

if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === version && existsSync(join(target, "loader.js"))) {
  console.log(`monaco-editor ${version} already in ${relative(webDir, target)}`);
} else {
  rmSync(targetRoot, { recursive: true, force: true });
  mkdirSync(targetRoot, { recursive: true });
  cpSync(source, target, { recursive: true });
  writeFileSync(stamp, `${version}\n`);
  console.log(`copied monaco-editor ${version} to ${relative(webDir, target)}`);
}
