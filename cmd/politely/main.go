// Command politely helps answer networking requests: it assesses a message,
// shows its red flags with the phrases behind them, recommends accept,
// "not now, but..." or a firm no, and writes a gracious reply. Each
// subcommand lives in its own file; this one only dispatches and holds what
// they share (input, profile, rule packs, exit codes).
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"politely/internal/engine"
	"politely/internal/model"
)

// Exit codes, the same for every subcommand.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// cli is what a subcommand may touch of the outside world; tests swap it.
type cli struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time
	getenv func(string) string
	isTTY  func(w io.Writer) bool
}

type command struct {
	name, summary string
	run           func(c *cli, args []string) int
}

func commands() []command {
	return []command{
		{"assess", "assess one message (or --jsonl requests) and recommend a verdict", runAssess},
		{"reply", "print only the suggested reply", runReply},
		{"lint", "check a draft reply against the advice", runLint},
		{"eval", "score the judgment on labeled corpora (precision, recall, F1; --cv K cross-validates)", runEval},
		{"train", "fit the learned model on labeled corpora", runTrain},
		{"serve", "serve the HTTP API on 127.0.0.1", runServe},
		{"triage", "triage a LinkedIn data export into a report", runTriage},
	}
}

func main() {
	c := &cli{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, now: time.Now, getenv: os.Getenv, isTTY: isTerminal}
	os.Exit(c.main(os.Args[1:]))
}

func (c *cli) main(args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		c.usage(c.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, cmd := range commands() {
		if cmd.name == args[0] {
			return cmd.run(c, args[1:])
		}
	}
	fmt.Fprintf(c.stderr, "politely: unknown command %q (try: politely help)\n", args[0])
	return exitUsage
}

func (c *cli) usage(w io.Writer) {
	fmt.Fprintln(w, "politely: answer networking requests gracefully, offline.\n\nUsage: politely COMMAND [flags] [FILE|-]\n\nCommands:")
	for _, cmd := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprintln(w, "\nRun 'politely COMMAND -h' for a command's flags.")
}

// fail prints one clear line on stderr and returns the exit code.
func (c *cli) fail(code int, format string, a ...any) int {
	msg := fmt.Sprintf(format, a...)
	fmt.Fprintln(c.stderr, "politely: "+strings.ReplaceAll(msg, "\n", " "))
	return code
}

// flags makes a FlagSet that reports usage errors on stderr without exiting.
func (c *cli) flags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprintf(c.stderr, "Usage: politely %s %s\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parse runs fs.Parse and maps its outcome to an exit code (-1: go on).
// Flags may come before, between or after the arguments, as the usage lines
// show them ("politely reply FILE --tone brief"); "--" ends the flags, and
// "-" is an argument (stdin). Afterwards fs.Args() holds the arguments in
// order. A usage error is the flag package's own line followed by the
// command's usage, on stderr; -h prints the usage alone.
func parse(fs *flag.FlagSet, args []string) int {
	var flags, pos []string
	missing := false // the last flag lacks its value
	for i := 0; i < len(args) && !missing; i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		// A flag that takes a value and was not given one with "=" takes
		// the next argument, whatever it looks like, as fs.Parse would.
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil && !isBool(f) {
			if missing = i+1 == len(args); !missing {
				i++
				flags = append(flags, args[i])
			}
		}
	}
	if !missing {
		// Only flags before "--": the arguments after it are taken as
		// they are, even one that looks like a flag.
		flags = append(append(flags, "--"), pos...)
	}
	if err := fs.Parse(flags); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	return -1
}

// isBool reports whether f is a flag that takes no value (--json).
func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// atMostOne is the exit code when more than one FILE was given (a usage
// error, one line), else -1.
func (c *cli) atMostOne(fs *flag.FlagSet) int {
	if fs.NArg() > 1 {
		return c.fail(exitUsage, "%s: expected one FILE, got %d arguments", fs.Name(), fs.NArg())
	}
	return -1
}

// maxInput bounds what input reads: the largest message (model.MaxText)
// with room for the JSON around it, as for one --jsonl line. A bigger file
// is refused before it is read whole.
const maxInput = maxLine

// bom is the UTF-8 byte-order mark some editors put at the start of a file.
// It is not part of the text, and JSON does not allow it, so every file the
// CLI reads is read without it.
const bom = "\uFEFF"

// input reads FILE, or stdin for "-" or no argument, without a leading
// byte-order mark. An input over maxInput bytes is an error naming it.
func (c *cli) input(args []string) ([]byte, string, error) {
	if len(args) > 1 {
		return nil, "", fmt.Errorf("expected one FILE, got %d arguments", len(args))
	}
	in, name := c.stdin, "stdin"
	if len(args) == 1 && args[0] != "-" {
		f, err := os.Open(args[0])
		if err != nil {
			return nil, args[0], err
		}
		defer f.Close()
		in, name = f, args[0]
	}
	b, err := io.ReadAll(io.LimitReader(in, maxInput+1))
	if err != nil {
		return nil, name, err
	}
	if len(b) > maxInput {
		return nil, name, fmt.Errorf("%s is over %d bytes; a message may be at most %d (%d MiB)", name, maxInput, model.MaxText, model.MaxText>>20)
	}
	return bytes.TrimPrefix(b, []byte(bom)), name, nil
}

// readFile reads a JSON file the user named (a profile, a rule pack)
// without a leading byte-order mark.
func readFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	return bytes.TrimPrefix(b, []byte(bom)), err
}

// engine compiles the default pack plus --rules files.
func (c *cli) engine(ruleFiles []string) (*engine.Engine, error) {
	var packs []engine.Pack
	for _, f := range ruleFiles {
		b, err := readFile(f)
		if err != nil {
			return nil, err
		}
		packs = append(packs, engine.Pack{Name: f, Data: b})
	}
	return engine.New(packs...)
}

// profile reads --profile FILE ("" gives the empty profile).
func (c *cli) profile(path string) (model.Profile, error) {
	if path == "" {
		return model.Profile{}, nil
	}
	b, err := readFile(path)
	if err != nil {
		return model.Profile{}, err
	}
	p, err := model.DecodeProfile(b)
	if err != nil {
		return p, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// multi is a repeatable string flag (--rules a.json --rules b.json).
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(s string) error { *m = append(*m, s); return nil }

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
