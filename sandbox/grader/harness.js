// JavaScript function tests, in a freshly spawned `node -e <this file> <calls as JSON> <token fd> <result fd>` that
// grader.py started: for each call in turn, main.js runs afresh and the call's value goes out as one message
// with that test's token. Everything this file relies on is taken before the learner's main.js runs, and it builds its
// message from primitives only: a patched Object.prototype, Array.prototype, JSON or console changes nothing here.
// What it sends is only a claim about a returned value; grader.py compares it with the expected value it keeps.

const fs = require("node:fs");
const vm = require("node:vm");
const { createRequire } = require("node:module");
const compileFunction = vm.compileFunction;

const writeSync = fs.writeSync;
const apply = Reflect.apply;
const stringify = JSON.stringify;
const isArray = Array.isArray;
const getPrototypeOf = Object.getPrototypeOf;
const getOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
const ownKeys = Reflect.ownKeys;
const objectPrototype = Object.prototype;
const isFiniteNumber = Number.isFinite;
const isInteger = Number.isInteger;
const exit = typeof process.reallyExit === "function" ? process.reallyExit : process.exit;
const maxDepth = 20;
const maxItems = 100000;

const calls = JSON.parse(process.argv[1]);
const resultFd = Number(process.argv[3]);
// Each call's token (32 characters) arrives once grader.py has read the previous call's message and output.
const tokenFd = Number(process.argv[2]);
const readSync = fs.readSync;
const closeSync = fs.closeSync;
const tokenBuffer = Buffer.alloc(32);
const toLatin1 = Buffer.prototype.latin1Slice;

function nextToken() {
  let read = 0;
  while (read < 32) {
    const n = readSync(tokenFd, tokenBuffer, read, 32 - read, null);
    if (n === 0) return "";
    read += n;
  }
  return apply(toLatin1, tokenBuffer, [0, 32]);
}

const file = "/workspace/main.js";
const source = fs.readFileSync(file, "utf8");
const learnerRequire = createRequire(file);

/** The value as the canonical tree grader.py reads, written as JSON text. */
function canon(value, depth) {
  if (depth > maxDepth) throw new TypeError("the value is nested too deeply");
  if (value === undefined) return '["undefined"]';
  if (value === null) return '["null"]';
  const type = typeof value;
  if (type === "boolean") return value ? '["boolean",true]' : '["boolean",false]';
  if (type === "number") return `["number",${isFiniteNumber(value) ? stringify(value) : stringify(`${value}`)}]`;
  if (type === "string") return `["string",${stringify(value)}]`;
  if (type !== "object") throw new TypeError(`a ${type}, which the tests cannot compare`);
  if (isArray(value)) {
    const length = value.length;
    if (!isInteger(length) || length < 0 || length > maxItems) throw new TypeError("an array the tests cannot read");
    let out = '["array",[';
    for (let i = 0; i < length; i++) out += (i === 0 ? "" : ",") + canon(value[i], depth + 1);
    return `${out}]]`;
  }
  const prototype = getPrototypeOf(value);
  if (prototype !== objectPrototype && prototype !== null) {
    throw new TypeError(`${kindOf(prototype)}, which the tests cannot compare: return a plain object or an array`);
  }
  const keys = ownKeys(value);
  if (keys.length > maxItems) throw new TypeError("an object the tests cannot read");
  let out = '["object",[';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (typeof key !== "string") throw new TypeError("an object with a symbol key, which the tests cannot compare");
    const descriptor = getOwnPropertyDescriptor(value, key);
    if (descriptor?.enumerable !== true) continue;
    out += `${first ? "" : ","}[${stringify(key)},${canon(value[key], depth + 1)}]`;
    first = false;
  }
  return `${out}]]`;
}

function kindOf(prototype) {
  try {
    const name = prototype.constructor.name;
    if (typeof name === "string" && /^[A-Za-z_$][\w$]{0,40}$/.test(name)) return `a ${name}`;
  } catch {
    // a prototype that throws when read: no name
  }
  return "an object of its own kind";
}

function describe(error) {
  try {
    if (error !== null && typeof error === "object") {
      const name = error.name;
      const message = error.message;
      if (typeof name === "string" && typeof message === "string") return `${name}: ${message}`;
    }
    return typeof error === "string" ? `Uncaught ${error}` : `Uncaught ${typeof error}`;
  } catch {
    return "an error the tests cannot read";
  }
}

/** main.js runs as Node runs a CommonJS module, afresh for each call, which is evaluated in its top-level scope. */
function runCall(call, token) {
  try {
    const wrapper = compileFunction(
      `${source}\n;return () => (\n${call}\n);`,
      ["exports", "require", "module", "__filename", "__dirname"],
      { filename: file },
    );
    const module = { exports: {} };
    const evaluate = wrapper(module.exports, learnerRequire, module, file, "/workspace");
    if (typeof evaluate !== "function") throw new Error("main.js stopped early (a return at its top level?)");
    return `{"token":${stringify(token)},"ok":true,"value":${canon(evaluate(), 0)}}`;
  } catch (error) {
    return `{"token":${stringify(token)},"ok":false,"error":${stringify(describe(error))}}`;
  }
}

const count = calls.length;
for (let i = 0; i < count; i++) {
  const token = nextToken();
  if (i === count - 1) closeSync(tokenFd);
  writeSync(resultFd, `${runCall(calls[i], token)}\n`);
}
exit(0);
