package assess

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"politely/internal/model"
	"politely/internal/rules"
)

// corpus is the bundled sample messages, joined: realistic text of every kind.
func corpus(b *testing.B) []string {
	files, _ := filepath.Glob("../../testdata/messages/*")
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, string(data))
	}
	if len(out) == 0 {
		b.Skip("no sample messages")
	}
	return out
}

// BenchmarkAssess measures the whole judgment per message (MB/s of text).
func BenchmarkAssess(b *testing.B) {
	p, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	msgs := corpus(b)
	size := 0
	for _, m := range msgs {
		size += len(m)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, m := range msgs {
			Assess(p, model.Request{Text: m})
		}
	}
}

// BenchmarkAssessLarge is one long message (the samples repeated to 256 KiB),
// where the scan dominates.
func BenchmarkAssessLarge(b *testing.B) {
	p, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	big := strings.Repeat(strings.Join(corpus(b), "\n"), 1)
	for len(big) < 256<<10 {
		big += "\n" + big
	}
	b.SetBytes(int64(len(big)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Assess(p, model.Request{Text: big})
	}
}

// BenchmarkBaselineRegexp is the stdlib way to find the same phrases: one
// case-insensitive regexp alternation of every literal phrase, without
// folding, negation or offsets. It shows what the automaton buys.
func BenchmarkBaselineRegexp(b *testing.B) {
	p, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	var alts []string
	for _, r := range p.Rules() {
		for _, ph := range r.Phrases {
			if !strings.ContainsAny(ph, "{}#*~") {
				alts = append(alts, regexp.QuoteMeta(ph))
			}
		}
	}
	re := regexp.MustCompile(`(?i)\b(?:` + strings.Join(alts, "|") + `)\b`)
	msgs := corpus(b)
	size := 0
	for _, m := range msgs {
		size += len(m)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, m := range msgs {
			re.FindAllStringIndex(m, -1)
		}
	}
}

// BenchmarkCompile is the cost of compiling the default pack (start-up).
func BenchmarkCompile(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := rules.Default(); err != nil {
			b.Fatal(err)
		}
	}
}
