//go:build !(js && wasm)

// Command wasm is politely's API compiled to WebAssembly; build it with
// GOOS=js GOARCH=wasm (make wasm). Natively it only says so.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "wasm: build with GOOS=js GOARCH=wasm (make wasm); natively use: politely serve")
	os.Exit(2)
}
