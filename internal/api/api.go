// Package api is politely's HTTP API: one http.Handler that every host serves
// unchanged (politely serve natively, the WebAssembly module in a browser or
// extension, and Cloudflare Workers). It only translates between HTTP and the
// engine; every judgment lives in the engine.
//
// Endpoints:
//
//	POST /v1/assess  request → assessment with its reply ("id" echoed)
//	POST /v1/reply   request (+ scenario, tone, lang) → {"reply": {...}}
//	POST /v1/lint    {"text", "lang"} → {"findings": [...]}
//	GET  /v1/rules   the active catalog: flags, signals, asks, verdicts, scenarios, tones, languages
//	                 (?lang=de: the titles and explanations in German)
//	GET  /healthz    {"status": "ok"}
//
// Every error is JSON {"error": {"code", "message"[, "field"]}} with the
// matching status: 400 bad_json or bad_field, 404 not_found, 405
// method_not_allowed (with Allow), 413 too_large, 415 unsupported_media_type,
// 422 empty_text, 500 internal.
package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"mime"
	"net"
	"net/http"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"

	"politely/internal/engine"
	"politely/internal/model"
	"politely/internal/rules"
)

// MaxBody is the default limit on a request body, in bytes. A LinkedIn
// message with its thread and a full profile is a few kilobytes; the limit
// keeps one request from holding much memory in a small wasm heap.
const MaxBody = 256 << 10

// Option configures New.
type Option func(*handler)

// WithLogger sets where recovered panics are logged. The default discards
// them, so that a host chooses where its diagnostics go.
func WithLogger(l *log.Logger) Option {
	return func(h *handler) {
		if l != nil {
			h.log = l
		}
	}
}

// WithMaxBody sets the body limit in bytes (default MaxBody).
func WithMaxBody(n int64) Option {
	return func(h *handler) {
		if n > 0 {
			h.maxBody = n
		}
	}
}

// WithAllowedOrigins lets browser pages from exactly these origins (for
// example "chrome-extension://abcdef...") call the API across origins. There
// is no wildcard and none is allowed by default: the extension calls the API
// in-process through WebAssembly, and the native server listens on loopback,
// where a wildcard would let any web page the user visits read it.
func WithAllowedOrigins(origins ...string) Option {
	return func(h *handler) {
		for _, o := range origins {
			if o = strings.TrimRight(strings.TrimSpace(o), "/"); o != "" && o != "*" {
				h.origins[o] = true
			}
		}
	}
}

// WithLoopbackHosts makes the handler answer only requests addressed to
// this machine by name: a Host of localhost, 127.0.0.1 or [::1], on any
// port. A server on loopback is otherwise open to DNS rebinding: a web page
// whose own host name is made to point at 127.0.0.1 calls it as the same
// origin, and CORS, which the API answers for no page by default, never
// applies. Any other Host gets 421 misdirected. politely serve sets it when
// it listens on loopback; a host behind a domain of its own does not.
func WithLoopbackHosts() Option { return func(h *handler) { h.loopback = true } }

// loopbackHost reports whether host (a Host header, with or without port)
// names this machine.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return strings.EqualFold(host, "localhost") || host == "127.0.0.1" || host == "::1"
}

// handler holds the engine calls as functions so that a test can make one
// panic and check that the host survives.
type handler struct {
	assess func(*engine.Worker, model.Request) (model.Result, error)
	reply  func(*engine.Worker, model.Request) (model.Reply, error)
	// workers judge requests into memory of their own, reused from one
	// request to the next: a response is encoded before its worker goes
	// back, so nothing of one request's answer is written over before then.
	workers  sync.Pool
	lint     func(text, lang string) ([]model.Issue, error)
	rules    map[string][]byte // the catalog in each language, encoded once: the engine is immutable
	options  map[string][]string
	log      *log.Logger
	maxBody  int64
	origins  map[string]bool
	loopback bool // answer only a Host that names this machine (WithLoopbackHosts)
}

