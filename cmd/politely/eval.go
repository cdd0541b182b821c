package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"politely/internal/eval"
	"politely/internal/train"
	"politely/internal/triage"
)

// runEval scores the judgment on labeled corpora: per-label precision,
// recall and F1, macro-F1 per group and verdict accuracy. --cv K measures
// what the learned model does on sources it never saw: K folds grouped by
// source, each judged by a model trained on the others (plus --extra).
// --min-f1 and --min-accuracy turn it into a gate (exit 1 below them).
// With --cv, each line also gets a 95% interval from drawing its sources
// again (--draws), so that a figure over a few sources is read as such;
// --save keeps what each message was judged, and --against compares a
// later run with it, message by message, which is how a change is judged.
func runEval(c *cli, args []string) int {
	fs := c.flags("eval", "[flags] CORPUS.jsonl...")
	var rulesFiles, extra multi
	fs.Var(&rulesFiles, "rules", "an extra rule pack (repeatable)")
	fs.Var(&extra, "extra", "with --cv: a corpus added to every training fold, never tested (repeatable, globs allowed)")
	cv := fs.Int("cv", 0, "cross-validate with this many folds grouped by source, 2 or more (retrains the model per fold)")
	draws := fs.Int("draws", 1000, "with --cv: bootstrap draws of the sources for the 95% intervals (0: none)")
	save := fs.String("save", "", "with --cv: write what each message was judged (ids and labels, no text) to this file")
	against := fs.String("against", "", "with --cv: compare this run with one --save wrote, message by message")
	t := addTrainFlags(fs)
	verbose := fs.Bool("v", false, "list every miss")
	minF1 := fs.Float64("min-f1", 0, "fail when flags macro-F1 is below this")
	minAcc := fs.Float64("min-accuracy", 0, "fail when verdict accuracy is below this")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() == 0 {
		return c.fail(exitUsage, "eval needs at least one CORPUS.jsonl (see politely eval -h)")
	}
	if *cv < 0 || *cv == 1 {
		return c.fail(exitUsage, "--cv wants 0 (no cross-validation) or 2 folds or more, got %d", *cv)
	}
	if *cv == 0 {
		// These shape a cross-validation; without one they would be
		// ignored, and a typo in them would go unnoticed.
		var only []string
		fs.Visit(func(f *flag.Flag) {
			if f.Name == "untuned" || f.Name == "extra" || f.Name == "save" || f.Name == "against" || f.Name == "draws" {
				only = append(only, "--"+f.Name)
			}
		})
		if len(only) > 0 {
			return c.fail(exitUsage, "%s only with --cv K", strings.Join(only, ", "))
		}
	}
	if *draws < 0 {
		return c.fail(exitUsage, "--draws wants 0 (no intervals) or more, got %d", *draws)
	}
	if err := triage.CheckOutput(*save); err != nil {
		return c.fail(exitUsage, "--save %v", err)
	}
	if _, err := t.options(); err != nil {
		return c.fail(exitUsage, "%v", err) // before the rules compile
	}
	e, err := c.engine(rulesFiles)
	if err != nil {
		return c.fail(exitFailure, "%v", err)
	}
	labels := eval.PackLabels(e.Pack())
	var rep *eval.Report
	if *cv > 0 {
		opt, docs, more, code := t.load(c, fs.Args(), extra, labels)
		if code >= 0 {
			return code
		}
		if n := train.Sources(docs); *cv > n {
			hint := fmt.Sprintf("use --cv %d or fewer", n)
			if n < 2 {
				hint = "cross-validation needs corpora from 2 sources or more"
			}
			return c.fail(exitUsage, "--cv %d: the corpora hold %d %s, and every fold needs one (%s)", *cv, n, plural(n, "source"), hint)
		}
		res, err := train.CrossValidate(e.Pack(), docs, more, opt, *cv)
		if err != nil {
			return c.fail(exitFailure, "%v", err)
		}
		if *draws > 0 {
			res.Bootstrap(*draws)
		}
		res.Write(c.stdout, *verbose)
		rep = res.All
		if *against != "" {
			f, err := os.Open(*against)
			if err != nil {
				return c.fail(exitFailure, "%v", err)
			}
			diffs, err := res.Against(f, max(*draws, 1))
			f.Close()
			if err != nil {
				return c.fail(exitFailure, "--against %s: %v", *against, err)
			}
			train.WriteDiff(c.stdout, *against, diffs)
		}
		if *save != "" {
			f, err := os.Create(*save)
			if err != nil {
				return c.fail(exitFailure, "%v", err)
			}
			err = res.Save(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return c.fail(exitFailure, "--save: %v", err)
			}
		}
	} else {
		var items []eval.Item
		for _, name := range fs.Args() {
			f, err := os.Open(name)
			if err != nil {
				return c.fail(exitFailure, "%v", err)
			}
			its, err := eval.Read(f, labels)
			f.Close()
			if err != nil {
				return c.fail(exitFailure, "%s: %v", name, err)
			}
			items = append(items, its...)
		}
		rep = eval.Run(items, e.Judge)
		rep.Write(c.stdout, *verbose)
	}
	if rep.MacroF1() < *minF1 || rep.VerdictAccuracy() < *minAcc {
		return c.fail(exitFailure, "below the gate: macro-F1 %.3f (min %.2f), verdict accuracy %.3f (min %.2f)", rep.MacroF1(), *minF1, rep.VerdictAccuracy(), *minAcc)
	}
	fmt.Fprintln(c.stdout)
	return exitOK
}
