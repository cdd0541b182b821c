package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"politely/internal/model"
)

// runLint checks a draft reply (the user's own or one politely wrote) and
// prints one finding a line: "start-end id: message: "text"", offsets in
// UTF-16 code units. Exit 0 when clean, 1 when there are findings, 2 on a
// usage error (no input, unknown language).
func runLint(c *cli, args []string) int {
	fs := c.flags("lint", "[FILE|-] [--lang L] [--json]")
	lang := fs.String("lang", "en", "language of the draft: en, zh, es, fr, de or pt (pt-PT reads as pt)")
	asJSON := fs.Bool("json", false, "print the findings as a JSON array")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if code := c.atMostOne(fs); code >= 0 {
		return code
	}
	text, name, err := c.input(fs.Args())
	if err != nil {
		return c.fail(exitUsage, "lint: %v", err)
	}
	draft := strings.TrimRight(string(text), "\r\n")
	if strings.TrimSpace(draft) == "" {
		return c.fail(exitUsage, "lint: %s is empty: there is no draft to check", name)
	}
	e, err := c.engine(nil)
	if err != nil {
		return c.fail(exitFailure, "%v", err)
	}
	issues, err := e.Lint(draft, *lang)
	if err != nil {
		var fe *model.FieldError
		if asField(err, &fe) {
			return c.fail(exitUsage, "lint: --%s: %s", fe.Field, fe.Msg)
		}
		return c.fail(exitFailure, "lint: %v", err)
	}
	if *asJSON {
		if issues == nil {
			issues = []model.Issue{}
		}
		b, _ := json.MarshalIndent(issues, "", "  ")
		fmt.Fprintln(c.stdout, string(b))
	} else if len(issues) == 0 {
		fmt.Fprintln(c.stdout, "no findings")
	}
	if !*asJSON {
		for _, is := range issues {
			fmt.Fprintf(c.stdout, "%d-%d %s: %s %q\n", is.Start, is.End, is.ID, is.Message, is.Text)
		}
	}
	if len(issues) > 0 {
		return exitFailure
	}
	return exitOK
}

// asField reports whether err is a *model.FieldError (a bad option value).
func asField(err error, fe **model.FieldError) bool { return errors.As(err, fe) }
