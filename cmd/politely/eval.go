package main

// PLACEHOLDER: being written; the function name stays.
func runEval(c *cli, args []string) int { return c.fail(exitFailure, "eval: not built yet") }