// New returns the API handler for the engine. The handler is safe for
// concurrent use and never panics: a panic inside becomes a 500 JSON error
// and is logged.
func New(e *engine.Engine, opts ...Option) http.Handler {
	h := &handler{
		assess:  (*engine.Worker).Assess,
		reply:   (*engine.Worker).Reply,
		lint:    e.Lint,
		log:     log.New(io.Discard, "", 0),
		maxBody: MaxBody,
		origins: map[string]bool{},
	}
	h.workers.New = func() any { return e.Worker() }
	for _, o := range opts {
		o(h)
	}
	cat := e.Catalog("")
	h.options = map[string][]string{"scenario": cat.Scenarios, "tone": cat.Tones, "lang": cat.Langs}
	h.rules = map[string][]byte{}
	for _, lang := range rules.Langs {
		// The catalog is plain strings; failing to encode it is a bug that
		// should surface on every call rather than stop the host.
		if b, err := encode(e.Catalog(lang)); err == nil {
			h.rules[lang] = b
		}
	}
	return h
}

// route is one endpoint: the method it accepts and what it does.
type route struct {
	method string
	serve  func(h *handler, w http.ResponseWriter, r *http.Request)
}

var routes = map[string]route{
	"/v1/assess": {http.MethodPost, (*handler).serveAssess},
	"/v1/reply":  {http.MethodPost, (*handler).serveReply},
	"/v1/lint":   {http.MethodPost, (*handler).serveLint},
	"/v1/rules":  {http.MethodGet, (*handler).serveRules},
	"/healthz":   {http.MethodGet, (*handler).serveHealth},
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			h.log.Printf("politely api: panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
			// Every endpoint writes its whole answer at once at the end, so
			// nothing has been sent yet when a panic reaches here.
			fail(w, http.StatusInternalServerError, "internal", "internal error: the request could not be handled", "")
		}
	}()
	if h.loopback && !loopbackHost(r.Host) {
		fail(w, http.StatusMisdirectedRequest, "misdirected", fmt.Sprintf("this server answers only requests to localhost, 127.0.0.1 or [::1], not to %q", r.Host), "")
		return
	}
	rt, ok := routes[r.URL.Path]
	allowed := h.allow(w, r)
	if !ok {
		// An allowed origin reads this answer too, rather than an opaque
		// failure of the browser's own.
		fail(w, http.StatusNotFound, "not_found", fmt.Sprintf("no endpoint %s; see GET /v1/rules, POST /v1/assess, /v1/reply, /v1/lint", r.URL.Path), "")
		return
	}
	if allowed && h.preflight(w, r, rt.method) {
		return
	}
	methods, method := rt.method, r.Method
	if rt.method == http.MethodGet {
		// HEAD is GET without the body (RFC 9110): health checkers use it.
		// It is served as the GET without changing r.Method: r is the
		// server's own request, and net/http, seeing a GET that declared
		// a Content-Length and wrote nothing, would close the connection.
		methods = "GET, HEAD"
		if method == http.MethodHead {
			method, w = http.MethodGet, headWriter{w}
		}
	}
	if method != rt.method {
		w.Header().Set("Allow", methods)
		fail(w, http.StatusMethodNotAllowed, "method_not_allowed", fmt.Sprintf("%s %s is not allowed; use %s", r.Method, r.URL.Path, methods), "")
		return
	}
	rt.serve(h, w, r)
}

// headWriter answers a HEAD request: the headers and status of the GET,
// without its body. net/http drops the body of a HEAD answer itself, but the
// WebAssembly and Workers hosts hand the handler's bytes to a JavaScript
// Response as they are.
type headWriter struct{ http.ResponseWriter }

func (headWriter) Write(b []byte) (int, error) { return len(b), nil }

// allow adds the headers for an allowed origin to every answer, and reports
// whether the request's origin is one.
func (h *handler) allow(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" || !h.origins[origin] {
		return false
	}
	w.Header().Set("Access-Control-Allow-Origin", origin)
	w.Header().Add("Vary", "Origin")
	return true
}

// preflight answers an allowed origin's CORS preflight for an endpoint
// taking method, and reports whether it did.
func (h *handler) preflight(w http.ResponseWriter, r *http.Request, method string) bool {
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		w.Header().Set("Access-Control-Allow-Methods", method)
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
		w.Header().Set("Access-Control-Max-Age", "600")
		w.WriteHeader(http.StatusNoContent)
		return true
	}
	return false
}

