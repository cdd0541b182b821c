package triage

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"politely/internal/engine"
	"politely/internal/export"
	"politely/internal/export/gen"
)

// BenchmarkTriage triages a generated 20,000-message export (or
// $TRIAGE_BENCH_MESSAGES) (quirks,
// interleaved rows) into all three outputs; make bench-triage measures the
// 100,000-message run end to end with peak RSS.
func BenchmarkTriage(b *testing.B) {
	dir := b.TempDir()
	n := 20000
	if v, err := strconv.Atoi(os.Getenv("TRIAGE_BENCH_MESSAGES")); err == nil && v > 0 {
		n = v
	}
	st, err := gen.Write(dir, gen.Options{Seed: 1, Messages: n, Quirks: true, Interleave: true})
	if err != nil {
		b.Fatal(err)
	}
	eng, err := engine.New()
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ex, err := export.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		_, err = Run(ex, eng, Options{HTML: filepath.Join(out, "r.html"), JSON: filepath.Join(out, "r.json"), CSV: filepath.Join(out, "r.csv")})
		ex.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(st.Messages*b.N)/b.Elapsed().Seconds(), "msg/s")
	os.RemoveAll(out)
}
