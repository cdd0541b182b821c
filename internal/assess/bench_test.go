package assess

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tidwall/gjson"
	"gonum.org/v1/gonum/stat"

	"politely/internal/learn"
	"politely/internal/model"
	"politely/internal/rules"
	"politely/internal/text"
)

// written is the text of every message of the written evaluation sets.
func written(t testing.TB) []string {
	var out []string
	for _, data := range files(t, "../../testdata/eval/*.jsonl") {
		for _, line := range strings.Split(data, "\n") {
			if m := gjson.Get(line, "text"); m.Exists() {
				out = append(out, m.String())
			}
		}
	}
	return out
}

// corpus is realistic text of every kind: the bundled sample messages and
// the messages of the written evaluation sets. It sets the benchmark's bytes
// per operation to their total size.
func corpus(b *testing.B) []string {
	out := append(messages(b), written(b)...)
	if len(out) == 0 {
		b.Skip("no sample messages")
	}
	b.SetBytes(int64(size(out)))
	b.ReportAllocs()
	return out
}

// size is the bytes of text in msgs.
func size(msgs []string) int {
	n := 0
	for _, m := range msgs {
		n += len(m)
	}
	return n
}

// BenchmarkAssess measures the whole judgment per message (MB/s of text).
func BenchmarkAssess(b *testing.B) {
	p, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	msgs := corpus(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, m := range msgs {
			Assess(p, model.Request{Text: m})
		}
	}
	perMessage(b, len(msgs))
}

// perMessage reports the time a message took, beside the MB/s of text: the
// figure to multiply by BenchmarkClock's GHz for a message's cycles.
func perMessage(b *testing.B, msgs int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*msgs), "ns/msg")
}

// clockSink keeps BenchmarkClock's product alive, so that the compiler
// cannot drop the multiplications.
var clockSink uint64

// BenchmarkClock is the machine's reference: a chain of 64-bit
// multiplications, each waiting for the one before, which takes three
// cycles a multiplication on the x86-64 cores of the last decade, Intel's
// and AMD's alike. It touches no memory, so neither a small cache nor a
// neighbour's load moves it, only the clock does: its GHz is the clock the
// other benchmarks ran at. A message's ns times it gives the cycles a
// message took, which compare across machines where MB/s do not (a
// machine's second cache, for one, decides how many of the tables' reads
// wait on the third).
func BenchmarkClock(b *testing.B) {
	x, k := uint64(b.N)|1, uint64(6364136223846793005)
	for i := 0; i < b.N; i++ {
		for range 1000 {
			x *= k
		}
	}
	clockSink = x
	b.ReportMetric(3*1000*float64(b.N)/float64(b.Elapsed().Nanoseconds()), "GHz")
}

// BenchmarkAssessRepeated judges each message sixteen times in a row, so
// that all but the first find its code, its tables and its branches warm.
// It is not the figure to report (a host judges each message once): set
// beside Assess, it shows how much of a message's time goes to fetching
// code and tables into the core's first caches and to branches it guesses
// wrong, rather than to the work itself.
func BenchmarkAssessRepeated(b *testing.B) {
	p, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	repeated(b, corpus(b), func(r model.Request) { Assess(p, r) })
}

// repeated judges each of msgs 16 times in a row, b.N times over, in MB/s
// of the text judged: the Repeated benchmarks' loop.
func repeated(b *testing.B, msgs []string, judge func(model.Request)) {
	const times = 16
	b.SetBytes(int64(times * size(msgs)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, m := range msgs {
			for range times {
				judge(model.Request{Text: m})
			}
		}
	}
	perMessage(b, times*len(msgs))
}

// BenchmarkAssessLarge is one long message (the samples repeated to 256 KiB),
// where the scan dominates.
func BenchmarkAssessLarge(b *testing.B) {
	p, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	big := strings.Join(corpus(b), "\n")
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

// BenchmarkRestore is the cost of compiling the default pack with its
// phrase index read from an image (rules.Restore), as the extension's
// service worker starts again: beside BenchmarkCompile, what the image
// saves.
func BenchmarkRestore(b *testing.B) {
	p, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	img := p.Image()
	b.SetBytes(int64(len(img)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, stale, err := rules.Restore(img); err != nil || stale != nil {
			b.Fatal(stale, err)
		}
	}
}

// BenchmarkFold is the folding step alone, reusing one Folded as Assess does.
func BenchmarkFold(b *testing.B) {
	msgs := corpus(b)
	var f text.Folded
	for i := 0; i < b.N; i++ {
		for _, m := range msgs {
			f.Refold(m)
		}
	}
}

// BenchmarkScan is the phrase index alone, on folded messages.
func BenchmarkScan(b *testing.B) {
	p, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	var fs []*text.Folded
	for _, m := range corpus(b) {
		fs = append(fs, text.Fold(m))
	}
	var sc rules.Scanner
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range fs {
			sc.Scan(p, f)
		}
	}
}

// BenchmarkPathological is text shaped to make a careless parser quadratic:
// unclosed tags and comments, runs of '<', entities, numbers, negations and
// the contrasts that end their reach, and the common first words of near
// pairs. Each should run at about the speed
// of ordinary text (a regression shows as a collapse in MB/s here).
func BenchmarkPathological(b *testing.B) {
	p, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, unit string }{
		{"unclosed-tags", "<a"}, {"unclosed-comments", "<!-- "}, {"tags-without-end", "<scriptx a"},
		{"script", "<script>"}, {"entities", "&amp"}, {"numbers", "1,2.3 "}, {"negations", "not "}, {"contrasts", "not but "},
		{"near-pair-words", "a "}, {"empty-parens", " ()"}, {"han", "内推"}, {"zero-width", "a\u200b"},
	} {
		text := strings.Repeat(c.unit, (256<<10)/len(c.unit))
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				Assess(p, model.Request{Text: text})
			}
		})
	}
}

