package api

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/tidwall/gjson"

	"politely/internal/engine"
	"politely/internal/model"
)

// -export writes the battery with every answer of the native handler, for the
// Node harness (wasm/test) to replay against the wasm module, the real
// "politely serve" and the local worker and compare byte for byte.
var export = flag.String("export", "", "write the expanded battery with the native answers to `FILE` (JSONL)")

// Case is one request of the battery and what it must get.
type Case struct {
	Name    string            `json:"name"`
	Method  string            `json:"method,omitempty"` // default POST
	Path    string            `json:"path"`
	Type    *string           `json:"type,omitempty"` // Content-Type; default application/json for bodies; "" sends none
	Headers map[string]string `json:"headers,omitempty"`
	JSON    json.RawMessage   `json:"json,omitempty"` // the body as JSON
	Body    *string           `json:"body,omitempty"` // or as raw text
	Latin1  bool              `json:"latin1,omitempty"`
	Repeat  *struct {
		Prefix, Unit, Suffix string
		Count                int
	} `json:"repeat,omitempty"` // or built by repetition (large bodies)
	Catalog string `json:"catalog,omitempty"` // set this reply option to the catalog's first value
	Status  int    `json:"status"`
	Code    string `json:"code,omitempty"`
	// Want holds what some fields of the answer must be, by gjson path
	// ("flags.0.title"); "" means absent.
	Want map[string]string `json:"want,omitempty"`
}

// Wire is a case as sent, with the native answer: the format of -export.
type Wire struct {
	Name    string            `json:"name"`
	Method  string            `json:"method"`
	Path    string            `json:"path"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body_b64"`
	Expect  Answer            `json:"expect"`
}

// Answer is what the battery compares across hosts: status, the headers the
// API sets, and the exact body.
type Answer struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

// comparedHeaders are the headers the API itself sets; hosts may add others.
var comparedHeaders = []string{"Content-Type", "Allow", "Cache-Control", "X-Content-Type-Options", "Access-Control-Allow-Origin"}

