package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/schollz/progressbar/v3"

	"politely/internal/engine"
	"politely/internal/export"
	"politely/internal/triage"
)

// maxRowWarnings bounds the malformed-row lines printed on stderr; the
// summary still counts them all.
const maxRowWarnings = 20

func runTriage(c *cli, args []string) int {
	fs := c.flags("triage", "EXPORT [--me NAME] [--profile FILE] [--html report.html] [--csv FILE] [--json FILE] [--rules FILE]\n\nEXPORT is LinkedIn's \"Get a copy of your data\" zip, its extracted folder, or messages.csv.")
	me := fs.String("me", "", "your name or profile URL as it appears in the export (default: the participant in most conversations)")
	profile := fs.String("profile", "", "your profile JSON (capacity, expertise, contacts, signature...)")
	htmlOut := fs.String("html", "", "write the HTML report to this file (- for stdout)")
	csvOut := fs.String("csv", "", "write one CSV row per conversation to this file (- for stdout)")
	jsonOut := fs.String("json", "", "write the JSON summary and conversations to this file (- for stdout)")
	var rules multi
	fs.Var(&rules, "rules", "add a rule pack (repeatable)")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	pos := fs.Args()
	stdout := 0
	for _, o := range []string{*htmlOut, *csvOut, *jsonOut} {
		if o == "-" {
			stdout++
		}
	}
	if stdout > 1 {
		return c.fail(exitUsage, "triage: only one of --html, --csv and --json can be - (stdout)")
	}
	for _, o := range []struct{ flag, path string }{{"html", *htmlOut}, {"csv", *csvOut}, {"json", *jsonOut}} {
		if err := triage.CheckOutput(o.path); err != nil {
			return c.fail(exitUsage, "triage: --%s %v", o.flag, err)
		}
	}
	prof, err := c.profile(*profile)
	if err != nil {
		return c.fail(exitFailure, "triage: --profile %v", err)
	}
	// The rules compile while the export is read; triage waits for them only
	// when it starts assessing.
	type built struct {
		eng *engine.Engine
		err error
	}
	ready := make(chan built, 1)
	go func() {
		eng, err := c.engine(rules)
		ready <- built{eng, err}
	}()
	getEngine := sync.OnceValues(func() (*engine.Engine, error) {
		b := <-ready
		return b.eng, b.err
	})
	ex, err := export.Open(pos[0])
	if err != nil {
		return c.fail(exitFailure, "triage: %v", err)
	}
	defer ex.Close()

	// Ctrl-C stops the run cleanly: temporary files are removed and any
	// previous report is left as it was.
	var stopped atomic.Bool
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	go func() {
		if _, ok := <-sig; ok {
			stopped.Store(true)
		}
	}()
	// Past maxRowWarnings, rows skipped and rows kept without a field are
	// only counted, separately, since only the first are lost.
	warned, moreSkipped, moreKept := 0, 0, 0
	opt := triage.Options{Me: *me, Profile: prof, HTML: *htmlOut, CSV: *csvOut, JSON: *jsonOut, Stop: stopped.Load,
		Bad: func(r export.RowError) {
			switch {
			case warned < maxRowWarnings:
				fmt.Fprintf(c.stderr, "politely: %v\n", r)
				warned++
			case r.Kept:
				moreKept++
			default:
				moreSkipped++
			}
		}}
	var bar *progressbar.ProgressBar
	if c.isTTY(c.stderr) {
		phase := ""
		opt.Progress = func(p string, done, total int64) {
			if p != phase {
				if bar != nil {
					bar.Finish()
				}
				phase = p
				bar = newBar(c.stderr, p, total)
			}
			bar.Set64(done)
		}
	}
	sum, err := triage.RunWith(ex, getEngine, opt)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		if errors.Is(err, triage.ErrNoMessages) {
			return c.fail(exitFailure, "triage: %v (is this the right file?)", err)
		}
		return c.fail(exitFailure, "triage: %v", err)
	}
	if moreSkipped > 0 {
		fmt.Fprintf(c.stderr, "politely: ... and %d more unreadable %s skipped\n", moreSkipped, plural(moreSkipped, "row"))
	}
	if moreKept > 0 {
		fmt.Fprintf(c.stderr, "politely: ... and %d more %s kept without an unreadable field\n", moreKept, plural(moreKept, "row"))
	}
	// The summary goes to stdout unless stdout carries an output.
	out := c.stdout
	if stdout > 0 {
		out = c.stderr
	}
	fmt.Fprintln(out, summaryLine(sum, *htmlOut, *csvOut, *jsonOut))
	return exitOK
}

func newBar(w io.Writer, phase string, total int64) *progressbar.ProgressBar {
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(phase),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(),
	}
	if phase == "reading" {
		opts = append(opts, progressbar.OptionShowBytes(true))
	}
	return progressbar.NewOptions64(total, opts...)
}

func summaryLine(s triage.Summary, outs ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "triage: %d messages, %d conversations, %d invitations", s.Messages, s.Conversations, s.Invitations)
	if s.Invitations > 0 {
		fmt.Fprintf(&b, " (%d with a note assessed, %d without, %d sent)", s.InvitationRequests, s.InvitationsNoNote, s.InvitationsSent)
	}
	fmt.Fprintf(&b, ", %d requests (%d unanswered", s.Requests, s.Unanswered)
	if s.FollowUpsAfterNo > 0 {
		fmt.Fprintf(&b, ", %d follow-ups after a no", s.FollowUpsAfterNo)
	}
	fmt.Fprintf(&b, "), %.1f h asked; me = %s", float64(s.MinutesRequested)/60, s.Me)
	if s.MalformedRows > 0 {
		fmt.Fprintf(&b, "; %d unreadable %s skipped", s.MalformedRows, plural(s.MalformedRows, "row"))
	}
	var wrote []string
	for _, o := range outs {
		if o != "" && o != "-" {
			wrote = append(wrote, o)
		}
	}
	if len(wrote) > 0 {
		b.WriteString("; wrote " + strings.Join(wrote, ", "))
	} else if outs[0] != "-" && outs[1] != "-" && outs[2] != "-" {
		b.WriteString("; no --html/--csv/--json given, nothing written")
	}
	return b.String()
}

// plural is noun as n of it are spelled: "1 row", "4 rows".
func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}