// BenchmarkRulesOnly is BenchmarkAssess with the pack's model left out: the
// rules alone, to show what the learned part costs.
func BenchmarkRulesOnly(b *testing.B) {
	p, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	if p, err = p.WithModel(nil); err != nil {
		b.Fatal(err)
	}
	msgs := corpus(b)
	for b.Loop() {
		for _, m := range msgs {
			Assess(p, model.Request{Text: m})
		}
	}
}

// BenchmarkLearnedText is the learned part alone: the features of the words
// and the cues found and added up, on text folded beforehand.
func BenchmarkLearnedText(b *testing.B) {
	p, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	msgs := corpus(b)
	folded := make([]*text.Folded, len(msgs))
	for i, m := range msgs {
		folded[i] = text.Fold(m)
	}
	m := p.Model()
	var s learn.Scorer
	for b.Loop() {
		for i, msg := range msgs {
			m.Start(&s)
			m.Text(&s, msg, folded[i], nil, nil)
		}
	}
}

// BenchmarkWorker is Assess as a host judging one request after another
// runs it (Worker): the same judgment, each result written into the memory
// of the one before.
func BenchmarkWorker(b *testing.B) {
	w, msgs := worker(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, m := range msgs {
			w.Assess(model.Request{Text: m})
		}
	}
	perMessage(b, len(msgs))
}

// BenchmarkWorkerRepeated is Worker with each message judged 16 times in a
// row, so that every table line the message reads is in the caches from its
// second judgment on: the whole judgment's own work, with no wait on memory
// the message brings. It is not the figure (a host meets each message once);
// it bounds what tables that fit the caches could give. On a machine where
// it too falls short of 40 MB/s, only less work a message can reach it
// (internal/assess/SPEED.md).
func BenchmarkWorkerRepeated(b *testing.B) {
	w, msgs := worker(b)
	repeated(b, msgs, func(r model.Request) { w.Assess(r) })
}

// BenchmarkWorkerCost is Worker with every judgment timed on its own, the
// times fitted by least squares to a cost a message plus a cost a byte: what
// a judgment spends whatever the message's length (the result, the verdict,
// the scores, and the code of all of it fetched into the first cache again)
// against what grows with the text (folding, the scan, the model's words).
// 40 MB/s at the bundled messages' 263 bytes is 6.6 µs a message, so the two
// parts tell which work a faster engine has to cut: a cost a byte of 25 ns
// alone takes all of it. Each message's time is less the cost of reading
// the clock twice, measured first. Its MB/s is not the figure (Worker is).
func BenchmarkWorkerCost(b *testing.B) {
	w, msgs := worker(b)
	const reads = 1 << 12
	t0 := time.Now()
	for range reads {
		_ = time.Since(time.Now())
	}
	clock := float64(time.Since(t0).Nanoseconds()) / reads
	lens, ns := make([]float64, len(msgs)), make([]float64, len(msgs))
	for i, m := range msgs {
		lens[i] = float64(len(m))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k, m := range msgs {
			t := time.Now()
			w.Assess(model.Request{Text: m})
			ns[k] += float64(time.Since(t).Nanoseconds()) - clock
		}
	}
	b.StopTimer()
	for k := range ns {
		ns[k] /= float64(b.N)
	}
	fixed, perByte := stat.LinearRegression(lens, ns, nil, false)
	b.ReportMetric(fixed, "ns-fixed/msg")
	b.ReportMetric(perByte, "ns/byte")
}

// worker is a Worker of the default pack and the messages it judges.
func worker(b *testing.B) (*Worker, []string) {
	p, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	return NewWorker(p), corpus(b)
}
