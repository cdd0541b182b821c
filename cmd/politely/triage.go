package main

// PLACEHOLDER: being written; the function name stays.
func runTriage(c *cli, args []string) int { return c.fail(exitFailure, "triage: not built yet") }
