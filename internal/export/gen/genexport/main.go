// Command genexport writes a synthetic LinkedIn data export (invented people)
// for tests and benchmarks:
//
//	go run ./internal/export/gen/genexport -out DIR -messages 100000 [-invitations N] [-quirks] [-interleave] [-seed N]
package main

import (
	"flag"
	"fmt"
	"os"

	"politely/internal/export/gen"
)

func main() {
	out := flag.String("out", "", "folder to write messages.csv, Connections.csv and Invitations.csv into (created)")
	n := flag.Int("messages", 1000, "about how many messages to write")
	seed := flag.Uint64("seed", 1, "random seed (same seed, same export)")
	quirks := flag.Bool("quirks", false, "add real exports' format quirks")
	inter := flag.Bool("interleave", false, "mix the rows of neighbouring conversations (an unsorted export)")
	invs := flag.Int("invitations", 0, "rows of Invitations.csv (0: one for every fifth person)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "genexport:", err)
		os.Exit(1)
	}
	st, err := gen.Write(*out, gen.Options{Seed: *seed, Messages: *n, Quirks: *quirks, Interleave: *inter, Invitations: *invs})
	if err != nil {
		fmt.Fprintln(os.Stderr, "genexport:", err)
		os.Exit(1)
	}
	fmt.Printf("genexport: %d messages in %d conversations, %d connections, %d invitations (%d received with a note) in %s\n",
		st.Messages, st.Conversations, st.Connections, st.Invitations, st.InvitationNotes, *out)
}
