//go:build js && wasm

// Command wasm is politely's API compiled to WebAssembly (GOOS=js). It serves
// the same handler as "politely serve" through github.com/syumai/workers and
// then stays alive, so that one instance answers every request: the glue in
// wasm/glue (politely.mjs) instantiates it once and calls the binding's
// handleRequest for each Request. On Cloudflare Workers, worker/entry.mjs
// runs it through the same glue.
package main

import (
	"log"
	"os"
	"runtime/debug"

	"politely/internal/api"
	"politely/internal/engine"
)

func main() {
	logger := log.New(os.Stderr, "politely: ", 0)
	// Compiling the pack makes some 28 MB of short-lived garbage (phrases
	// expanded and folded, tables grown). Collecting it while Chrome
	// waits for a restarted worker costs more than holding it: without
	// collections start-up is about 70 ms faster in Node (make
	// bench-hosts), and the first collection after it frees it all.
	//
	// A host that kept the phrase index of an earlier start passes it in
	// (load's image option): reading it back is most of the start-up saved.
	img := image()
	gc := debug.SetGCPercent(-1)
	e, stale, err := engine.Restore(img)
	img = nil // main never returns: the copy is garbage once read
	debug.SetGCPercent(gc)
	if err != nil {
		// The embedded pack is tested natively; if it ever fails here the
		// module cannot answer anything, so say why and exit.
		logger.Fatalf("compiling the rule pack: %v", err)
	}
	offer(e, stale)
	serve(api.New(e, api.WithLogger(logger)))
}
