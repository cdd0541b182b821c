// hosts.mjs starts each host of the API for the tests and the benchmark and
// gives them one interface: send(wire) → {status, headers, body}.
//
//   wasm    extension/build/politely.mjs + app.wasm, in this Node process
//   serve   the real binary (bin/politely serve --addr 127.0.0.1:0)
//   worker  wasm/worker through `wrangler dev` on 127.0.0.1, offline
import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
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
    // The body is a stream that makes each chunk only when read.
    upload: async (path, { declared, cap }) => {
      let sent = 0;
      let cancelled = false;
      const body = new ReadableStream(
        {
          pull(c) {
            if (sent >= cap) return c.close();
            const chunk = (sent === 0 ? UPLOAD_HEAD : UPLOAD_CHUNK).subarray(0, cap - sent);
            sent += chunk.length;
            c.enqueue(chunk);
          },
          cancel() {
            cancelled = true;
          },
        },
        { highWaterMark: 0 },
      );
      const headers = { "Content-Type": "application/json" };
      if (declared !== undefined) headers["Content-Length"] = String(declared);
      const res = await api.fetch(path, { method: "POST", headers, body, duplex: "half" });
      return { status: res.status, body: await res.text(), sent, cancelled };
    },
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

// upload's body: the start of a JSON text, then 64 KiB chunks of "a".
const UPLOAD_HEAD = new TextEncoder().encode('{"text":"');
const UPLOAD_CHUNK = new Uint8Array(64 << 10).fill(97);

// uploadHTTP sends a POST whose body never ends before cap bytes, chunked or
// with the Content-Length declared, writing only as fast as the connection
// takes it and stopping once the answer arrives. sent counts the bytes
// written by then: what the host (and whatever proxy is in front of it)
// took before answering. A connection closed before any answer resolves to
// {error, sent}, and so does no answer within 30 s.
function uploadHTTP(base, path, { declared, cap }) {
  const u = new URL(base);
  return new Promise((ok) => {
    let sent = 0;
    let settled = false;
    const settle = (v) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ok({ ...v, sent });
      req.destroy();
    };
    const timer = setTimeout(() => settle({ error: "no answer in 30 s" }), 30000);
    const headers = { "Content-Type": "application/json" };
    if (declared !== undefined) headers["Content-Length"] = String(declared);
    const req = httpRequest({ host: u.hostname, port: u.port, method: "POST", path, headers, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => settle({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      res.on("error", (err) => settle({ error: err.code || String(err) }));
    });
    // The host may close the connection while the body is still going.
    req.on("error", (err) => settle({ error: err.code || String(err) }));
    (async () => {
      let chunk = UPLOAD_HEAD;
      while (!settled && sent < cap) {
        chunk = chunk.subarray(0, cap - sent);
        sent += chunk.length;
        if (!req.write(chunk)) await drained(req);
        await new Promise((r) => setImmediate(r));
        chunk = UPLOAD_CHUNK;
      }
      if (!settled) req.end();
    })().catch(() => {});
  });
}

// drained resolves once req takes more, or is closed.
function drained(req) {
  return new Promise((ok) => {
    const done = () => {
      req.off("drain", done).off("close", done);
      ok();
    };
    req.on("drain", done).on("close", done);
  });
}

function httpHost(name, proc, base) {
  return {
    name,
    base,
    send: async (w) => answer(await fetch(base + w.path, init(w))),
    upload: (path, opts) => uploadHTTP(base, path, opts),
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

// POLITELY_BIN runs another build of politely (bin/politely by default).
export async function startServe(bin = process.env.POLITELY_BIN || join(root, "bin/politely")) {
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
  // wrangler's log ("[wrangler:info] POST /v1/lint 413 ..."): what the
  // worker itself answered, when its local proxy answers otherwise.
  let log = "";
  proc.stdout.on("data", (c) => (log += c));
  host.log = () => log;
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
