// A PostgreSQL server of the e2e run's own (initdb + pg_ctl from the machine's PostgreSQL), so the
// fault tests may stop and start it without touching any other database on the machine.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const version = existsSync(root) ? readdirSync(root).sort().at(-1) : undefined;
  if (!version) throw new Error("e2e tests need PostgreSQL's server binaries: apt-get install -y postgresql");
  return join(root, version, "bin");
}

// initdb refuses to run as root: run the server as the `postgres` user then.
function asServerUser(cmd: string, args: string[]) {
  const isRoot = process.getuid?.() === 0;
  const [file, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
  execFileSync(file, argv, { stdio: "pipe", timeout: 60_000 });
}

export interface Cluster {
  dir: string;
  port: number;
  url: string;
}

export function createCluster(port: number): Cluster {
  const dir = mkdtempSync(join(tmpdir(), "codeyard-pg-"));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  asServerUser(join(binDir(), "initdb"), ["-D", join(dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync"]);
  const cluster = { dir, port, url: `postgres://postgres@127.0.0.1:${port}/postgres` };
  startCluster(cluster);
  return cluster;
}

export function startCluster(cluster: Cluster) {
  const options = `-p ${cluster.port} -k ${cluster.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  asServerUser(join(binDir(), "pg_ctl"), [
    "-D",
    join(cluster.dir, "data"),
    "-o",
    options,
    "-w",
    "-l",
    join(cluster.dir, "log"),
    "start",
  ]);
}

/** Stops the server at once, as a crash or a failover would. */
export function stopCluster(cluster: Cluster) {
  asServerUser(join(binDir(), "pg_ctl"), ["-D", join(cluster.dir, "data"), "-m", "immediate", "-w", "stop"]);
}
