package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/tidwall/gjson"

	"politely/internal/assess"
	"politely/internal/engine"
	"politely/internal/model"
	"politely/internal/rules"
)

// maxLine bounds one --jsonl line; a longer line is reported and skipped.
const maxLine = model.MaxText + 1<<20

// runAssess assesses one message (plain text, HTML or a JSON request) and
// prints the verdict, flags with their evidence, signals, asks and the reply.
func runAssess(c *cli, args []string) int {
	fs := c.flags("assess", "[flags] [FILE|-]")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	jsonl := fs.Bool("jsonl", false, "read one JSON request per line, write one JSON result per line")
	explain := fs.Bool("explain", false, "also print, per finding and ask, the features that weighed most in its score")
	var o reqOpts
	fs.StringVar(&o.Profile, "profile", "", "your profile (JSON): capacity, expertise, contacts, resources...")
	fs.StringVar(&o.From, "from", "", "the sender's name")
	fs.StringVar(&o.Headline, "headline", "", "the sender's headline (a sales title weighs toward selling)")
	fs.StringVar(&o.Now, "now", "", "the time to judge at (default: now)")
	var rulesFiles multi
	fs.Var(&rulesFiles, "rules", "an extra rule pack (repeatable)")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if code := c.atMostOne(fs); code >= 0 {
		return code
	}
	e, err := c.engine(rulesFiles)
	if err != nil {
		return c.fail(exitFailure, "%v", err)
	}
	if *jsonl {
		return c.assessLines(e, fs.Args(), o)
	}
	data, name, err := c.input(fs.Args())
	if err != nil {
		return c.fail(exitFailure, "%v", err)
	}
	r, err := c.request(data, o)
	if err != nil {
		return c.fail(exitFailure, "%s: %v", name, err)
	}
	if !*asJSON && r.UILang == "" {
		// The terminal output around the titles and reasons is English; a
		// request's reply "lang" must not put German words into it.
		r.UILang = "en"
	}
	res, err := e.Assess(r)
	if err != nil {
		return c.fail(exitFailure, "%v", err)
	}
	if *asJSON {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(res); err != nil {
			return c.fail(exitFailure, "%v", err)
		}
		return exitOK
	}
	color := c.isTTY(c.stdout) && c.getenv("NO_COLOR") == ""
	writeAssessment(c.stdout, r, res, color)
	if *explain {
		writeExplanation(c.stdout, e.Explain(r, 8))
	}
	return exitOK
}

// writeExplanation prints why each label that holds scored as it did: the
// probability against its threshold, the bias, then the strongest features.
// The red flags that do not hold follow, with what kept them down: "why is
// this not selling?" is the question a surprising accept raises.
func writeExplanation(w io.Writer, ex []assess.Explanation) {
	if ex == nil {
		fmt.Fprintln(w, "\nExplain: the rule pack has no learned model; findings come from the rules' stated weights.")
		return
	}
	fmt.Fprintln(w, "\nWhy (learned weights; a feature counts once):")
	held := 0
	for _, e := range ex {
		if e.Holds {
			writeContributions(w, e, "holds")
			held++
		}
	}
	if held == 0 {
		fmt.Fprintln(w, "  nothing the model weighs holds")
	}
	below := false
	for _, e := range ex {
		if e.Holds || e.Kind != rules.KindFlag {
			continue
		}
		if !below {
			fmt.Fprintln(w, "Red flags below their thresholds:")
			below = true
		}
		writeContributions(w, e, "would hold")
	}
}

// writeContributions prints one label's score line and its strongest features.
func writeContributions(w io.Writer, e assess.Explanation, holds string) {
	if e.Ruled && e.Score < e.Threshold {
		holds = "held by the rules' stated weights; the model alone would hold"
	}
	fmt.Fprintf(w, "  %s %.3f (%s at %.2f), bias %+.3f\n", e.ID, e.Score, holds, e.Threshold, e.Bias)
	for _, c := range e.Top {
		if c.Text != "" {
			fmt.Fprintf(w, "    %+.3f  %-32s %q\n", c.Weight, c.Feature, c.Text)
		} else {
			fmt.Fprintf(w, "    %+.3f  %s\n", c.Weight, c.Feature)
		}
	}
}

