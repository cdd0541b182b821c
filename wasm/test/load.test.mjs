// Tests of politely.mjs itself: every input load() accepts, the ways fetch()
// can be called, and the errors it gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
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

test("load reads a path in Node, any view of the bytes, and names a module that is not politely's", async () => {
  // A string without a scheme is a file path in Node, from the working
  // directory; "./app.wasm" was "TypeError: Invalid URL".
  await healthy(await load(file));
  await healthy(await load(relative(process.cwd(), file)));
  await healthy(await load("./" + relative(process.cwd(), file)));
  // A DataView of the bytes: any ArrayBuffer view is bytes.
  await healthy(await load(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  // A valid module that is not politely's: the smallest one, and one that
  // exports memory but nothing Go's runtime calls.
  const empty = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  await assert.rejects(load(empty), { message: /^politely: not politely's app\.wasm/ });
  const memOnly = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 3, 1, 0, 1, 7, 7, 1, 3, 0x6d, 0x65, 0x6d, 2, 0]);
  await assert.rejects(load(await WebAssembly.compile(memOnly)), { message: /^politely: not politely's app\.wasm/ });
  // A string that names no file says which file it looked for.
  await assert.rejects(load("./no/such/app.wasm"), { code: "ENOENT" });
});

const JSON_TYPE = { "Content-Type": "application/json" };

test("a Request whose body was already read is refused, and the program keeps serving", async () => {
  const api = await load(bytes);
  // A request whose body is still arriving when the others come.
  let more;
  const slowBody = new ReadableStream({
    start(c) {
      c.enqueue(new TextEncoder().encode('{"text":"Can we meet'));
      more = () => {
        c.enqueue(new TextEncoder().encode(' for coffee?"}'));
        c.close();
      };
    },
  });
  const slow = api.fetch("/v1/lint", { method: "POST", headers: JSON_TYPE, body: slowBody, duplex: "half" });

  // Read by the caller (say, to log it): a clear TypeError from fetch.
  const used = new Request("http://politely.local/v1/lint", { method: "POST", headers: JSON_TYPE, body: '{"text":"hello"}' });
  await used.text();
  await assert.rejects(api.fetch(used), (err) => err instanceof TypeError && /already been read/.test(err.message));

  // Locked by a reader of the caller's but not read (bodyUsed is false):
  // the Go program cannot read it and answers 400 bad_body instead of
  // ending (a JavaScript exception in the bridge was a Go panic).
  const locked = new Request("http://politely.local/v1/lint", { method: "POST", headers: JSON_TYPE, body: '{"text":"hello"}' });
  locked.body.getReader();
  const res = await api.fetch(locked);
  assert.equal(res.status, 400);
  assert.equal((await res.json()).error.code, "bad_body");

  // Every request in flight is still answered, and the next ones too.
  more();
  const answer = await slow;
  assert.equal(answer.status, 200);
  assert.ok(Array.isArray((await answer.json()).findings));
  await healthy(api);
  const again = await api.fetch("/v1/lint", { method: "POST", headers: JSON_TYPE, body: '{"text":"hello"}' });
  assert.equal(again.status, 200);
});

test("a Content-Length header that does not match the body", async () => {
  const api = await load(bytes);
  const small = '{"text":"Can we meet for coffee?"}';
  const lint = (body, length) => api.fetch("/v1/lint", { method: "POST", headers: { ...JSON_TYPE, "Content-Length": String(length) }, body, duplex: "half" });
  const honest = await (await api.fetch("/v1/lint", { method: "POST", headers: JSON_TYPE, body: small })).text();
  // Shorter than the body: the whole body is read, as sent.
  for (const length of [10, 0, -1, "abc"]) {
    const res = await lint(small, length);
    assert.equal(res.status, 200, `Content-Length ${length}`);
    assert.equal(await res.text(), honest, `Content-Length ${length}`);
  }
  // Shorter than a body over the limit: refused all the same, and the
  // stream is read no further than the limit and what is dropped after it.
  let pulled = 0;
  let cancelled = false;
  const chunk = new Uint8Array(64 << 10).fill(97);
  const long = new ReadableStream(
    {
      pull(c) {
        // 64 MiB, not endless: a host that reads it whole fails here
        // rather than running out of memory.
        if (pulled >= 64 << 20) return c.close();
        const next = pulled === 0 ? new TextEncoder().encode('{"text":"') : chunk;
        pulled += next.length;
        c.enqueue(next);
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  const res = await lint(long, 10);
  assert.equal(res.status, 413);
  // The limit (256 KiB) and one byte, at most 256 KiB dropped after it (as
  // net/http drops what a handler left unread), and a chunk.
  assert.ok(cancelled && pulled <= (256 << 10) * 2 + 1 + chunk.length, `${pulled} bytes pulled of a 64 MiB body, cancelled: ${cancelled}`);
  // Over the limit while the body is small: refused by the header alone,
  // as net/http does natively (it never reads such a body).
  assert.equal((await lint(small, 999999)).status, 413);
  await healthy(api);
});
