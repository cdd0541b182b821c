package rules

import "testing"

func TestDefaultCompiles(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rules()) < 50 {
		t.Fatalf("only %d rules", len(p.Rules()))
	}
}
