package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"politely/internal/text"
)

// ErrInvalidJSON is returned by Decode when the body is not valid JSON.
var ErrInvalidJSON = errors.New("body is not valid JSON")

// ErrTooDeep is returned by Decode for JSON nested deeper than MaxDepth: no
// request needs it, and validating it would recurse that deep.
var ErrTooDeep = fmt.Errorf("body is nested deeper than %d levels", MaxDepth)

// MaxDepth is the deepest nesting of arrays and objects Decode accepts.
const MaxDepth = 64

// ErrEmptyText is returned by Decode when "text" is missing or has nothing to
// read: only white space, control and invisible format characters (Blank).
var ErrEmptyText = errors.New(`"text" is empty: there is no message to assess`)

// FieldError says which field of a request has the wrong type or value.
type FieldError struct {
	Field string // a gjson-style path such as "profile.contacts.2.name"
	Msg   string
}

func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Msg // the body as a whole
	}
	return fmt.Sprintf("field %q: %s", e.Field, e.Msg)
}

// MaxText is the largest message text Decode accepts, in bytes. Hosts may set
// a lower limit on the whole body.
const MaxText = 4 << 20

// Decode reads a request from JSON with gjson. It never panics. It returns
// ErrInvalidJSON for malformed input, a *FieldError naming the first field of
// the wrong type, or ErrEmptyText when there is nothing to assess. Invalid
// UTF-8 in strings becomes U+FFFD, as a browser would show it.
func Decode(data []byte) (Request, error) {
	var r Request
	if tooDeep(data) {
		return r, ErrTooDeep
	}
	if !gjson.ValidBytes(data) {
		return r, ErrInvalidJSON
	}
	root := gjson.ParseBytes(data)
	if !root.IsObject() {
		return r, &FieldError{"", "the body must be a JSON object"}
	}
	d := decoder{}
	r.ID = d.id(root.Get("id"))
	r.Text = d.str(root, "text")
	r.Now = d.time(root, "now")
	r.Scenario = d.str(root, "scenario")
	r.Tone = d.str(root, "tone")
	r.Lang = d.str(root, "lang")
	switch r.Kind = strings.ToLower(d.str(root, "kind")); r.Kind {
	case "", "message", "invitation":
	default:
		d.fail("kind", `must be "message" or "invitation"`)
	}
	r.UILang = d.str(root, "ui_lang")
	if s := d.obj(root, "sender"); s.Exists() {
		r.Sender = Sender{
			Name:       d.str(s, "name", "sender."),
			Headline:   d.str(s, "headline", "sender."),
			ProfileURL: d.str(s, "profile_url", "sender."),
			Degree:     d.degree(s.Get("degree"), "sender.degree"),
		}
	}
	for i, t := range d.arr(root, "thread") {
		p := "thread." + strconv.Itoa(i) + "."
		if !t.IsObject() {
			d.fail(p[:len(p)-1], "must be an object")
			break
		}
		turn := Turn{From: strings.ToLower(d.str(t, "from", p)), Text: d.str(t, "text", p), At: d.str(t, "at", p)}
		if turn.From != "me" && turn.From != "them" && d.err == nil {
			d.fail(p+"from", `must be "me" or "them"`)
		}
		r.Thread = append(r.Thread, turn)
	}
	if p := d.obj(root, "profile"); p.Exists() {
		r.Profile = d.profile(p, "profile.")
	}
	if d.err != nil {
		return Request{}, d.err
	}
	if len(r.Text) > MaxText {
		return Request{}, &FieldError{"text", fmt.Sprintf("is %d bytes; the limit is %d", len(r.Text), MaxText)}
	}
	if Blank(r.Text) {
		return r, ErrEmptyText
	}
	return r, nil
}

// DecodeProfile reads a profile on its own (politely --profile FILE).
func DecodeProfile(data []byte) (Profile, error) {
	if tooDeep(data) {
		return Profile{}, ErrTooDeep
	}
	if !gjson.ValidBytes(data) {
		return Profile{}, ErrInvalidJSON
	}
	root := gjson.ParseBytes(data)
	if !root.IsObject() {
		return Profile{}, &FieldError{"", "the profile must be a JSON object"}
	}
	d := decoder{}
	p := d.profile(root, "")
	return p, d.err
}

// decoder keeps the first error so that the decoding code reads straight.
type decoder struct {
	err error
}

func (d *decoder) fail(field, msg string) {
	if d.err == nil {
		d.err = &FieldError{field, msg}
	}
}

