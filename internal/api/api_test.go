package api

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"politely/internal/engine"
	"politely/internal/model"
)

func serve(h http.Handler, method, path, ctype, body string, hdr ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, "http://politely.local"+path, strings.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// A panic in the engine becomes a 500 JSON error, is logged, and the handler
// keeps answering.
func TestPanicIsRecovered(t *testing.T) {
	var logs bytes.Buffer
	h := New(newEngine(t), WithLogger(log.New(&logs, "", 0))).(*handler)
	h.assess = func(*engine.Worker, model.Request) (model.Result, error) { panic("boom") }
	rec := serve(h, "POST", "/v1/assess", "application/json", `{"text":"hi"}`)
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), `"code":"internal"`) {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	if strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("the panic value leaks to the client: %s", rec.Body)
	}
	if !strings.Contains(logs.String(), "boom") || !strings.Contains(logs.String(), "/v1/assess") {
		t.Errorf("log %q", logs.String())
	}
	if rec := serve(h, "POST", "/v1/lint", "application/json", `{"text":"hi"}`); rec.Code != 200 {
		t.Errorf("after a panic: %d %s", rec.Code, rec.Body)
	}
}

func TestCORS(t *testing.T) {
	const ext = "chrome-extension://abcdefghijklmnop"
	h := New(newEngine(t), WithAllowedOrigins(ext+"/", "*", ""))
	for _, tc := range []struct {
		name, method, origin string
		status               int
		acao                 string
	}{
		{"allowed preflight", "OPTIONS", ext, 204, ext},
		{"allowed POST", "POST", ext, 200, ext},
		{"other origin preflight", "OPTIONS", "https://evil.example", 405, ""},
		{"other origin POST", "POST", "https://evil.example", 200, ""},
		{"wildcard is never configured", "POST", "https://any.example", 200, ""},
		{"allowed origin, unknown path: it reads the 404", "GET", ext, 404, ext},
		{"other origin, unknown path", "GET", "https://evil.example", 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := "/v1/assess"
			if tc.status == 404 {
				path = "/v1/assess/"
			}
			rec := serve(h, tc.method, path, "application/json", `{"text":"hi"}`, "Origin", tc.origin, "Access-Control-Request-Method", "POST")
			if rec.Code != tc.status || rec.Header().Get("Access-Control-Allow-Origin") != tc.acao {
				t.Fatalf("%d ACAO=%q, want %d %q", rec.Code, rec.Header().Get("Access-Control-Allow-Origin"), tc.status, tc.acao)
			}
			if tc.status == 204 && rec.Header().Get("Access-Control-Allow-Methods") != "POST" {
				t.Errorf("Allow-Methods %q", rec.Header().Get("Access-Control-Allow-Methods"))
			}
		})
	}
}

// TestLoopbackHosts: a server on loopback answers only requests that name
// this machine, so that a page rebinding its own host name to 127.0.0.1
// cannot call it as the same origin.
func TestLoopbackHosts(t *testing.T) {
	h := New(newEngine(t), WithLoopbackHosts())
	for _, c := range []struct {
		host   string
		status int
	}{
		{"localhost", 200}, {"localhost:8080", 200}, {"LOCALHOST:1", 200}, {"127.0.0.1:8080", 200}, {"[::1]:8080", 200}, {"::1", 200},
		{"evil.example", 421}, {"evil.example:8080", 421}, {"127.0.0.2", 421}, {"localhost.evil.example", 421}, {"", 421},
	} {
		req := httptest.NewRequest("GET", "/healthz", nil)
		req.Host = c.host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != c.status || c.status == 421 && !strings.Contains(rec.Body.String(), `"code":"misdirected"`) {
			t.Errorf("Host %q: %d %s, want %d", c.host, rec.Code, rec.Body, c.status)
		}
	}
	// Without the option (a Worker behind its own domain), any host.
	if rec := serve(New(newEngine(t)), "GET", "/healthz", "", ""); rec.Code != 200 {
		t.Errorf("without WithLoopbackHosts: %d", rec.Code)
	}
}

