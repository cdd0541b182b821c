package main

import (
	"fmt"
	"strings"

	"politely/internal/model"
)

// runReply prints only the suggested reply for one message: the scenario
// chosen from the assessment unless --scenario names one, in --tone and
// --lang (else the profile's, else warm English).
func runReply(c *cli, args []string) int {
	fs := c.flags("reply", "[FILE|-] [--scenario S] [--tone T] [--lang L] [--profile FILE] [--from NAME] [--now TIME] [--rules FILE]")
	var o reqOpts
	var scenario, tone, lang string
	var rules multi
	fs.StringVar(&scenario, "scenario", "", "reply scenario (default: chosen from the assessment); see 'politely reply --list'")
	fs.StringVar(&tone, "tone", "", "warm, formal or brief (default: the profile's, else warm)")
	fs.StringVar(&lang, "lang", "", "en, zh, es, fr, de, pt or pt-PT (European Portuguese); default: the profile's, else the message's, else en")
	fs.StringVar(&o.Profile, "profile", "", "profile JSON `FILE` (signature, events, resources, experts...)")
	fs.StringVar(&o.From, "from", "", "the sender's `NAME`")
	fs.StringVar(&o.Headline, "headline", "", "the sender's `TITLE` as LinkedIn shows it")
	fs.StringVar(&o.Now, "now", "", "the current `TIME` (default: the clock)")
	fs.Var(&rules, "rules", "extra rule pack `FILE` (repeatable)")
	list := fs.Bool("list", false, "list the scenarios, tones and languages and exit")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if code := c.atMostOne(fs); code >= 0 {
		return code
	}
	e, err := c.engine(rules)
	if err != nil {
		return c.fail(exitFailure, "%v", err)
	}
	if *list {
		cat := e.Catalog("")
		fmt.Fprintf(c.stdout, "scenarios: %v\ntones:     %v\nlangs:     %v\n", cat.Scenarios, cat.Tones, cat.Langs)
		return exitOK
	}
	text, name, err := c.input(fs.Args())
	if err != nil {
		return c.fail(exitUsage, "reply: %v", err)
	}
	r, err := c.request(text, o)
	if err != nil {
		return c.fail(exitUsage, "reply: %s: %v", name, err)
	}
	if scenario != "" {
		r.Scenario = scenario
	}
	if tone != "" {
		r.Tone = tone
	}
	if lang != "" {
		r.Lang = lang
	}
	rep, err := e.Reply(r)
	if err != nil {
		var fe *model.FieldError
		if asField(err, &fe) && !strings.Contains(fe.Field, ".") {
			return c.fail(exitUsage, "reply: --%s: %s", fe.Field, fe.Msg)
		}
		if fe != nil {
			return c.fail(exitUsage, "reply: %v", err) // a bad value in the profile or the JSON request
		}
		return c.fail(exitFailure, "reply: %v", err)
	}
	fmt.Fprintln(c.stdout, rep.Text)
	return exitOK
}
