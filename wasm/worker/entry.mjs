// The Cloudflare Workers entry: one Go instance per isolate, reused for every
// request, through the same glue the extension uses (politely.mjs). The glue
// that workers-assets-gen -runtime=cloudflare generates starts a new instance
// for each request; with a program that stays alive (ServeNonBlock, Ready,
// select{}) that would leave one instance behind per request, and it costs
// about 10-20 ms a request even when it does not.
import { load } from "./politely.mjs";
import mod from "./app.wasm"; // Workers hand a .wasm import over compiled.

let api;

export default {
  async fetch(request) {
    // The first request of an isolate starts the program; a failed start is
    // retried on the next request instead of being cached.
    api ??= load(mod).catch((err) => {
      api = undefined;
      throw err;
    });
    return (await api).fetch(request);
  },
};