func TestMaxBody(t *testing.T) {
	h := New(newEngine(t), WithMaxBody(20))
	for _, tc := range []struct {
		body   string
		status int
	}{
		{`{"text":"0123456"}`, 200},   // 18 bytes
		{`{"text":"012345678"}`, 200}, // 20 bytes: the limit itself is allowed
		{`{"text":"0123456789"}`, 413},
	} {
		if rec := serve(h, "POST", "/v1/lint", "application/json", tc.body); rec.Code != tc.status {
			t.Errorf("%d bytes: %d %s", len(tc.body), rec.Code, rec.Body)
		}
	}
	// A body without Content-Length (streamed, as in the wasm host) is cut at the limit too.
	req := httptest.NewRequest("POST", "/v1/lint", strings.NewReader(`{"text":"0123456789"}`))
	req.ContentLength = -1
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 413 {
		t.Errorf("streamed: %d", rec.Code)
	}
}

// FuzzHandler feeds arbitrary bodies to every endpoint: the answer is always
// a JSON object with an expected status, never a 500.
func FuzzHandler(f *testing.F) {
	h := New(newEngine(f))
	for _, s := range []string{
		`{"text":"hi"}`, `{"text":"Could I pick your brain? 🙏","now":"2026-11-22"}`, `{"text":5}`, `{`, ``, `[]`, `null`,
		`{"text":"x","thread":[{"from":"me","text":"y"}],"profile":{"contacts":[{"name":"A","negative":true}]}}`,
		`{"text":"\u00e9\ud83d\ude00","sender":{"degree":"2nd"},"profile":{"break_until":"2026-12-01"}}`,
		`{"text":"a","scenario":"x"}`, "{\"text\":\"\xff\xfe\"}", `{"text":"<p>Hi&nbsp;there</p>"}`,
	} {
		for _, p := range []string{"/v1/assess", "/v1/reply", "/v1/lint"} {
			f.Add(p, s)
		}
	}
	allowed := map[int]bool{200: true, 400: true, 413: true, 422: true}
	f.Fuzz(func(t *testing.T, path, body string) {
		if path != "/v1/assess" && path != "/v1/reply" && path != "/v1/lint" {
			path = "/v1/assess"
		}
		rec := serve(h, "POST", path, "application/json", body)
		if !allowed[rec.Code] {
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
			t.Fatalf("not JSON: %v %q", err, rec.Body)
		}
		if rec.Code == 200 && path == "/v1/assess" {
			req, err := model.Decode([]byte(body))
			if err != nil {
				t.Fatalf("200 for a body Decode refuses: %v", err)
			}
			var res model.Result
			if err := json.Unmarshal(m["flags"], &res.Flags); err != nil {
				t.Fatal(err)
			}
			for _, fl := range res.Flags {
				for _, s := range fl.Evidence {
					checkSpan(t, req.Text, s.Start, s.End, s.Text)
				}
			}
		}
	})
}

func TestNestedDeeper(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want bool
	}{
		{`{"a":[1]}`, 2, false},
		{`{"a":[[1]]}`, 2, true},
		{`{"a":"[[[[[["}`, 2, false},
		{`{"a":"\"[[[[[["}`, 2, false},
		{`{"a":"\\"}`, 1, false},
		{`{"a":"\\",[[["b"]]]}`, 2, true},
		{`]]]]{[`, 2, false},
		{``, 0, false},
	} {
		if got := nestedDeeper([]byte(tc.in), tc.max); got != tc.want {
			t.Errorf("nestedDeeper(%s, %d) = %v", tc.in, tc.max, got)
		}
	}
}