// body checks the media type and size and returns the request body, or
// answers with the error and returns false.
func (h *handler) body(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	ct := r.Header.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		if ct == "" {
			ct = "none"
		}
		fail(w, http.StatusUnsupportedMediaType, "unsupported_media_type", fmt.Sprintf("Content-Type must be application/json (got %s)", ct), "")
		return nil, false
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
		fail(w, http.StatusUnsupportedMediaType, "unsupported_media_type", fmt.Sprintf("the body must be UTF-8 (got charset=%s)", cs), "")
		return nil, false
	}
	tooLarge := func() ([]byte, bool) {
		fail(w, http.StatusRequestEntityTooLarge, "too_large", "the body is larger than "+strconv.FormatInt(h.maxBody, 10)+" bytes", "")
		return nil, false
	}
	if r.ContentLength > h.maxBody {
		return tooLarge()
	}
	if r.Body == nil {
		return nil, true
	}
	// Read one byte past the limit to tell "exactly the limit" from "over".
	b, err := io.ReadAll(io.LimitReader(r.Body, h.maxBody+1))
	if err != nil {
		fail(w, http.StatusBadRequest, "bad_body", "the body could not be read: "+err.Error(), "")
		return nil, false
	}
	if int64(len(b)) > h.maxBody {
		return tooLarge()
	}
	return b, true
}

// decode reads a request body with model.Decode, answering errors.
func (h *handler) decode(w http.ResponseWriter, r *http.Request) (model.Request, bool) {
	b, ok := h.body(w, r)
	if !ok {
		return model.Request{}, false
	}
	if nestedDeeper(b, maxDepth) {
		fail(w, http.StatusBadRequest, "bad_json", fmt.Sprintf("the body nests arrays or objects more than %d deep", maxDepth), "")
		return model.Request{}, false
	}
	req, err := model.Decode(b)
	if err != nil {
		h.failErr(w, err)
		return model.Request{}, false
	}
	return req, true
}

// maxDepth bounds JSON nesting. A request nests four levels at most; gjson
// validates recursively, and in WebAssembly each level takes frames of the
// engine's own call stack, which overflows near ten thousand levels and
// leaves the Go program deadlocked (measured in Node 20). Refusing deep
// bodies first keeps every host alive and answering alike.
const maxDepth = 64

