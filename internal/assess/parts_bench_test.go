package assess

import (
	"testing"

	"politely/internal/rules"
	"politely/internal/text"
)

func BenchmarkFold(b *testing.B) {
	msgs := corpus(b)
	n := 0
	for _, m := range msgs {
		n += len(m)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, m := range msgs {
			text.Fold(m)
		}
	}
}

func BenchmarkScan(b *testing.B) {
	p, _ := rules.Default()
	msgs := corpus(b)
	var fs []*text.Folded
	n := 0
	for _, m := range msgs {
		fs = append(fs, text.Fold(m))
		n += len(m)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range fs {
			p.Scan(f)
		}
	}
}
