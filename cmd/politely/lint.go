package main

// PLACEHOLDER: being written; the function name stays.
func runLint(c *cli, args []string) int { return c.fail(exitFailure, "lint: not built yet") }
