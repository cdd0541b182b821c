package text

import "testing"

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Hi there!", " hi there "},
		{"I’m NOT selling—anything.", " im not selling anything "},
		{"15-min call, $25/hr", " # min call $ # hr "},
		{"15min", " # min "},
		{"sel\u200bling", " selling "},
		{"<p>Hi&nbsp;Chris,</p><script>alert(1)</script><b>white</b>-label", " hi chris white label "},
		{"calendly.com/x", " calendly com x "},
		{"Café ÉTÉ", " café été "},
		{"1,000.50 usd", " # usd "},
		{"a < b & c", " a b c "},
		{"", " "},
		{"🎉 Congrats", " congrats "},
	} {
		if got := Fold(c.in).Norm; got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
