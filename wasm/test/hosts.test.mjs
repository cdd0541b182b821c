// The cross-host battery: every case of internal/api (with the answers of the
// native handler, exported by `go test ./internal/api -args -export FILE`) is
// sent to each host, and status, the API's headers and the body must be
// byte-identical.
//
//   POLITELY_CASES=testdata/out/api-cases.jsonl POLITELY_HOSTS=wasm,serve,worker node --test wasm/test/hosts.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readCases, root, start } from "./hosts.mjs";

const cases = readCases(process.env.POLITELY_CASES || join(root, "testdata/out/api-cases.jsonl"));
const hosts = (process.env.POLITELY_HOSTS || "wasm,serve").split(",").filter(Boolean);

test("the battery has cases of every kind", () => {
  const statuses = new Set(cases.map((c) => c.expect.status));
  for (const s of [200, 400, 404, 405, 413, 415, 422]) assert.ok(statuses.has(s), `no case answered ${s}`);
  // The interface's languages: the catalog in each, and titles and reasons
  // chosen by a request's ui_lang, must come out the same on every host.
  const langs = new Set(cases.filter((c) => c.method === "GET" && c.path.startsWith("/v1/rules?lang=")).map((c) => JSON.parse(c.expect.body).lang));
  for (const l of ["en", "zh", "es", "fr", "de", "pt"]) assert.ok(langs.has(l), `no GET /v1/rules?lang= answered in ${l}`);
  const uiLang = cases.filter((c) => c.path === "/v1/assess" && c.expect.status === 200 && /"ui_lang"/.test(Buffer.from(c.body_b64, "base64").toString()));
  assert.ok(uiLang.length >= 3, "no assess case with ui_lang");
});

for (const name of hosts) {
  test(`host ${name} answers like the native handler`, async (t) => {
    const host = await start(name);
    try {
      for (const c of cases) {
        await t.test(c.name, async () => {
          assert.deepEqual(await host.send(c), c.expect);
        });
      }
      // Concurrent requests must not mix up answers (one instance serves all).
      await t.test("concurrent requests", async () => {
        const some = cases.filter((c) => c.expect.body.length < 20000);
        const got = await Promise.all(some.map((c) => host.send(c)));
        got.forEach((g, i) => assert.deepEqual(g, some[i].expect, some[i].name));
      });
    } finally {
      const code = await host.stop();
      if (name === "serve") assert.equal(code, 0, "politely serve should exit 0 on SIGTERM");
    }
  });
}
