package main

import (
	"fmt"
	"os"

	"politely/internal/eval"
)

// runEval scores the rules on a labeled corpus: per-flag precision, recall
// and F1, macro-F1 and verdict accuracy. --min-f1 and --min-accuracy turn it
// into a gate (exit 1 below them).
func runEval(c *cli, args []string) int {
	fs := c.flags("eval", "[flags] CORPUS.jsonl")
	var rulesFiles multi
	fs.Var(&rulesFiles, "rules", "an extra rule pack (repeatable)")
	verbose := fs.Bool("v", false, "list every miss")
	minF1 := fs.Float64("min-f1", 0, "fail when macro-F1 is below this")
	minAcc := fs.Float64("min-accuracy", 0, "fail when verdict accuracy is below this")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		return c.fail(exitUsage, "eval needs one CORPUS.jsonl (see politely eval -h)")
	}
	e, err := c.engine(rulesFiles)
	if err != nil {
		return c.fail(exitFailure, "%v", err)
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return c.fail(exitFailure, "%v", err)
	}
	defer f.Close()
	items, err := eval.Read(f)
	if err != nil {
		return c.fail(exitFailure, "%s: %v", fs.Arg(0), err)
	}
	rep := eval.Run(items, e.Judge)
	rep.Write(c.stdout, *verbose)
	if rep.MacroF1() < *minF1 || rep.VerdictAccuracy() < *minAcc {
		return c.fail(exitFailure, "below the gate: macro-F1 %.3f (min %.2f), verdict accuracy %.3f (min %.2f)", rep.MacroF1(), *minF1, rep.VerdictAccuracy(), *minAcc)
	}
	fmt.Fprintln(c.stdout)
	return exitOK
}
