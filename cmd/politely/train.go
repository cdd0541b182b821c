package main

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"politely/internal/eval"
	"politely/internal/learn"
	"politely/internal/rules"
	"politely/internal/train"
	"politely/internal/triage"
)

// trainFlags are the settings training and cross-validation share.
type trainFlags struct {
	untuned           multi
	l2, l2rules       *float64
	minDF, words      *int
	prefixes, suffix  *string
	chars             *string
	prune, gain       *float64
	quantum           *float64
	keep              *int
	fitAll            *string
	l2grid            *string
	written           *float64
	minUntuned, folds *int
}

func addTrainFlags(fs *flag.FlagSet) *trainFlags {
	d := train.Defaults(nil)
	t := &trainFlags{}
	fs.Var(&t.untuned, "untuned", "mark a corpus given (as CORPUS or --extra) as one the rules were NOT tuned on: rule weights are fitted on its messages only (repeatable, globs allowed)")
	t.l2 = fs.Float64("l2", d.L2, "L2 penalty of the word stage")
	t.l2grid = fs.String("l2-grid", joinFloats(d.L2Grid), "stage-1 penalties to choose from per label by cross-fitting (comma-separated; empty: --l2)")
	t.l2rules = fs.Float64("l2-rules", d.L2Rules, "L2 penalty of the rule stage")
	t.minDF = fs.Int("min-df", d.MinDF, "a word feature must occur in this many messages (0 counts as 1)")
	t.words = fs.Int("words", d.Config.Words, "word n-grams of 1..N words")
	t.prefixes = fs.String("prefixes", joinInts(d.Config.Prefixes), "word prefixes of these rune lengths (comma-separated)")
	t.suffix = fs.String("suffixes", joinInts(d.Config.Suffixes), "word suffixes of these rune lengths (comma-separated)")
	t.chars = fs.String("chars", "", "character n-grams inside words, MIN,MAX runes (empty: none)")
	t.prune = fs.Float64("prune", d.Prune, "drop weights smaller than this")
	t.written = fs.Float64("written", d.Written, "how much a message of a written set counts (0 means 1)")
	t.fitAll = fs.String("fit-all", strings.Join(d.FitAll, ","), "labels whose rule weights are fitted on every message, not only the untuned (comma-separated)")
	t.keep = fs.Int("keep", d.Keep, "the most weights a label keeps, the strongest (0: all)")
	t.gain = fs.Float64("gain", d.Gain, "log-odds per unit of weight of a rule the model does not know (a user's pack)")
	t.quantum = fs.Float64("quantum", d.Quantum, "the step every weight is rounded to (a multiple of 0.001)")
	t.minUntuned = fs.Int("min-untuned", d.MinUntuned, "positive untuned messages a label needs to fit its rules")
	t.folds = fs.Int("folds", d.Folds, "cross-fitting folds inside training (2 or more)")
	return t
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}

func joinFloats(xs []float64) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.FormatFloat(x, 'g', -1, 64)
	}
	return strings.Join(s, ",")
}

func splitFloats(s string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		x, err := strconv.ParseFloat(f, 64)
		if err != nil || x <= 0 {
			return nil, fmt.Errorf("%q is not a positive number", f)
		}
		out = append(out, x)
	}
	return out, nil
}

func splitInts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// options turns the flags into training options for the pack's learned
// labels: the flags, asks and signals a corpus labels.
func (t *trainFlags) options() (train.Options, error) {
	o := train.Defaults(train.Labels())
	o.L2, o.L2Rules, o.MinDF, o.Prune, o.Keep, o.Written, o.Gain, o.MinUntuned, o.Folds = *t.l2, *t.l2rules, *t.minDF, *t.prune, *t.keep, *t.written, *t.gain, *t.minUntuned, *t.folds
	o.Quantum = *t.quantum
	if st := o.Quantum / learn.Unit; !(st >= 1) || math.Abs(st-math.Round(st)) > 1e-6 {
		return o, fmt.Errorf("--quantum wants a positive multiple of %g, got %g", learn.Unit, o.Quantum)
	}
	var err error
	if o.L2Grid, err = splitFloats(*t.l2grid); err != nil {
		return o, err
	}
	o.FitAll = nil
	for _, id := range strings.Split(*t.fitAll, ",") {
		if id = strings.TrimSpace(id); id != "" {
			o.FitAll = append(o.FitAll, id)
		}
	}
	cfg := learn.Config{Words: *t.words}
	if cfg.Prefixes, err = splitInts(*t.prefixes); err != nil {
		return o, err
	}
	if cfg.Suffixes, err = splitInts(*t.suffix); err != nil {
		return o, err
	}
	if c, err := splitInts(*t.chars); err != nil || (len(c) != 0 && len(c) != 2) {
		return o, fmt.Errorf("--chars wants MIN,MAX")
	} else if len(c) == 2 {
		cfg.CharMin, cfg.CharMax = c[0], c[1]
	}
	o.Config = cfg
	if err := o.Check(); err != nil {
		return o, errors.New("--" + err.Error())
	}
	return o, nil
}