// assessLines streams --jsonl: one result per line, in order; a bad line
// yields {"id", "line", "error"} and the rest go on. The exit code is 1 when
// any line failed.
func (c *cli) assessLines(e *engine.Engine, args []string, o reqOpts) int {
	in := c.stdin
	if len(args) == 1 && args[0] != "-" {
		f, err := os.Open(args[0])
		if err != nil {
			return c.fail(exitFailure, "%v", err)
		}
		defer f.Close()
		in = f
	}
	var profile *model.Profile
	if o.Profile != "" {
		p, err := c.profile(o.Profile)
		if err != nil {
			return c.fail(exitFailure, "%v", err)
		}
		profile = &p
	}
	// --now is read once; a bad value is reported on each line that needs it.
	now, nowErr := c.now().UTC(), error(nil)
	if o.Now != "" {
		if now, nowErr = model.ParseTime(o.Now); nowErr != nil {
			nowErr = errors.New("--now: " + nowErr.Error())
		}
	}
	rd := bufio.NewReaderSize(in, 64<<10)
	w := bufio.NewWriter(c.stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	// Each line's answer is encoded before the next is judged, so one
	// worker judges them all into the same memory.
	wk := e.Worker()
	failed := 0
	for n := 1; ; n++ {
		line, tooLong, err := readLine(rd, maxLine)
		if err == io.EOF && line == nil {
			break
		}
		if err != nil && err != io.EOF {
			return c.fail(exitFailure, "line %d: %v", n, err)
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte(bom))
		}
		if strings.TrimSpace(string(line)) == "" && !tooLong {
			if err == io.EOF {
				break
			}
			continue
		}
		id := json.RawMessage(nil)
		if g := gjson.GetBytes(line, "id"); g.Exists() && gjson.ValidBytes(line) {
			id = json.RawMessage(g.Raw)
		}
		out, lerr := assessLine(wk, line, tooLong, profile, o, now, nowErr)
		if lerr != nil {
			failed++
			enc.Encode(struct {
				ID    json.RawMessage `json:"id,omitempty"`
				Line  int             `json:"line"`
				Error string          `json:"error"`
			}{id, n, lerr.Error()})
		} else {
			enc.Encode(struct {
				ID json.RawMessage `json:"id,omitempty"`
				model.Result
			}{id, out})
		}
		if err == io.EOF {
			break
		}
	}
	if failed > 0 {
		w.Flush()
		return c.fail(exitFailure, "%d line(s) failed; their errors are in the output", failed)
	}
	return exitOK
}

func assessLine(wk *engine.Worker, line []byte, tooLong bool, profile *model.Profile, o reqOpts, now time.Time, nowErr error) (model.Result, error) {
	if tooLong {
		return model.Result{}, fmt.Errorf("line is longer than %d bytes", maxLine)
	}
	r, err := model.Decode(line)
	if err != nil {
		return model.Result{}, err
	}
	if profile != nil && isEmptyProfile(r.Profile) {
		r.Profile = *profile
	}
	if o.From != "" && r.Sender.Name == "" {
		r.Sender.Name = o.From
	}
	if o.Headline != "" && r.Sender.Headline == "" {
		r.Sender.Headline = o.Headline
	}
	if r.Now.IsZero() {
		if nowErr != nil {
			return model.Result{}, nowErr
		}
		r.Now = now
	}
	return wk.Assess(r)
}

// readLine reads one line of any length, keeping at most limit bytes; tooLong
// says the rest was dropped.
func readLine(rd *bufio.Reader, limit int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := rd.ReadSlice('\n')
		if len(line)+len(chunk) <= limit {
			line = append(line, chunk...)
		} else {
			tooLong = true
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(line) == 0 && !tooLong {
			return nil, false, io.EOF
		}
		return line, tooLong, err
	}
}

func isEmptyProfile(p model.Profile) bool {
	return p.Name == "" && p.Signature == "" && p.Company == "" && p.CapacityHoursPerWeek == 0 && p.BreakUntil.IsZero() &&
		len(p.Expertise) == 0 && len(p.Contacts) == 0 && len(p.Resources) == 0 && len(p.Events) == 0 && len(p.Groups) == 0 && len(p.Experts) == 0
}
