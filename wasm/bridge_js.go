//go:build js && wasm && !perrequest

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"syscall/js"
)

// syumai/workers' ResponseWriter accepts a JavaScript body as is, and its
// request body hands out the JavaScript stream. Both methods are matched by
// these interfaces, since the types themselves are internal to that module.
type (
	rawBodyWriter interface{ WriteRawJSBody(body js.Value) }
	rawBodyGetter interface{ GetRawJSBody() js.Value }
)

// bridge moves request and response bodies across the JavaScript boundary in
// one piece. syumai/workers otherwise streams them: for each response it
// registers two Go functions for the ReadableStream (pull, cancel) holding a
// 16 KB buffer, and for each read of a request body a catch callback, and it
// never releases them. An instance that lives for many requests (ours, by
// design) then grows without bound - measured in Node 20: 184 MB after 4,000
// requests, 377 MB after 20,000; with the bridge it stays near 185 MB - and
// every chunk costs a promise round trip (p50 0.83 ms instead of 1.5 ms).
// Whole bodies avoid both; API bodies are small and capped anyway.
//
// limit is the API's own limit plus one: the handler answers 413 past its
// limit, and limit bytes are enough to tell "at the limit" from "over". A
// body whose Content-Length says it is longer than that is not read into Go
// at all (the handler refuses it by that length); any other is read chunk
// by chunk, at most limit bytes of it, and then r.ContentLength is the
// number of bytes read, whatever the header said. What is left of a body
// over the limit is dropped, or its stream cancelled (see readStream), so
// that an endless or huge upload costs little. A body that cannot be read
// (a Request whose body was already used, a stream that fails) makes every
// read of r.Body fail: the handler answers 400 bad_body.
//
// syumai/workers splits every header value at each comma; bridge joins them
// back, so that the handler reads the header as sent, as it does natively
// ("application/json; x=\"a,b\"" is one media type).
//
// The status, headers and body the handler writes are passed on unchanged.
func bridge(h http.Handler, limit int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, ok := w.(rawBodyWriter)
		if !ok {
			h.ServeHTTP(w, r)
			return
		}
		joinHeaders(r.Header)
		if g, ok := r.Body.(rawBodyGetter); ok {
			stream := g.GetRawJSBody()
			switch b, err := readStream(stream, limit, r.ContentLength); {
			case err == errDeclaredTooLarge:
				r.Body = http.NoBody // over the API's limit by Content-Length: 413
			case err != nil:
				r.Body = io.NopCloser(&failingReader{err})
			default:
				r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
			}
		}
		buf := &bufferedWriter{header: w.Header(), status: http.StatusOK}
		h.ServeHTTP(buf, r)
		body := js.Global().Get("Uint8Array").New(buf.body.Len())
		js.CopyBytesToJS(body, buf.body.Bytes())
		raw.WriteRawJSBody(body)
		w.WriteHeader(buf.status)
	})
}

// joinHeaders undoes syumai/workers' split of each header value at ",".
// JavaScript's Headers hold one value a name (repeated headers arrive joined
// with ", "), so joining the pieces with "," gives back that value exactly.
func joinHeaders(h http.Header) {
	for k, vs := range h {
		if len(vs) > 1 {
			h[k] = []string{strings.Join(vs, ",")}
		}
	}
}

var errDeclaredTooLarge = errors.New("the declared Content-Length is over the limit")

// maxDrain is how much of a refused body is still read, and dropped, before
// its stream is cancelled: net/http's server does the same with 256 KB of
// a body its handler left unread, to keep the connection. A cancelled body
// ends the connection it came on, and in wrangler dev (workerd behind
// Miniflare's proxy) the next requests sent through the proxy then fail
// with 503 "Your worker restarted mid-request" or hang; a body a little
// over the limit (the usual case) is read to its end instead.
const maxDrain = 256 << 10

