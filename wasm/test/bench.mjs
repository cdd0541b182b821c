// bench.mjs measures the API on each host and prints one line per figure:
// per-request p50/p95 through politely.mjs in Node (warm), through the glue
// workers-assets-gen generates (a new instance per request), over HTTP to
// `politely serve` and to the local worker (wrangler dev); cold start
// (compile + instantiate + first answer); the size of app.wasm.
//
//   node wasm/test/bench.mjs [--gen DIR] [--hosts wasm,gen,serve,worker]
// --gen DIR holds the generated browser glue and a -tags perrequest build
// (see the bench-hosts target in the Makefile).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { root, startServe, startWasm, startWorker } from "./hosts.mjs";

const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
const hosts = opt("--hosts", "wasm,gen,serve,worker").split(",");
const gen = opt("--gen", "");

// A typical request: each sample of testdata/requests.jsonl in turn.
const samples = readFileSync(join(root, "testdata/requests.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim());
const wire = (i) => ({
  method: "POST",
  path: "/v1/assess",
  headers: { "Content-Type": "application/json" },
  body_b64: Buffer.from(samples[i % samples.length]).toString("base64"),
});

const ms = (x) => x.toFixed(x < 10 ? 3 : 1) + " ms";
function pct(ts) {
  ts.sort((a, b) => a - b);
  const at = (p) => ts[Math.min(ts.length - 1, Math.floor(p * ts.length))];
  return `p50 ${ms(at(0.5))}  p95 ${ms(at(0.95))}  (n=${ts.length})`;
}

async function measure(send, warm, n) {
  for (let i = 0; i < warm; i++) await send(i);
  const ts = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const a = await send(i);
    ts.push(performance.now() - t0);
    if (a.status !== 200) throw new Error(`status ${a.status}: ${a.body}`);
  }
  return pct(ts);
}

function report(what, value) {
  console.log(`${what.padEnd(44)} ${value}`);
}

// Sizes.
const wasm = readFileSync(join(root, "extension/build/app.wasm"));
const gz = gzipSync(wasm, { level: 9 }).length;
const br = brotliCompressSync(wasm, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
report("app.wasm size", `raw ${(wasm.length / 1e6).toFixed(2)} MB, gzip -9 ${(gz / 1e6).toFixed(3)} MB${gz > 1.8e6 ? " (OVER the 1.8 MB budget)" : ""}, brotli ${(br / 1e6).toFixed(3)} MB`);

// Cold start, each in a fresh Node process: read, compile, instantiate and
// start the Go program, first answer.
if (hosts.includes("wasm")) {
  const script = `
    const t0 = performance.now();
    const { readFileSync } = await import("node:fs");
    const { load } = await import(${JSON.stringify(pathToFileURL(join(root, "extension/build/politely.mjs")).href)});
    const bytes = readFileSync(${JSON.stringify(join(root, "extension/build/app.wasm"))});
    const t1 = performance.now();
    const mod = await WebAssembly.compile(bytes);
    const t2 = performance.now();
    const api = await load(mod);
    const t3 = performance.now();
    const res = await api.fetch("/v1/assess", { method: "POST", headers: { "Content-Type": "application/json" }, body: ${JSON.stringify(samples[0])} });
    await res.text();
    const t4 = performance.now();
    console.log(JSON.stringify({ compile: t2 - t1, start: t3 - t2, first: t4 - t3, total: t4 - t1 }));
    process.exit(0);`;
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })));
  const med = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[2];
  report("cold start, politely.mjs in Node (median of 5)", `compile ${ms(med("compile"))} + instantiate/start ${ms(med("start"))} + first answer ${ms(med("first"))} = ${ms(med("total"))}`);

  const host = await startWasm();
  report("politely.mjs in Node, warm /v1/assess", await measure((i) => host.send(wire(i)), 500, 5000));
}

// The generated per-request glue, for comparison.
if (hosts.includes("gen") && gen) {
  // Each of its instances exits after one answer while a Go timer may still
  // be pending; wasm_exec.js then throws from that timer. It is harmless here.
  process.on("uncaughtException", (err) => {
    if (!String(err?.message).includes("Go program has already exited")) throw err;
  });
  // Only runtime.mjs is host-specific (it fetches ./build/app.wasm); give it
  // the perrequest build from a file and keep the generated worker.mjs.
  writeFileSync(
    join(gen, "runtime.mjs"),
    `import { readFileSync } from "node:fs";
const mod = await WebAssembly.compile(readFileSync(${JSON.stringify(join(gen, "app.wasm"))}));
export async function loadModule() { return mod; }
export function createRuntimeContext({ binding }) { return { binding }; }
`,
  );
  const { default: worker } = await import(pathToFileURL(join(gen, "worker.mjs")));
  const send = async (i) => {
    const w = wire(i);
    const res = await worker.fetch(new Request("http://politely.local" + w.path, { method: "POST", headers: w.headers, body: Buffer.from(w.body_b64, "base64") }), {}, {});
    return { status: res.status, body: await res.text() };
  };
  report("generated per-request glue in Node, /v1/assess", await measure(send, 20, 300));
}

for (const [name, startHost, n] of [
  ["serve", startServe, 3000],
  ["worker", startWorker, 1000],
]) {
  if (!hosts.includes(name)) continue;
  const host = await startHost();
  try {
    if (host.ready) report(`cold start, ${name} (wrangler dev + first answer)`, `${ms(host.ready)}, of which the first answer (compile, instantiate, engine.New) ${ms(host.first)}`);
    report(name === "serve" ? "politely serve over HTTP from Node, /v1/assess" : "local worker (wrangler dev) over HTTP, /v1/assess", await measure((i) => host.send(wire(i)), 200, n));
  } finally {
    await host.stop();
  }
}
