//go:build js && wasm && !perrequest

package main

import (
	"net/http"

	"github.com/syumai/workers"

	"politely/internal/api"
)

// serve registers the handler, tells the glue it is ready, and blocks
// forever: returning would end the Go program and with it the binding's
// handleRequest, which one instance answers for every request. Bodies cross
// in one piece (see bridge), so a long-lived instance does not leak.
func serve(h http.Handler) {
	workers.ServeNonBlock(bridge(h, api.MaxBody+1))
	workers.Ready()
	select {}
}
