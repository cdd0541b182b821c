package main

// PLACEHOLDER: being written; the function name stays.
func runAssess(c *cli, args []string) int { return c.fail(exitFailure, "assess: not built yet") }
