//go:build js && wasm

package main

import (
	"syscall/js"

	"politely/internal/engine"
)

// image returns the image of the phrase index the glue passed in (load's
// image option, a Uint8Array), or nil.
func image() []byte {
	ctx := js.Global().Get("context")
	if ctx.Type() != js.TypeObject {
		return nil
	}
	v := ctx.Get("image")
	if v.Type() != js.TypeObject || !v.InstanceOf(js.Global().Get("Uint8Array")) {
		return nil
	}
	b := make([]byte, v.Length())
	js.CopyBytesToGo(b, v)
	return b
}

// offer tells the glue whether the image was used (binding.restored, or
// binding.stale with why not) and lets it ask for the engine's own image
// (binding.image()), which it keeps for the next start. The image is made
// only when asked, after the start the user waits for.
func offer(e *engine.Engine, stale error) {
	b := js.Global().Get("context").Get("binding")
	if b.Type() != js.TypeObject {
		return
	}
	if stale == nil {
		b.Set("restored", true)
	} else {
		b.Set("stale", stale.Error())
	}
	b.Set("image", js.FuncOf(func(js.Value, []js.Value) any {
		img := e.Image()
		if img == nil {
			return js.Null()
		}
		u := js.Global().Get("Uint8Array").New(len(img))
		js.CopyBytesToJS(u, img)
		return u
	}))
}