func (d *decoder) id(v gjson.Result) string {
	switch v.Type {
	case gjson.String:
		return str(v)
	case gjson.Number:
		return v.Raw
	case gjson.Null:
		return ""
	}
	if v.Exists() {
		d.fail("id", "must be a string or a number")
	}
	return ""
}

func (d *decoder) str(v gjson.Result, key string, prefix ...string) string {
	f := v.Get(escape(key))
	if !f.Exists() || f.Type == gjson.Null {
		return ""
	}
	if f.Type != gjson.String {
		d.fail(strings.Join(prefix, "")+key, "must be a string")
		return ""
	}
	return str(f)
}

func (d *decoder) num(v gjson.Result, key, prefix string) float64 {
	f := v.Get(escape(key))
	if !f.Exists() || f.Type == gjson.Null {
		return 0
	}
	if f.Type != gjson.Number {
		d.fail(prefix+key, "must be a number")
		return 0
	}
	if f.Num < 0 || f.Num > 168*52 {
		d.fail(prefix+key, "is out of range")
		return 0
	}
	return f.Num
}

func (d *decoder) boolean(v gjson.Result, key, prefix string) bool {
	f := v.Get(escape(key))
	if !f.Exists() || f.Type == gjson.Null {
		return false
	}
	if f.Type != gjson.True && f.Type != gjson.False {
		d.fail(prefix+key, "must be true or false")
		return false
	}
	return f.Bool()
}

func (d *decoder) obj(v gjson.Result, key string, prefix ...string) gjson.Result {
	f := v.Get(escape(key))
	if !f.Exists() || f.Type == gjson.Null {
		return gjson.Result{}
	}
	if !f.IsObject() {
		d.fail(strings.Join(prefix, "")+key, "must be an object")
		return gjson.Result{}
	}
	return f
}

func (d *decoder) arr(v gjson.Result, key string, prefix ...string) []gjson.Result {
	f := v.Get(escape(key))
	if !f.Exists() || f.Type == gjson.Null {
		return nil
	}
	if !f.IsArray() {
		d.fail(strings.Join(prefix, "")+key, "must be an array")
		return nil
	}
	return f.Array()
}

// time accepts RFC 3339 ("2026-11-22T10:00:00Z") or a plain date ("2026-12-01").
func (d *decoder) time(v gjson.Result, key string, prefix ...string) time.Time {
	s := d.str(v, key, prefix...)
	if s == "" {
		return time.Time{}
	}
	t, err := ParseTime(s)
	if err != nil {
		d.fail(strings.Join(prefix, "")+key, `must be a date such as "2026-11-22" or "2026-11-22T10:00:00Z"`)
	}
	return t
}

// ParseTime reads RFC 3339, a date-time without zone, or a plain date (UTC).
func ParseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date: %q", s)
}

// degree accepts 1, 2 or 3 as a number or a string, and "1st", "2nd",
// "3rd", "3rd+" as LinkedIn writes them (in any case).
func (d *decoder) degree(v gjson.Result, field string) int {
	switch v.Type {
	case gjson.Null:
		return 0
	case gjson.Number:
		if v.Num >= 1 && v.Num <= 3 && v.Num == float64(int(v.Num)) {
			return int(v.Num)
		}
	case gjson.String:
		s := strings.TrimSpace(strings.ToLower(v.String()))
		if s == "" {
			return 0
		}
		// Whole words only: "10" or "2abc" is no degree, not the first digit.
		switch s {
		case "1", "1st":
			return 1
		case "2", "2nd":
			return 2
		case "3", "3rd", "3rd+", "3+":
			return 3
		}
	default:
		if !v.Exists() {
			return 0
		}
	}
	d.fail(field, `must be 1, 2 or 3 (or "1st", "2nd", "3rd")`)
	return 0
}

