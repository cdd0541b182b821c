package model

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

func TestDecode(t *testing.T) {
	r, err := Decode([]byte(`{"id": 7, "text": "hi \u00e9", "kind": "Invitation", "now": "2026-11-22T10:00:00Z", "sender": {"name": "Ana", "degree": "2nd"},
		"thread": [{"from": "Me", "text": "hello"}], "profile": {"capacity_hours_per_week": 3, "break_until": "2027-01-15",
		"contacts": [{"name": "Bo", "negative": true}], "experts": [{"name": "Cy", "topics": ["seo"]}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "7" || r.Text != "hi é" || r.Kind != "invitation" || r.Now.Year() != 2026 || r.Sender.Degree != 2 || r.Thread[0].From != "me" ||
		r.Profile.CapacityHoursPerWeek != 3 || r.Profile.BreakUntil.Month() != 1 || !r.Profile.Contacts[0].Negative || r.Profile.Experts[0].Topics[0] != "seo" {
		t.Fatalf("%+v", r)
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{`{"text": "hi"`, ErrInvalidJSON.Error()},
		{`[1]`, "must be a JSON object"},
		{`{"text": 5}`, `field "text": must be a string`},
		{`{"text": "x", "sender": []}`, `field "sender": must be an object`},
		{`{"text": "x", "sender": {"degree": 9}}`, `field "sender.degree"`},
		{`{"text": "x", "sender": {"degree": "10"}}`, `field "sender.degree"`},
		{`{"text": "x", "sender": {"degree": "2abc"}}`, `field "sender.degree"`},
		{`{"text": "x", "thread": [{"from": "bot", "text": "x"}]}`, `field "thread.0.from"`},
		{`{"text": "x", "profile": {"contacts": [{"name": 1}]}}`, `field "profile.contacts.0.name"`},
		{`{"text": "x", "profile": {"capacity_hours_per_week": "lots"}}`, `field "profile.capacity_hours_per_week": must be a number`},
		{`{"text": "x", "profile": {"break_until": "soon"}}`, `field "profile.break_until": must be a date`},
		{`{"text": "x", "now": "yesterday"}`, `field "now"`},
		{`{"text": "x", "kind": "post"}`, `field "kind": must be "message" or "invitation"`},
		{`{"text": "   "}`, ErrEmptyText.Error()},
		{`{}`, ErrEmptyText.Error()},
		{`{"text": "\u200b\u200d\u0000\ufeff \n"}`, ErrEmptyText.Error()},
		{`{"text": "x", "a": ` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`, ErrTooDeep.Error()},
	} {
		_, err := Decode([]byte(c.body))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.body, err, c.want)
		}
	}
	var fe *FieldError
	if _, err := Decode([]byte(`{"text": 1}`)); !errors.As(err, &fe) || fe.Field != "text" {
		t.Errorf("want a *FieldError for text, got %v", err)
	}
}

func TestDecodeInvalidUTF8(t *testing.T) {
	r, err := Decode([]byte("{\"text\": \"a\xffb\"}"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Text != "a\uFFFDb" {
		t.Fatalf("%q", r.Text)
	}
}

// TestDecodeText: a text reads as JavaScript's JSON.parse reads it and a
// browser encodes it, so that evidence offsets match the text a page holds:
// a lone surrogate escape is one U+FFFD and the escape after it is read on
// its own (gjson alone swallowed it), and each ill-formed piece of UTF-8
// is one U+FFFD as TextDecoder makes it (not one for a whole run).
func TestDecodeText(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{`{"text": "\ud83d\u00e9t\u00e9"}`, "\uFFFDété"},
		{`{"text": "\ud83d\ude00 ok"}`, "😀 ok"},
		{`{"text": "\uD83D\uDE00 ok"}`, "😀 ok"},
		{`{"text": "\ud800\ud800 refer me"}`, "\uFFFD\uFFFD refer me"},
		{`{"text": "\ude00\ud83d"}`, "\uFFFD\uFFFD"},
		{`{"text": "a\ud83d"}`, "a\uFFFD"},
		{`{"text": "\ud83d\n\"x\\/\/"}`, "\uFFFD\n\"x\\//"},
		{"{\"text\": \"\xff\xfe hi\"}", "\uFFFD\uFFFD hi"},
		{"{\"text\": \"a\xe2\x82b\"}", "a\uFFFDb"},
		{"{\"text\": \"\xed\xa0\x80\"}", "\uFFFD\uFFFD\uFFFD"},
	} {
		r, err := Decode([]byte(c.body))
		if err != nil || r.Text != c.want {
			t.Errorf("%s: %q, %v; want %q", c.body, r.Text, err, c.want)
		}
	}
}

// FuzzUnquote holds a string literal with a surrogate escape, read by
// unquote, to encoding/json, which reads escapes as JSON.parse does.
func FuzzUnquote(f *testing.F) {
	for _, s := range []string{`\ud83d\u00e9`, `\ud83d\ude00`, `a\ud800\ud800b`, `\ude00\\u0041`, `\ud83d\"\u12`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lit := `"` + s + `"`
		if !utf8.ValidString(s) || !gjson.Valid(lit) {
			return
		}
		var want string
		if err := json.Unmarshal([]byte(lit), &want); err != nil {
			t.Skip(err) // gjson and encoding/json disagree on validity: not unquote's concern
		}
		if got := unquote(lit); got != want {
			t.Fatalf("unquote(%s) = %q, encoding/json %q", lit, got, want)
		}
		if surrogates(lit) {
			if got := str(gjson.Parse(lit)); got != want {
				t.Fatalf("str(%s) = %q, encoding/json %q", lit, got, want)
			}
		}
	})
}

// FuzzDecode: any bytes give a request or a clear error; never a panic.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"text": "hi"}`, `{"text": "x", "thread": [{"from": "me"}]}`, `{"profile": {"contacts": [1]}}`, `nul`, "{\"text\": \"\xff\"}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Decode(b)
		if err == nil && Blank(r.Text) {
			t.Fatal("empty text accepted")
		}
	})
}
