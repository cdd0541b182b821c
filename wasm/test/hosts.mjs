// hosts.mjs starts each host of the API for the tests and the benchmark and
// gives them one interface: send(wire) → {status, headers, body}.
//
//   wasm    extension/build/politely.mjs + app.wasm, in this Node process
//   serve   the real binary (bin/politely serve --addr 127.0.0.1:0)
//   worker  wasm/worker through `wrangler dev` on 127.0.0.1, offline
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const root = resolve(new URL("../..", import.meta.url).pathname);

// The headers the API sets itself; hosts may add others (Date, Server...).
export const compared = ["content-type", "allow", "cache-control", "x-content-type-options", "access-control-allow-origin"];

export function readCases(file) {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

function init(wire) {
  const body = Buffer.from(wire.body_b64, "base64");
  const hasBody = body.length > 0 || wire.method === "POST" || wire.method === "PUT";
  // A Uint8Array body adds no Content-Type of its own, unlike a string.
  return { method: wire.method, headers: wire.headers, body: hasBody ? new Uint8Array(body) : undefined };
}

async function answer(res) {
  const headers = {};
  for (const k of compared) {
    const v = res.headers.get(k);
    if (v !== null) headers[k.replace(/(^|-)[a-z]/g, (m) => m.toUpperCase())] = v;
  }
  return { status: res.status, headers, body: await res.text() };
}

export async function startWasm() {
  const t0 = performance.now();
  const { load } = await import(pathToFileURL(join(root, "extension/build/politely.mjs")));
  const api = await load(readFileSync(join(root, "extension/build/app.wasm")));
  const ready = performance.now() - t0;
  return {
    name: "wasm",
    ready,
    api,
    send: async (w) => answer(await api.fetch(new Request("http://politely.local" + w.path, init(w)))),
    stop: async () => {},
  };
}

// Servers still running when this process ends (a crash, a failed
// assertion) are stopped with it rather than left behind.
const live = new Set();
process.on("exit", () => {
  for (const p of live) {
    try {
      process.kill(p.detachedGroup ? -p.pid : p.pid, "SIGKILL");
    } catch {}
  }
});

function track(proc) {
  live.add(proc);
  proc.once("exit", () => live.delete(proc));
  return proc;
}

function httpHost(name, proc, base) {
  return {
    name,
    base,
    send: async (w) => answer(await fetch(base + w.path, init(w))),
    stop: () =>
      new Promise((done) => {
        if (proc.exitCode !== null) return done(proc.exitCode);
        proc.once("exit", (code, sig) => done(code ?? sig));
        try {
          // The worker runs in its own process group (wrangler + workerd).
          process.kill(proc.detachedGroup ? -proc.pid : proc.pid, "SIGTERM");
        } catch {
          done(null);
        }
      }),
  };
}

function waitFor(proc, pattern, ms, what) {
  return new Promise((ok, fail) => {
    let log = "";
    const timer = setTimeout(() => fail(new Error(`${what}: not ready after ${ms} ms:\n${log}`)), ms);
    const on = (chunk) => {
      log += chunk;
      const m = log.match(pattern);
      if (m) {
        clearTimeout(timer);
        ok(m);
      }
    };
    proc.stdout?.setEncoding("utf8").on("data", on);
    proc.stderr?.setEncoding("utf8").on("data", on);
    proc.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`${what} exited (${code}):\n${log}`));
    });
  });
}

export async function startServe(bin = join(root, "bin/politely")) {
  const proc = track(spawn(bin, ["serve", "--addr", "127.0.0.1:0"], { stdio: ["ignore", "ignore", "pipe"] }));
  const m = await waitFor(proc, /serving the API on (http:\/\/\S+)/, 20000, "politely serve");
  return httpHost("serve", proc, m[1]);
}

// startWorker runs `wrangler dev` offline: no metrics, no account lookups,
// config and temporary files in a scratch folder.
export async function startWorker(port = Number(process.env.WORKER_PORT || 0)) {
  // A free port unless WORKER_PORT says otherwise (8787 is wrangler's default,
  // and another test may hold it).
  port ||= await freePort();
  const dir = join(root, "wasm/worker");
  const scratch = mkdtempSync(join(tmpdir(), "politely-wrangler-"));
  mkdirSync(join(scratch, "tmp"));
  const env = {
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_HIDE_BANNER: "true",
    XDG_CONFIG_HOME: scratch,
    TMPDIR: join(scratch, "tmp"),
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
  const t0 = performance.now();
  const proc = spawn(join(dir, "node_modules/.bin/wrangler"), ["dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(await freePort())], {
    cwd: dir,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.detachedGroup = true;
  track(proc);
  const m = await waitFor(proc, /Ready on (http:\/\/\S+)/, 60000, "wrangler dev");
  const host = httpHost("worker", proc, m[1].replace(/\/$/, ""));
  // The first request compiles and starts the module: part of the cold start.
  const t1 = performance.now();
  const res = await fetch(host.base + "/healthz");
  await res.text();
  host.first = performance.now() - t1;
  host.ready = performance.now() - t0;
  return host;
}

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

export async function start(name) {
  if (name === "wasm") return startWasm();
  if (name === "serve") return startServe();
  if (name === "worker") return startWorker();
  throw new Error(`unknown host ${name}`);
}