func (d *decoder) strs(v gjson.Result, key, prefix string) []string {
	var out []string
	for i, e := range d.arr(v, key, prefix) {
		if e.Type != gjson.String {
			d.fail(prefix+key+"."+strconv.Itoa(i), "must be a string")
			return nil
		}
		if s := strings.TrimSpace(str(e)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// each decodes the objects of an array field, naming the element on error.
func (d *decoder) each(v gjson.Result, key, prefix string, fn func(e gjson.Result, p string)) {
	for i, e := range d.arr(v, key, prefix) {
		p := prefix + key + "." + strconv.Itoa(i)
		if !e.IsObject() {
			d.fail(p, "must be an object")
			return
		}
		fn(e, p+".")
	}
}

// profile decodes a profile object; pre is its path for error messages.
func (d *decoder) profile(v gjson.Result, pre string) Profile {
	p := Profile{
		Name:                   d.str(v, "name", pre),
		Signature:              d.str(v, "signature", pre),
		Company:                d.str(v, "company", pre),
		CapacityHoursPerWeek:   d.num(v, "capacity_hours_per_week", pre),
		CommittedHoursThisWeek: d.num(v, "committed_hours_this_week", pre),
		BreakUntil:             d.time(v, "break_until", pre),
		Expertise:              d.strs(v, "expertise", pre),
		Tone:                   strings.ToLower(d.str(v, "tone", pre)),
		Lang:                   strings.ToLower(d.str(v, "lang", pre)),
	}
	d.each(v, "contacts", pre, func(e gjson.Result, q string) {
		p.Contacts = append(p.Contacts, Contact{Name: d.str(e, "name", q), Note: d.str(e, "note", q), Negative: d.boolean(e, "negative", q)})
	})
	d.each(v, "resources", pre, func(e gjson.Result, q string) {
		p.Resources = append(p.Resources, Link{Title: d.str(e, "title", q), URL: d.str(e, "url", q)})
	})
	d.each(v, "events", pre, func(e gjson.Result, q string) {
		p.Events = append(p.Events, Event{Name: d.str(e, "name", q), When: d.str(e, "when", q)})
	})
	d.each(v, "groups", pre, func(e gjson.Result, q string) {
		p.Groups = append(p.Groups, Group{Name: d.str(e, "name", q), URL: d.str(e, "url", q)})
	})
	d.each(v, "experts", pre, func(e gjson.Result, q string) {
		p.Experts = append(p.Experts, Expert{Name: d.str(e, "name", q), Topics: d.strs(e, "topics", q)})
	})
	return p
}

// escape protects gjson path syntax in a plain key.
func escape(key string) string {
	if strings.ContainsAny(key, ".*?|#@\\") {
		var b strings.Builder
		for _, r := range key {
			if strings.ContainsRune(".*?|#@\\", r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	return key
}

// Blank reports whether s has no character a reader would see: only white
// space, control characters and format characters such as the zero-width
// space, which the fold drops. Such a text would be judged "too short", where
// the caller sent nothing to judge.
func Blank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !unicode.IsControl(r) && !unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
}

// str is the string v holds, as JavaScript's JSON.parse reads it and a
// browser then encodes it: each ill-formed piece of UTF-8 (text.Valid) and
// each lone surrogate escape becomes U+FFFD. gjson pairs a surrogate escape
// with whatever escape follows it, so that "\ud83d\u00e9" lost its "é" and
// every evidence offset after it was one short; such strings are read here.
func str(v gjson.Result) string {
	if !surrogates(v.Raw) {
		return text.Valid(v.String())
	}
	return text.Valid(unquote(v.Raw))
}

// surrogates reports whether the JSON string literal raw holds a \u escape
// of a surrogate (D800-DFFF).
func surrogates(raw string) bool {
	for i := strings.Index(raw, `\u`); i >= 0 && i+3 < len(raw); {
		if (raw[i+2] == 'd' || raw[i+2] == 'D') && strings.IndexByte("89abcdefABCDEF", raw[i+3]) >= 0 {
			return true
		}
		j := strings.Index(raw[i+2:], `\u`)
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return false
}

// unquote decodes the JSON string literal raw (valid, as gjson checked it):
// a high surrogate escape followed by a low one is one character, and any
// other surrogate escape U+FFFD, the escape after it read on its own.
func unquote(raw string) string {
	if len(raw) < 2 {
		return ""
	}
	s := raw[1 : len(raw)-1]
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := hex4(s, i+1)
			if !ok {
				b.WriteString(`\u`)
				continue
			}
			i += 4
			if utf16.IsSurrogate(r) {
				if lo, ok := hex4(s, i+3); ok && r < 0xDC00 && i+2 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' && lo >= 0xDC00 && lo <= 0xDFFF {
					r = utf16.DecodeRune(r, lo)
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			b.WriteRune(r)
		default: // " \ / and any other character stand for themselves
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// hex4 reads the four hex digits at s[i:].
func hex4(s string, i int) (rune, bool) {
	if i < 0 || i+4 > len(s) {
		return 0, false
	}
	n, err := strconv.ParseUint(s[i:i+4], 16, 16)
	return rune(n), err == nil
}

// tooDeep reports whether brackets outside strings nest deeper than MaxDepth.
func tooDeep(data []byte) bool {
	depth, inString := 0, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			if depth++; depth > MaxDepth {
				return true
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return false
}
