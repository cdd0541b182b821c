package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The checked-in fixture is exactly what `make triage-fixture` writes, so it
// can always be regenerated.
func TestFixtureReproducible(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(dir, Options{Seed: 7, Messages: 160, Quirks: true, Interleave: true, Invitations: 40}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"messages.csv", "Connections.csv", "Invitations.csv"} {
		got, _ := os.ReadFile(filepath.Join(dir, name))
		want, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "export", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("testdata/export/%s is not what the generator writes; run make triage-fixture", name)
		}
	}
}

// Interleaving changes the order of rows, never their content.
func TestInterleaveKeepsRows(t *testing.T) {
	var rows [2][]string
	for i, inter := range []bool{false, true} {
		dir := t.TempDir()
		st, err := Write(dir, Options{Seed: 5, Messages: 300, Interleave: inter})
		if err != nil {
			t.Fatal(err)
		}
		if st.Messages < 300 || st.Conversations == 0 {
			t.Errorf("stats %+v", st)
		}
		b, _ := os.ReadFile(filepath.Join(dir, "messages.csv"))
		rows[i] = strings.Split(string(b), "\n")
		sort.Strings(rows[i])
	}
	if strings.Join(rows[0], "\n") != strings.Join(rows[1], "\n") {
		t.Errorf("interleaved export holds different rows")
	}
}
