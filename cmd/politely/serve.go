package main

// PLACEHOLDER: being written; the function name stays.
func runServe(c *cli, args []string) int { return c.fail(exitFailure, "serve: not built yet") }
