package main

// PLACEHOLDER: being written; the function name stays.
func runReply(c *cli, args []string) int { return c.fail(exitFailure, "reply: not built yet") }
