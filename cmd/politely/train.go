package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"politely/internal/eval"
	"politely/internal/learn"
	"politely/internal/rules"
	"politely/internal/train"
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
	fs.Var(&t.untuned, "untuned", "a corpus the rules were NOT tuned on: rule weights are fitted on its messages only (repeatable)")
	t.l2 = fs.Float64("l2", d.L2, "L2 penalty of the word stage")
	t.l2grid = fs.String("l2-grid", joinFloats(d.L2Grid), "stage-1 penalties to choose from per label by cross-fitting (comma-separated; empty: --l2)")
	t.l2rules = fs.Float64("l2-rules", d.L2Rules, "L2 penalty of the rule stage")
	t.minDF = fs.Int("min-df", d.MinDF, "a word feature must occur in this many messages")
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
	t.folds = fs.Int("folds", d.Folds, "cross-fitting folds inside training")
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
	return o, nil
}

// load reads the training options and the corpora; code is the exit code
// when either is wrong, else -1.
func (t *trainFlags) load(c *cli, files []string) (train.Options, []train.Doc, int) {
	opt, err := t.options()
	if err != nil {
		return opt, nil, c.fail(exitUsage, "%v", err)
	}
	docs, err := t.readDocs(files)
	if err != nil {
		return opt, nil, c.fail(exitFailure, "%v", err)
	}
	return opt, docs, -1
}

// readDocs reads corpus files (globs allowed) into training messages.
func (t *trainFlags) readDocs(patterns []string) ([]train.Doc, error) {
	var docs []train.Doc
	for _, pat := range patterns {
		files, err := filepath.Glob(pat)
		if err != nil || len(files) == 0 {
			files = []string{pat}
		}
		for _, file := range files {
			f, err := os.Open(file)
			if err != nil {
				return nil, err
			}
			items, err := eval.Read(f)
			f.Close()
			if err != nil {
				return nil, fmt.Errorf("%s: %v", file, err)
			}
			docs = append(docs, train.Docs(file, items, t.isUntuned(file))...)
		}
	}
	return docs, nil
}

func (t *trainFlags) isUntuned(file string) bool {
	for _, u := range t.untuned {
		if filepath.Clean(u) == filepath.Clean(file) {
			return true
		}
	}
	return false
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
	opt, docs, code := t.load(c, fs.Args())
	if code >= 0 {
		return code
	}
	p, err := rules.Default()
	if err != nil {
		return c.fail(exitFailure, "%v", err)
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
