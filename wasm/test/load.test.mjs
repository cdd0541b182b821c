// Tests of politely.mjs itself: every input load() accepts, the ways fetch()
// can be called, and the errors it gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "./hosts.mjs";

const { load } = await import(pathToFileURL(join(root, "extension/build/politely.mjs")));
const file = join(root, "extension/build/app.wasm");
const bytes = readFileSync(file);

async function healthy(api) {
  const res = await api.fetch("/healthz");
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: "ok" });
}

test("load accepts every documented input", async (t) => {
  const inputs = {
    "file URL": pathToFileURL(file),
    "file URL string": pathToFileURL(file).href,
    "Response (application/wasm, streaming)": new Response(bytes, { headers: { "Content-Type": "application/wasm" } }),
    "Response without a wasm type": new Response(bytes),
    "Promise<Response>": Promise.resolve(new Response(bytes)),
    ArrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    Uint8Array: new Uint8Array(bytes),
    "WebAssembly.Module": await WebAssembly.compile(bytes),
  };
  for (const [name, input] of Object.entries(inputs)) {
    await t.test(name, async () => healthy(await load(input)));
  }
});

test("load refuses what it cannot use", async () => {
  await assert.rejects(load(42), TypeError);
  await assert.rejects(load(new Response("missing", { status: 404 })), /404/);
  await assert.rejects(load(new Uint8Array([1, 2, 3])), WebAssembly.CompileError);
});

test("fetch takes a Request, a path or a URL, and (input, init)", async () => {
  const api = await load(bytes);
  const body = JSON.stringify({ id: "q", text: "Could you refer me for the open role on your team?" });
  const init = { method: "POST", headers: { "Content-Type": "application/json" }, body };
  const answers = [
    await api.fetch(new Request("http://politely.local/v1/assess", init)),
    await api.fetch("/v1/assess", init),
    await api.fetch(new URL("http://elsewhere.example/v1/assess"), init),
  ];
  const texts = await Promise.all(answers.map((r) => r.text()));
  for (const r of answers) assert.equal(r.status, 200);
  assert.equal(texts[1], texts[0]);
  assert.equal(texts[2], texts[0]);
  const result = JSON.parse(texts[0]);
  assert.equal(result.id, "q");
  assert.ok(result.reply.text.length > 0);
  // Evidence offsets index the text as JavaScript strings do.
  const text = JSON.parse(body).text;
  for (const f of [...result.flags, ...result.signals]) for (const e of f.evidence) assert.equal(text.slice(e.start, e.end), e.text);
});

test("a string body without a JSON Content-Type is refused with 415", async () => {
  const api = await load(bytes);
  const res = await api.fetch("/v1/assess", { method: "POST", body: '{"text":"hi"}' });
  assert.equal(res.status, 415);
  assert.equal((await res.json()).error.code, "unsupported_media_type");
});

test("one instance answers many requests in parallel", async () => {
  const api = await load(bytes);
  const n = 200;
  const res = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      api.fetch("/v1/reply", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ id: String(i), text: `Message ${i}: can we meet for coffee?` }) }).then((r) => r.json()),
    ),
  );
  res.forEach((r, i) => assert.equal(r.id, String(i)));
});

// The image of the phrase index (load's image option): a start that reads it
// answers every request as a start that builds the index, and an image that
// does not fit is not used, with the reason.
test("an image of the phrase index restores the same API", async () => {
  const { BUILD } = await import(pathToFileURL(join(root, "extension/build/politely.mjs")));
  assert.match(BUILD, /^[0-9a-f]{32}$/);
  const mod = await WebAssembly.compile(bytes);
  const built = await load(mod);
  assert.equal(built.restored, false);
  assert.equal(built.stale, "no image given");
  const image = built.image();
  assert.ok(image instanceof Uint8Array && image.length > 1e6, `an image of ${image?.length} bytes`);

  const lines = readFileSync(join(root, "testdata/requests.jsonl"), "utf8").split("\n").filter((l) => l.trim());
  const ask = async (api, body) => (await api.fetch("/v1/assess", { method: "POST", headers: { "Content-Type": "application/json" }, body })).text();
  for (const [name, opts, restored, stale] of [
    ["the image", () => ({ image }), true, ""],
    ["a promise of it", () => ({ image: Promise.resolve(image) }), true, ""],
    ["a failed read", () => ({ image: Promise.reject(new Error("storage")) }), false, "no image given"],
    ["a cut image", () => ({ image: image.slice(0, image.length - 100) }), false, "checksum does not match"],
    ["not an image", () => ({ image: new Uint8Array(64) }), false, "not an image"],
  ]) {
    const api = await load(mod, opts());
    assert.equal(api.restored, restored, name);
    assert.ok(api.stale.includes(stale), `${name}: stale ${JSON.stringify(api.stale)}`);
    for (const body of lines) assert.equal(await ask(api, body), await ask(built, body), `${name}: ${body.slice(0, 60)}`);
  }
});