func newEngine(t testing.TB) *engine.Engine {
	t.Helper()
	e, err := engine.New()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// loadCases reads our cases and adds, for every sample request of the
// repository, an assess, a reply and a lint case.
func loadCases(t testing.TB, e *engine.Engine) []Case {
	t.Helper()
	var cases []Case
	readLines(t, "testdata/cases.jsonl", func(line []byte, n int) {
		var c Case
		if err := json.Unmarshal(line, &c); err != nil {
			t.Fatalf("testdata/cases.jsonl:%d: %v", n, err)
		}
		cases = append(cases, c)
	})
	samples := filepath.Join("..", "..", "testdata", "requests.jsonl")
	if _, err := os.Stat(samples); err == nil {
		readLines(t, samples, func(line []byte, n int) {
			id := fmt.Sprint(n)
			if _, err := model.Decode(line); err != nil {
				t.Fatalf("%s:%d: %v", samples, n, err)
			}
			for _, p := range []string{"/v1/assess", "/v1/reply", "/v1/lint"} {
				cases = append(cases, Case{Name: "testdata/requests.jsonl:" + id + " " + p, Path: p, JSON: line, Status: 200})
			}
		})
	}
	cat := e.Catalog("")
	for i := range cases {
		c := &cases[i]
		if c.Catalog == "" {
			continue
		}
		var opts []string
		switch c.Catalog {
		case "scenario":
			opts = cat.Scenarios
		case "tone":
			opts = cat.Tones
		case "lang":
			opts = cat.Langs
		}
		if len(opts) == 0 {
			t.Fatalf("%s: the catalog has no %s", c.Name, c.Catalog)
		}
		var m map[string]any
		if err := json.Unmarshal(c.JSON, &m); err != nil {
			t.Fatal(err)
		}
		m[c.Catalog] = opts[len(opts)-1]
		c.JSON, _ = json.Marshal(m)
	}
	return cases
}

func readLines(t testing.TB, path string, fn func(line []byte, n int)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 4<<20)
	for n := 1; sc.Scan(); n++ {
		if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
			fn(append([]byte(nil), line...), n)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// wire turns a case into the request to send.
func (c Case) wire() Wire {
	w := Wire{Name: c.Name, Method: c.Method, Path: c.Path, Headers: map[string]string{}}
	if w.Method == "" {
		w.Method = http.MethodPost
	}
	var body []byte
	switch {
	case c.JSON != nil:
		body = c.JSON
	case c.Body != nil:
		body = []byte(*c.Body)
		if c.Latin1 {
			body = body[:0:0]
			for _, r := range *c.Body {
				body = append(body, byte(r))
			}
		}
	case c.Repeat != nil:
		body = []byte(c.Repeat.Prefix + strings.Repeat(c.Repeat.Unit, c.Repeat.Count) + c.Repeat.Suffix)
	}
	hasBody := c.JSON != nil || c.Body != nil || c.Repeat != nil
	switch {
	case c.Type != nil && *c.Type != "":
		w.Headers["Content-Type"] = *c.Type
	case c.Type == nil && hasBody:
		w.Headers["Content-Type"] = "application/json"
	}
	for k, v := range c.Headers {
		w.Headers[k] = v
	}
	w.Body = base64.StdEncoding.EncodeToString(body)
	return w
}

func (w Wire) request() *http.Request {
	body, _ := base64.StdEncoding.DecodeString(w.Body)
	var r io.Reader
	if len(body) > 0 || w.Method == http.MethodPost || w.Method == http.MethodPut {
		r = bytes.NewReader(body)
	}
	req := httptest.NewRequest(w.Method, "http://politely.local"+w.Path, r)
	for k, v := range w.Headers {
		req.Header.Set(k, v)
	}
	return req
}

func answer(rec *httptest.ResponseRecorder) Answer {
	a := Answer{Status: rec.Code, Headers: map[string]string{}, Body: rec.Body.String()}
	for _, k := range comparedHeaders {
		if v := rec.Header().Get(k); v != "" {
			a.Headers[k] = v
		}
	}
	return a
}

// TestBattery sends every case to the handler and checks the status, the
// error code and the shape of each answer; with -export it writes the answers
// for the other hosts.
func TestBattery(t *testing.T) {
	e := newEngine(t)
	h := New(e)
	cat := e.Catalog("")
	var out []Wire
	for _, c := range loadCases(t, e) {
		w := c.wire()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, w.request())
		w.Expect = answer(rec)
		out = append(out, w)
		t.Run(c.Name, func(t *testing.T) {
			if rec.Code != c.Status {
				t.Fatalf("status %d, want %d; body %s", rec.Code, c.Status, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			if rec.Header().Get("Access-Control-Allow-Origin") != "" {
				t.Errorf("CORS header without an allowed origin")
			}
			if w.Method == http.MethodHead {
				// The GET's status and headers, and no body on any host.
				if rec.Body.Len() != 0 {
					t.Fatalf("HEAD answered a body: %q", rec.Body)
				}
				return
			}
			var body map[string]json.RawMessage
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatalf("body is not a JSON object: %v: %q", err, rec.Body)
			}
			if c.Status >= 400 {
				checkError(t, rec, body, c)
				return
			}
			checkOK(t, c, w, body, cat)
			for path, want := range c.Want {
				if got := gjson.Get(w.Expect.Body, path).String(); got != want {
					t.Errorf("%s is %q, want %q", path, got, want)
				}
			}
		})
	}
	if *export != "" {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		for _, w := range out {
			enc.Encode(w)
		}
		if err := os.MkdirAll(filepath.Dir(*export), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*export, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func checkError(t *testing.T, rec *httptest.ResponseRecorder, body map[string]json.RawMessage, c Case) {
	t.Helper()
	var e errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || len(body) != 1 {
		t.Fatalf("not an error body: %s", rec.Body)
	}
	if e.Error.Code != c.Code || e.Error.Message == "" {
		t.Errorf("error %+v, want code %q and a message", e.Error, c.Code)
	}
	if e.Error.Code == "bad_field" && e.Error.Field != "" && !strings.Contains(e.Error.Message, e.Error.Field) {
		t.Errorf("message %q does not name the field %q", e.Error.Message, e.Error.Field)
	}
	if allow := rec.Header().Get("Allow"); (rec.Code == http.StatusMethodNotAllowed) != (allow != "") {
		t.Errorf("status %d with Allow %q", rec.Code, allow)
	}
}

func checkOK(t *testing.T, c Case, w Wire, body map[string]json.RawMessage, cat model.Catalog) {
	t.Helper()
	var req model.Request
	if w.Method == http.MethodPost {
		raw, _ := base64.StdEncoding.DecodeString(w.Body)
		var err error
		if req, err = model.Decode(raw); err != nil {
			t.Fatal(err)
		}
		if req.ID != "" && string(body["id"]) != quote(req.ID) {
			t.Errorf("id %s, want %q echoed", body["id"], req.ID)
		}
		if req.ID == "" && body["id"] != nil {
			t.Errorf("id %s without one in the request", body["id"])
		}
	}
	switch strings.SplitN(w.Path, "?", 2)[0] {
	case "/healthz":
		if string(body["status"]) != `"ok"` {
			t.Errorf("healthz %v", body)
		}
	case "/v1/rules":
		var got model.Catalog
		if err := json.Unmarshal([]byte(w.Expect.Body), &got); err != nil || len(got.Verdicts) == 0 || len(got.Langs) == 0 {
			t.Errorf("catalog %s (%v)", w.Expect.Body, err)
		}
		if !slices.Contains(got.Scenarios, "connect") {
			t.Errorf("catalog lists no connect scenario: %v", got.Scenarios)
		}
	case "/v1/assess":
		var res model.Result
		if err := json.Unmarshal([]byte(w.Expect.Body), &res); err != nil {
			t.Fatal(err)
		}
		if !hasLabel(cat.Verdicts, res.Verdict) {
			t.Errorf("verdict %q is not in the catalog", res.Verdict)
		}
		for _, f := range append(res.Flags, res.Signals...) {
			for _, s := range f.Evidence {
				checkSpan(t, req.Text, s.Start, s.End, s.Text)
			}
			// Every finding carries its learned probability (1 when read
			// from context), and every learned one at least one span.
			_, learned := res.Scores.Get(f.ID)
			if !(f.Score > 0 && f.Score <= 1) || learned && len(f.Evidence) == 0 {
				t.Errorf("%s: score %v, %d evidence spans", f.ID, f.Score, len(f.Evidence))
			}
		}
		if res.Scores.Len() == 0 {
			t.Errorf("no learned scores: %s", w.Expect.Body)
		}
		for _, s := range res.Scores.List() {
			if !(s.Score >= 0 && s.Score <= 1) {
				t.Errorf("score %s = %v, not a probability", s.ID, s.Score)
			}
		}
		for _, k := range []string{"flags", "signals", "asks", "reasons"} {
			if string(body[k]) == "null" || body[k] == nil {
				t.Errorf("%s is %s, want a list", k, body[k])
			}
		}
		if res.Reply == nil || strings.TrimSpace(res.Reply.Text) == "" {
			t.Errorf("no reply: %s", w.Expect.Body)
		}
	case "/v1/reply":
		var r struct{ Reply model.Reply }
		if err := json.Unmarshal([]byte(w.Expect.Body), &r); err != nil || strings.TrimSpace(r.Reply.Text) == "" || len(body) > 2 {
			t.Fatalf("reply body %s (%v)", w.Expect.Body, err)
		}
		// What was asked for, read as the reply reads it: a scenario in any
		// case, a language tag in any spelling.
		scenario, lang := strings.ToLower(strings.TrimSpace(req.Scenario)), model.Supported(req.Lang, cat.Langs)
		for _, o := range [][2]string{{scenario, r.Reply.Scenario}, {req.Tone, r.Reply.Tone}, {lang, r.Reply.Lang}} {
			if o[0] != "" && o[0] != o[1] {
				t.Errorf("asked for %q, reply has %q", o[0], o[1])
			}
		}
	case "/v1/lint":
		var r struct{ Findings []model.Issue }
		if err := json.Unmarshal([]byte(w.Expect.Body), &r); err != nil || string(body["findings"]) == "null" {
			t.Fatalf("lint body %s (%v)", w.Expect.Body, err)
		}
		for _, f := range r.Findings {
			checkSpan(t, req.Text, f.Start, f.End, f.Text)
		}
	default:
		t.Fatalf("no check for %s", w.Path)
	}
}

// checkSpan checks that [start, end) in UTF-16 code units of text is text.
func checkSpan(t *testing.T, text string, start, end int, want string) {
	t.Helper()
	u := utf16.Encode([]rune(text))
	if start < 0 || end < start || end > len(u) {
		t.Errorf("span [%d,%d) outside the text (%d code units)", start, end, len(u))
		return
	}
	if got := string(utf16.Decode(u[start:end])); got != want {
		t.Errorf("span [%d,%d) is %q, the answer says %q", start, end, got, want)
	}
}

func hasLabel(ls []model.Label, id string) bool {
	for _, l := range ls {
		if l.ID == id {
			return true
		}
	}
	return false
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