// nestedDeeper reports whether b opens more than max arrays or objects at
// once, ignoring brackets inside strings. It reads b once and never fails.
func nestedDeeper(b []byte, max int) bool {
	depth, inString, escaped := 0, false, false
	for _, c := range b {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			if depth++; depth > max {
				return true
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return false
}

// checkOptions refuses a reply scenario, tone or language the catalog does
// not list, naming the choices, before any work is done.
func (h *handler) checkOptions(w http.ResponseWriter, req model.Request) bool {
	// Read as the reply reads them: a scenario in any case, a language tag
	// in any spelling ("pt_br", "DE", "zh-CN") as the language it asks for.
	scenario := strings.ToLower(strings.TrimSpace(req.Scenario))
	lang := model.Supported(req.Lang, h.options["lang"])
	for _, o := range [...]struct{ field, value string }{{"scenario", scenario}, {"tone", req.Tone}, {"lang", lang}} {
		if o.value == "" || slices.Contains(h.options[o.field], o.value) {
			continue
		}
		h.failErr(w, &model.FieldError{Field: o.field, Msg: fmt.Sprintf("%q is not one of %s", o.value, strings.Join(h.options[o.field], ", "))})
		return false
	}
	return true
}

// failErr maps a decoding or engine error to its status and code. The
// engine only returns *model.FieldError; anything else is a bug, answered
// as one and logged.
func (h *handler) failErr(w http.ResponseWriter, err error) {
	var fe *model.FieldError
	switch {
	case errors.Is(err, model.ErrInvalidJSON):
		fail(w, http.StatusBadRequest, "bad_json", "the body is not valid JSON", "")
	case errors.Is(err, model.ErrEmptyText):
		fail(w, http.StatusUnprocessableEntity, "empty_text", err.Error(), "text")
	case errors.As(err, &fe):
		fail(w, http.StatusBadRequest, "bad_field", err.Error(), fe.Field)
	default:
		h.log.Printf("politely api: unexpected error: %v", err)
		fail(w, http.StatusInternalServerError, "internal", "internal error: the request could not be handled", "")
	}
}

// assessResponse is the assessment with the request's id first.
type assessResponse struct {
	ID string `json:"id,omitempty"`
	model.Result
}

func (h *handler) serveAssess(w http.ResponseWriter, r *http.Request) {
	req, ok := h.decode(w, r)
	if !ok || !h.checkOptions(w, req) {
		return
	}
	wk := h.workers.Get().(*engine.Worker)
	res, err := h.assess(wk, req)
	if err != nil {
		h.workers.Put(wk)
		h.failErr(w, err)
		return
	}
	reply(w, http.StatusOK, assessResponse{req.ID, normalize(res)})
	// Encoded and written: the worker's memory is free again. A panic on
	// the way leaves the worker out of the pool, whatever state it is in.
	h.workers.Put(wk)
}

func (h *handler) serveReply(w http.ResponseWriter, r *http.Request) {
	req, ok := h.decode(w, r)
	if !ok || !h.checkOptions(w, req) {
		return
	}
	wk := h.workers.Get().(*engine.Worker)
	rep, err := h.reply(wk, req)
	h.workers.Put(wk) // a reply is strings of its own
	if err != nil {
		h.failErr(w, err)
		return
	}
	reply(w, http.StatusOK, struct {
		ID    string      `json:"id,omitempty"`
		Reply model.Reply `json:"reply"`
	}{req.ID, rep})
}

func (h *handler) serveLint(w http.ResponseWriter, r *http.Request) {
	req, ok := h.decode(w, r)
	if !ok {
		return
	}
	issues, err := h.lint(req.Text, req.Lang)
	if err != nil {
		h.failErr(w, err)
		return
	}
	if issues == nil {
		issues = []model.Issue{}
	}
	reply(w, http.StatusOK, struct {
		ID       string        `json:"id,omitempty"`
		Findings []model.Issue `json:"findings"`
	}{req.ID, issues})
}

// serveRules answers the catalog in the language of ?lang= (a browser's
// "de-AT" or "zh-CN" too); one politely does not speak gets English, and
// the catalog's "lang" says which it is.
func (h *handler) serveRules(w http.ResponseWriter, r *http.Request) {
	b := h.rules[rules.Lang(r.URL.Query().Get("lang"))]
	if b == nil {
		panic("api: the catalog could not be encoded")
	}
	write(w, http.StatusOK, b)
}

func (h *handler) serveHealth(w http.ResponseWriter, r *http.Request) {
	write(w, http.StatusOK, []byte(`{"status":"ok"}`+"\n"))
}

// normalize turns absent lists into empty ones so that clients can iterate
// without null checks.
func normalize(res model.Result) model.Result {
	if res.Flags == nil {
		res.Flags = []model.Finding{}
	}
	if res.Signals == nil {
		res.Signals = []model.Finding{}
	}
	if res.Asks == nil {
		res.Asks = []string{}
	}
	if res.Reasons == nil {
		res.Reasons = []string{}
	}
	for _, fs := range [][]model.Finding{res.Flags, res.Signals} {
		for i := range fs {
			if fs[i].Evidence == nil {
				fs[i].Evidence = []model.Span{}
			}
		}
	}
	return res
}

// errorBody is the shape of every error.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Field   string `json:"field,omitempty"`
	} `json:"error"`
}

func fail(w http.ResponseWriter, status int, code, msg, field string) {
	var e errorBody
	e.Error.Code, e.Error.Message, e.Error.Field = code, msg, field
	b, err := encode(e)
	if err != nil {
		b = []byte(`{"error":{"code":"internal","message":"internal error"}}` + "\n")
	}
	write(w, status, b)
}

func reply(w http.ResponseWriter, status int, v any) {
	b, err := encode(v)
	if err != nil {
		panic(fmt.Sprintf("api: encoding the response: %v", err))
	}
	write(w, status, b)
}

// encode writes JSON without HTML escaping: the body is served as
// application/json with nosniff, and messages are full of "<" and "&".
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func write(w http.ResponseWriter, status int, b []byte) {
	hd := w.Header()
	hd.Set("Content-Type", "application/json; charset=utf-8")
	hd.Set("Content-Length", strconv.Itoa(len(b)))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
}