// readStream reads a ReadableStream (or null) into Go: at most limit bytes,
// and none when declared (the request's Content-Length, -1 when unknown) is
// limit or more. A body over the limit is then read to its end if that end
// is within maxDrain bytes, or its stream is cancelled, so that an endless
// or huge upload costs at most limit + maxDrain bytes and a chunk. A
// JavaScript exception (a locked or already read stream throws on
// getReader) is returned as an error, never a panic: it would end the Go
// program and every request in flight with it.
func readStream(stream js.Value, limit, declared int64) (b []byte, err error) {
	if stream.Type() != js.TypeObject {
		return nil, nil
	}
	defer func() {
		if v := recover(); v != nil {
			b, err = nil, fmt.Errorf("%v", v)
		}
	}()
	if declared >= limit+maxDrain {
		// Not a byte of it is needed; let its source stop producing.
		cancel(stream)
		return nil, errDeclaredTooLarge
	}
	reader := stream.Call("getReader")
	read := newAwaiter()
	defer read.release()
	if declared >= limit {
		drain(read, reader, declared)
		return nil, errDeclaredTooLarge
	}
	if declared > 0 {
		b = make([]byte, 0, declared)
	}
	u8 := js.Global().Get("Uint8Array")
	for {
		res, err := read.await(reader.Call("read"))
		if err != nil {
			return nil, err
		}
		if res.Get("done").Truthy() {
			return b, nil
		}
		chunk := res.Get("value")
		if !chunk.InstanceOf(u8) {
			cancel(reader)
			return nil, errors.New("the body stream gave a chunk that is not a Uint8Array")
		}
		// Keep at most limit bytes in all: that many already tell the
		// handler that the body is too large.
		n := min(chunk.Length(), int(limit)-len(b))
		b = slices.Grow(b, n)
		b = b[:len(b)+n]
		js.CopyBytesToGo(b[len(b)-n:], chunk) // copies n bytes, the shorter length
		if int64(len(b)) >= limit {
			drain(read, reader, maxDrain-int64(chunk.Length()-n))
			return b, nil
		}
	}
}

// drain reads and drops the rest of a refused body while it stays within
// budget bytes; past that it cancels the stream.
func drain(read *awaiter, reader js.Value, budget int64) {
	for budget >= 0 {
		res, err := read.await(reader.Call("read"))
		if err != nil || res.Get("done").Truthy() {
			return
		}
		n := res.Get("value").Get("byteLength")
		if n.Type() != js.TypeNumber {
			break
		}
		budget -= int64(n.Int())
	}
	cancel(reader)
}

// ignore is the rejection handler of the promises bridge does not wait for.
var ignore = js.FuncOf(func(js.Value, []js.Value) any { return nil })

// cancel cancels a stream or a reader of one without waiting for it; a
// rejection (the source's cancel failed) is ignored rather than left
// unhandled, which would end a Node process.
func cancel(v js.Value) {
	if p := v.Call("cancel"); p.Type() == js.TypeObject {
		p.Call("catch", ignore)
	}
}

// awaiter waits for promises, one at a time, with one pair of callbacks
// released once done with. The callbacks never block: the channel has room
// for the one answer of the promise waited for.
type awaiter struct {
	ch          chan awaited
	then, catch js.Func
}

type awaited struct {
	v   js.Value
	err error
}

func newAwaiter() *awaiter {
	a := &awaiter{ch: make(chan awaited, 1)}
	a.then = js.FuncOf(func(_ js.Value, args []js.Value) any {
		a.ch <- awaited{v: args[0]}
		return nil
	})
	a.catch = js.FuncOf(func(_ js.Value, args []js.Value) any {
		// String(reason): a promise may be rejected with anything, undefined too.
		a.ch <- awaited{err: errors.New(js.Global().Get("String").Invoke(args[0]).String())}
		return nil
	})
	return a
}

func (a *awaiter) await(p js.Value) (js.Value, error) {
	p.Call("then", a.then, a.catch)
	r := <-a.ch
	return r.v, r.err
}

func (a *awaiter) release() {
	a.then.Release()
	a.catch.Release()
}

type failingReader struct{ err error }

func (f *failingReader) Read([]byte) (int, error) { return 0, f.err }

// bufferedWriter collects the response; its headers are the real writer's.
type bufferedWriter struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header { return b.header }

func (b *bufferedWriter) WriteHeader(status int) {
	if !b.wrote {
		b.status, b.wrote = status, true
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	b.wrote = true
	return b.body.Write(p)
}
