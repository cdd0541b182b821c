package lint

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// reference is the finder the placeholders replaced, kept as the tests'
// oracle: one regexp alternation of the patterns common.json held, where a
// 【…】 placeholder now also stops at another 【 like every other bracket.
var reference = regexp.MustCompile(strings.Join([]string{
	`\[[^\[\]\n]{1,40}\]`,
	`\{\{[^{}\n]{0,40}\}\}`,
	`\{[^{}\n]{1,40}\}`,
	`%[A-Za-z_][A-Za-z0-9_ ]{0,28}%`,
	`<[A-Z][A-Z_ ]{1,30}>`,
	`【[^【】\n]{1,20}】`,
	`\bX{2,5}\b`,
	`\bTODO\b`,
	`\bTBD\b`,
}, "|"))

func shared(t testing.TB) placeholders {
	ts, err := tables()
	if err != nil {
		t.Fatal(err)
	}
	return ts["en"].placeholders
}

func spansOf(s string, p placeholders) []string {
	var out []string
	for _, m := range p.find(s) {
		out = append(out, s[m[0]:m[1]])
	}
	return out
}

func TestPlaceholders(t *testing.T) {
	p := shared(t)
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Hi [Name], hello", []string{"[Name]"}},
		{"Hi [], [ok] and [[x]]", []string{"[ok]", "[x]"}},
		{"Hi {{first_name}} and {{}}", []string{"{{first_name}}", "{{}}"}},
		{"{{x}", []string{"{x}"}},
		{"{{x}b}}", []string{"{x}"}},
		{"Hi {prénom} and {} or {a\nb}", []string{"{prénom}"}},
		{"%NAME% and %% and %1X% and %first name%", []string{"%NAME%", "%first name%"}},
		{"<VORNAME> <b> <Name> <A>", []string{"<VORNAME>"}},
		{"【姓名】【】【a【b】", []string{"【姓名】", "【b】"}},
		{"XXX-XX and XXXXXX and aXX and XX_ and éXX", []string{"XXX", "XX", "XX"}},
		{"TODO: TBD, TODOs, MYTODO", []string{"TODO", "TBD"}},
		{"[" + strings.Repeat("a", 40) + "] [" + strings.Repeat("a", 41) + "]", []string{"[" + strings.Repeat("a", 40) + "]"}},
		{"[" + strings.Repeat("é", 40) + "]", []string{"[" + strings.Repeat("é", 40) + "]"}},
		{"%" + strings.Repeat("A", 29) + "% %" + strings.Repeat("A", 30) + "%", []string{"%" + strings.Repeat("A", 29) + "%"}},
		{"", nil},
		{"[unclosed", nil},
	} {
		if got := spansOf(c.in, p); !slices.Equal(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

// TestPlaceholdersAsReference holds the finder to the regexp it replaced
// on the replies' own texts' shapes and the tricky ones.
func TestPlaceholdersAsReference(t *testing.T) {
	p := shared(t)
	for _, s := range []string{
		"Hi [Name], {{x}} {y} %Z% <AB> 【名】 XXX TODO TBD",
		"[[a]] {{{a}}} %%A%% <<AB>> 【【a】】 XXXXXX TODOTBD",
		"[a\nb] {a\nb} 【a\nb】 [é] {€} X XX_ _XX",
		"<AB_ CD> <ab> %a b% %_% {{a}}}",
	} {
		if got, want := p.find(s), reference.FindAllStringIndex(s, -1); !equalSpans(got, want) {
			t.Errorf("%q: got %v, the regexp %v", s, got, want)
		}
	}
}

func equalSpans(got [][2]int, want [][]int) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i][0] != want[i][0] || got[i][1] != want[i][1] {
			return false
		}
	}
	return true
}

// FuzzPlaceholders: on any valid text, the same spans as the regexp.
func FuzzPlaceholders(f *testing.F) {
	for _, s := range []string{"Hi [Name]", "{{x}} {y}", "%A_b 1%", "<AB CD>", "【姓名】", "XXX TODO TBD", "[a【b】c]", "{{a}b}}"} {
		f.Add(s)
	}
	p := shared(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // Check makes every text valid UTF-8 first
		}
		if got, want := p.find(s), reference.FindAllStringIndex(s, -1); !equalSpans(got, want) {
			t.Errorf("%q: got %v, the regexp %v", s, got, want)
		}
	})
}

func TestPlaceholderData(t *testing.T) {
	for _, c := range []struct{ json, err string }{
		{`{"brackets": [{"open": "[", "close": "]", "min": 1, "max": 4}], "words": ["XX"]}`, ""},
		{`{}`, ""},
		{`{"brackets": [{"open": "", "close": "]", "min": 1, "max": 4}]}`, "needs both open and close"},
		{`{"brackets": [{"open": "[", "close": "]", "min": 5, "max": 4}]}`, "min <= max"},
		{`{"brackets": [{"open": "[", "close": "]", "min": 1, "max": 400}]}`, "max <= 200"},
		{`{"brackets": [{"open": "[", "close": "]", "min": 1, "max": 4, "first": "A-Z"}]}`, "both first and rest"},
		{`{"brackets": [{"open": "[", "close": "]", "min": 1, "max": 4, "first": "Z-A", "rest": "a"}]}`, "runs backwards"},
		{`{"words": ["TO DO"]}`, "is not one word"},
		{`{"words": [""]}`, "is not one word"},
	} {
		_, err := parsePlaceholders(gjson.Parse(c.json), "test.json")
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s: %v", c.json, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err) || !strings.Contains(err.Error(), "test.json")):
			t.Errorf("%s: error %v, want one naming the file and %q", c.json, err, c.err)
		}
	}
}

func BenchmarkPlaceholders(b *testing.B) {
	p := shared(b)
	s := strings.Repeat("Hi [Name], thanks for reaching out about {{role}}. TODO: add a line. ", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		p.find(s)
	}
}

// BenchmarkPlaceholdersRegexp is the stdlib baseline: the regexp the
// finder replaced.
func BenchmarkPlaceholdersRegexp(b *testing.B) {
	s := strings.Repeat("Hi [Name], thanks for reaching out about {{role}}. TODO: add a line. ", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		reference.FindAllStringIndex(s, -1)
	}
}