// load reads the training options and the corpora, and with --cv the
// messages added to every training fold (extra); labels are the ids a line
// may name. code is the exit code when something is wrong, else -1: 2 for
// a bad setting, 1 for a file that cannot be read.
func (t *trainFlags) load(c *cli, files, extra []string, labels eval.Labels) (opt train.Options, docs, more []train.Doc, code int) {
	opt, err := t.options()
	if err != nil {
		return opt, nil, nil, c.fail(exitUsage, "%v", err)
	}
	// --untuned marks a corpus given as CORPUS (or --extra); it reads
	// nothing itself. So each must name a readable file among them: a
	// mistyped path would otherwise train an identical model in silence.
	untuned, err := expand(t.untuned)
	if err != nil {
		return opt, nil, nil, c.fail(exitFailure, "--untuned %v", err)
	}
	corpora, err := expand(files)
	if err != nil {
		return opt, nil, nil, c.fail(exitFailure, "%v", err)
	}
	extras, err := expand(extra)
	if err != nil {
		return opt, nil, nil, c.fail(exitFailure, "--extra %v", err)
	}
	for _, u := range untuned {
		if !slices.Contains(corpora, u) && !slices.Contains(extras, u) {
			return opt, nil, nil, c.fail(exitUsage, "--untuned %s is not among the corpora: --untuned marks a corpus, so give it as a CORPUS too", u)
		}
	}
	if docs, err = readDocs(corpora, untuned, labels); err != nil {
		return opt, nil, nil, c.fail(exitFailure, "%v", err)
	}
	if more, err = readDocs(extras, untuned, labels); err != nil {
		return opt, nil, nil, c.fail(exitFailure, "%v", err)
	}
	return opt, docs, more, -1
}

// expand turns paths and globs into the files they name, cleaned; a path
// that matches nothing is kept as it is, and must be a file.
func expand(patterns []string) ([]string, error) {
	var out []string
	for _, pat := range patterns {
		files, err := filepath.Glob(pat)
		if err != nil || len(files) == 0 {
			files = []string{pat}
		}
		for _, f := range files {
			st, err := os.Stat(f)
			var pe *os.PathError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s: %w", f, pe.Err) // "stat" would mean nothing to the user
			}
			if err != nil {
				return nil, err
			}
			if st.IsDir() {
				return nil, fmt.Errorf("%s is a directory, not a corpus file", f)
			}
			out = append(out, filepath.Clean(f))
		}
	}
	return out, nil
}

// readDocs reads corpus files into training messages, those in untuned
// marked as such.
func readDocs(files, untuned []string, labels eval.Labels) ([]train.Doc, error) {
	var docs []train.Doc
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		items, err := eval.Read(f, labels)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
		docs = append(docs, train.Docs(file, items, slices.Contains(untuned, file))...)
	}
	return docs, nil
}

// runTrain fits the learned model on labeled corpora and writes it as a
// pack file (by default the embedded one, internal/rules/pack/model.json).
func runTrain(c *cli, args []string) int {
	fs := c.flags("train", "[flags] CORPUS.jsonl...")
	t := addTrainFlags(fs)
	out := fs.String("o", "internal/rules/pack/model.json", "where to write the model")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() == 0 {
		return c.fail(exitUsage, "train needs at least one CORPUS.jsonl (see politely train -h)")
	}
	if _, err := t.options(); err != nil {
		return c.fail(exitUsage, "%v", err)
	}
	if err := triage.CheckOutput(*out); err != nil {
		return c.fail(exitUsage, "-o %v", err)
	}
	p, err := rules.Default()
	if err != nil {
		return c.fail(exitFailure, "%v", err)
	}
	opt, docs, _, code := t.load(c, fs.Args(), nil, eval.PackLabels(p))
	if code >= 0 {
		return code
	}
	p, err = p.WithModel(nil) // the rules alone: the model is what is being made
	if err != nil {
		return c.fail(exitFailure, "%v", err)
	}
	m, err := train.Train(p, docs, opt)
	if err != nil {
		return c.fail(exitFailure, "%v", err)
	}
	if err := os.WriteFile(*out, m.JSON(train.About(docs, opt)), 0o644); err != nil {
		return c.fail(exitFailure, "%v", err)
	}
	fmt.Fprintf(c.stdout, "train: %d messages, %d labels, %d features → %s\n", len(docs), len(m.Labels), len(m.Names), *out)
	return exitOK
}