// BenchmarkHandler is one /v1/assess of a typical message through the whole
// handler, without HTTP.
func BenchmarkHandler(b *testing.B) {
	h := New(newEngine(b))
	body := `{"text":"Hi Sam, I came across your profile and loved your talk on platform teams. Could I pick your brain over a quick 15-minute call next week? Happy to work around your schedule.","now":"2026-11-22T10:00:00Z","sender":{"name":"Alex","degree":"2nd"}}`
	b.ReportAllocs()
	for b.Loop() {
		if rec := serve(h, "POST", "/v1/assess", "application/json", body); rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

// An error the engine is not documented to return is a 500, logged.
func TestUnexpectedEngineError(t *testing.T) {
	var logs bytes.Buffer
	h := New(newEngine(t), WithLogger(log.New(&logs, "", 0))).(*handler)
	h.lint = func(string, string) ([]model.Issue, error) { return nil, errors.New("disk on fire") }
	rec := serve(h, "POST", "/v1/lint", "application/json", `{"text":"hi"}`)
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "disk") || !strings.Contains(logs.String(), "disk on fire") {
		t.Fatalf("%d %s; log %q", rec.Code, rec.Body, logs.String())
	}
	h.lint = func(string, string) ([]model.Issue, error) {
		return nil, &model.FieldError{Field: "lang", Msg: "is not supported"}
	}
	if rec := serve(h, "POST", "/v1/lint", "application/json", `{"text":"hi"}`); rec.Code != 400 || !strings.Contains(rec.Body.String(), `"field":"lang"`) {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
}

// Requests served at once each get their own worker's memory: every answer
// is the one the same request gets alone, however they interleave.
func TestConcurrentAnswers(t *testing.T) {
	h := New(newEngine(t))
	files, _ := filepath.Glob("../../testdata/messages/*")
	if len(files) < 4 {
		t.Fatalf("only %d sample messages", len(files))
	}
	var bodies, want []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(map[string]string{"text": string(data)})
		bodies = append(bodies, string(b))
		want = append(want, serve(h, "POST", "/v1/assess", "application/json", string(b)).Body.String())
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range 40 {
				i := (g*7 + n) % len(bodies)
				if got := serve(h, "POST", "/v1/assess", "application/json", bodies[i]).Body.String(); got != want[i] {
					errs <- fmt.Sprintf("%s: answered at once with others:\n%s\nalone:\n%s", files[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// HEAD is answered as the GET without its body, and the connection stays
// usable: a real server, one keep-alive connection, HEAD then GET on it (and
// HEAD again, and the catalog). Rewriting the server's own request from HEAD
// to GET made net/http see a GET that declared a Content-Length and wrote
// nothing, and close the connection without a word.
func TestHeadKeepsTheConnection(t *testing.T) {
	srv := httptest.NewServer(New(newEngine(t)))
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	rd := bufio.NewReader(conn)
	var getLength string
	for i, step := range []struct{ method, path string }{
		{"HEAD", "/healthz"}, {"GET", "/healthz"}, {"HEAD", "/healthz"}, {"HEAD", "/v1/rules"}, {"GET", "/v1/rules"},
	} {
		req, _ := http.NewRequest(step.method, srv.URL+step.path, nil)
		if err := req.Write(conn); err != nil {
			t.Fatalf("request %d (%s %s) on the same connection: %v", i+1, step.method, step.path, err)
		}
		res, err := http.ReadResponse(rd, req)
		if err != nil {
			t.Fatalf("request %d (%s %s) on the same connection: %v", i+1, step.method, step.path, err)
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil || res.StatusCode != 200 || res.Close {
			t.Fatalf("%s %s: %d, close %v, %v", step.method, step.path, res.StatusCode, res.Close, err)
		}
		cl := res.Header.Get("Content-Length")
		switch {
		case step.method == "HEAD" && len(body) != 0:
			t.Errorf("HEAD %s answered a body: %q", step.path, body)
		case step.method == "HEAD":
			getLength = cl
		case cl != strconv.Itoa(len(body)) || cl != getLength:
			t.Errorf("GET %s: Content-Length %s, %d bytes; the HEAD before said %s", step.path, cl, len(body), getLength)
		}
	}
}
