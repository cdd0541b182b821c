// Package triage turns a LinkedIn data export into a triaged inbox: it
// groups messages into conversations, works out who "me" is, finds the
// inbound requests (messages, and received invitations that carry a note),
// judges rapport from the data (earlier messages, connections, invitations),
// assesses each request with the engine, drafts the reply, and writes an
// HTML report, CSV and JSON.
//
// It streams in two passes. The first pass indexes conversations by their
// byte ranges in messages.csv (messages.csv is usually sorted by
// conversation, but nothing guarantees it, so a conversation may have several
// ranges). The second pass reads one request's conversation at a time back
// from those ranges, assesses it and appends the rendered rows to spool
// files on disk; the outputs are then written from the spool. Memory therefore grows
// with the largest conversation plus a small index entry per conversation,
// not with the size of the export.
package triage

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"politely/internal/engine"
	"politely/internal/export"
	"politely/internal/model"
)

// Options are the user's choices.
type Options struct {
	Me      string        // --me: a name or profile URL; "" to infer
	Profile model.Profile // --profile
	HTML    string        // output paths; "" to skip, "-" for stdout (CSV, JSON)
	CSV     string
	JSON    string
	// Progress, when not nil, is told the phase, the work done and the total
	// (bytes while reading, conversations while assessing).
	Progress func(phase string, done, total int64)
	// Bad receives every malformed row (already skipped).
	Bad func(export.RowError)
	// Stop, when not nil, is polled; once it returns true Run stops with
	// ErrStopped, removing its temporary files and writing no output.
	Stop func() bool
}

// ErrStopped is returned when Options.Stop asked Run to stop.
var ErrStopped = errors.New("stopped before the end; nothing was written")

// Summary is the head of the JSON output. The first six fields are the
// contract; the others were added later and may grow.
type Summary struct {
	Messages         int            `json:"messages"`
	Conversations    int            `json:"conversations"`
	Requests         int            `json:"requests"`
	Unanswered       int            `json:"unanswered"`
	ByFlag           map[string]int `json:"by_flag"`
	MinutesRequested int            `json:"minutes_requested"`

	Me                string                    `json:"me"`
	Now               string                    `json:"now"`
	ByVerdict         map[string]int            `json:"by_verdict"`
	BySignal          map[string]int            `json:"by_signal"`
	ByFolder          map[string]int            `json:"by_folder"`
	ByMonth           map[string]int            `json:"requests_by_month"`
	MinutesByMonth    map[string]int            `json:"minutes_by_month"`
	VerdictsByQuarter map[string]map[string]int `json:"verdicts_by_quarter"`
	FollowUpsAfterNo  int                       `json:"follow_ups_after_decline"`
	CapacityHoursWeek float64                   `json:"capacity_hours_per_week,omitempty"`
	SkippedRows       int                       `json:"skipped_rows"` // system rows, drafts and duplicates
	DuplicateRows     int                       `json:"duplicate_rows,omitempty"`
	MalformedRows     int                       `json:"malformed_rows"`
	Connections       int                       `json:"connections"`
	Invitations       int                       `json:"invitations"` // every readable row of Invitations.csv
	// Invitations by what triage did with them: received with a note
	// (assessed, and counted in requests too), received without one, and
	// sent by the user (both only counted).
	InvitationRequests  int `json:"invitation_requests"`
	InvitationsNoNote   int `json:"invitations_without_note"`
	InvitationsSent     int `json:"invitations_sent"`
	AssessErrors        int `json:"assess_errors,omitempty"`
	LargestConversation int `json:"largest_conversation"`
}

// Conversation is one row of the outputs. The first seven fields are the
// contract; the others were added and may grow.
type Conversation struct {
	ID       string   `json:"id"`
	With     string   `json:"with"`
	LastAt   string   `json:"last_at"`
	Answered bool     `json:"answered"`
	Verdict  string   `json:"verdict"`
	Flags    []string `json:"flags"`
	Reply    string   `json:"reply"`

	// Kind is "request", "outbound" (the user wrote first), "group", or
	// "invitation" (a received invitation with a note; Text is the note,
	// and Answered means the sender is now among the connections).
	Kind                 string     `json:"kind"`
	Title                string     `json:"title,omitempty"`
	Folder               string     `json:"folder,omitempty"`
	WithURL              string     `json:"with_url,omitempty"`
	Messages             int        `json:"messages"`
	AskedAt              string     `json:"asked_at,omitempty"`
	Text                 string     `json:"text,omitempty"`
	Signals              []string   `json:"signals,omitempty"`
	Asks                 []string   `json:"asks,omitempty"`
	MinutesAsked         int        `json:"minutes_asked,omitempty"`
	Reasons              []string   `json:"reasons,omitempty"`
	Evidence             []Evidence `json:"evidence,omitempty"`
	Rapport              *Rapport   `json:"rapport,omitempty"`
	FollowUpAfterDecline bool       `json:"follow_up_after_decline,omitempty"`
	Error                string     `json:"error,omitempty"`
}

// Evidence is one highlighted phrase: Start and End are UTF-16 offsets into
// Conversation.Text, as the engine returned them.
type Evidence struct {
	ID     string `json:"id"`
	Signal bool   `json:"signal,omitempty"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
}

// Rapport is what the export says about the user and the sender before the
// request.
type Rapport struct {
	WroteBefore    bool   `json:"wrote_before"`
	FirstWroteAt   string `json:"first_wrote_at,omitempty"`
	Connected      bool   `json:"connected"`
	ConnectedSince string `json:"connected_since,omitempty"`
	Invitation     string `json:"invitation,omitempty"` // "incoming" or "outgoing"
	EarlierThreads int    `json:"earlier_threads,omitempty"`
}

// ErrNoMessages is returned when the export holds no readable message.
var ErrNoMessages = errors.New("the export holds no readable message")

// maxTurns bounds the thread handed to the engine: the most recent turns
// carry the rapport and the earlier "no".
const maxTurns = 40

// Run triages the export and writes the outputs named in opt. It returns the
// summary; malformed rows go to opt.Bad and never stop it.
func Run(ex *export.Export, eng *engine.Engine, opt Options) (Summary, error) {
	return RunWith(ex, func() (*engine.Engine, error) { return eng, nil }, opt)
}

// RunWith is Run with the engine handed over only when the second pass
// starts, so that compiling the rules can overlap the first pass.
func RunWith(ex *export.Export, getEngine func() (*engine.Engine, error), opt Options) (Summary, error) {
	// A path that cannot take its output fails now, not after the work.
	for _, p := range []string{opt.HTML, opt.CSV, opt.JSON} {
		if err := CheckOutput(p); err != nil {
			return Summary{}, err
		}
	}
	progress := opt.Progress
	if progress == nil {
		progress = func(string, int64, int64) {}
	}
	sum := Summary{ByFlag: map[string]int{}, ByVerdict: map[string]int{}, BySignal: map[string]int{}, ByMonth: map[string]int{}, ByFolder: map[string]int{},
		MinutesByMonth: map[string]int{}, VerdictsByQuarter: map[string]map[string]int{}, CapacityHoursWeek: opt.Profile.CapacityHoursPerWeek}
	stop := opt.Stop
	if stop == nil {
		stop = func() bool { return false }
	}
	bad := func(r export.RowError) {
		// A row kept without one field is a warning, not a row lost.
		if !r.Kept {
			sum.MalformedRows++
		}
		if opt.Bad != nil {
			opt.Bad(r)
		}
	}

	// Pass 1: index.
	x := newIndex()
	size := ex.Size()
	err := ex.Scan(export.Handler{
		Message: func(m export.Message) error {
			if x.messages%4096 == 0 && stop() {
				return ErrStopped
			}
			if !x.add(m) {
				sum.SkippedRows++
				sum.DuplicateRows++
			}
			return nil
		},
		Bad:  bad,
		Skip: func(int, string) { sum.SkippedRows++ },
	}, func(off int64) { progress("reading", off, size) })
	if err != nil {
		return sum, err
	}
	x.finish()
	if x.messages == 0 {
		return sum, fmt.Errorf("%s: %w", ex.Path, ErrNoMessages)
	}
	me, ok, cands := x.findMe(opt.Me)
	if !ok {
		return sum, fmt.Errorf("--me %q is not a participant of any conversation (most frequent: %s)", opt.Me, strings.Join(cands, ", "))
	}
	sum.Me = x.people[me].name
	sum.Now = x.latest.Format(time.RFC3339)
	sum.Messages = x.messages
	sum.Conversations = len(x.convs)

	side, err := readSide(ex, x, bad)
	if err != nil {
		return sum, err
	}
	sum.Connections, sum.Invitations = side.connections, side.invitations
	sum.InvitationsNoNote, sum.InvitationsSent = side.noNote, side.sent

	// Items are the conversations, then the invitations with a note.
	// Order: unanswered first, requests before the rest, newest first.
	n := len(x.convs) + len(side.notes)
	order := make([]int, n)
	kinds := make([]string, n)
	answered := make([]bool, n)
	last := make([]time.Time, n)
	for i := range order {
		order[i] = i
	}
	for i, c := range x.convs {
		kinds[i] = kindOf(c, me)
		answered[i], last[i] = c.lastFrom == me, c.last
		sum.LargestConversation = max(sum.LargestConversation, c.msgs)
	}
	for k, inv := range side.notes {
		i := len(x.convs) + k
		_, accepted := side.connection(person{name: inv.From, url: inv.FromURL})
		kinds[i], answered[i], last[i] = "invitation", accepted, inv.At
	}
	asks := func(i int) bool { return kinds[i] == "request" || kinds[i] == "invitation" }
	sort.SliceStable(order, func(a, b int) bool {
		ia, ib := order[a], order[b]
		if answered[ia] != answered[ib] {
			return !answered[ia]
		}
		if asks(ia) != asks(ib) {
			return asks(ia)
		}
		return last[ia].After(last[ib])
	})

	// Pass 2: assess requests one conversation at a time into the spool.
	rd := newRenderer(opt)
	sp, err := newSpool(rd)
	if err != nil {
		return sum, err
	}
	defer sp.close()
	eng, err := getEngine()
	if err != nil {
		return sum, err
	}
	t := &triager{ex: ex, eng: eng, x: x, me: me, side: side, opt: opt, now: x.latest}
	t.byPerson = map[int32][]int{}
	for i, c := range x.convs {
		for _, p := range c.parts {
			if p.who != me {
				t.byPerson[p.who] = append(t.byPerson[p.who], i)
			}
		}
	}
	// Conversations are assessed in batches by one worker per core (the
	// engine and ReadAt are safe for concurrent use) and spooled in order;
	// a batch bounds what is held at once.
	workers := max(1, runtime.GOMAXPROCS(0))
	const batch = 256
	rows := make([]Conversation, batch)
	frags := make([]rendered, batch)
	errs := make([]error, batch)
	for lo := 0; lo < len(order); lo += batch {
		if stop() {
			return sum, ErrStopped
		}
		progress("assessing", int64(lo), int64(len(order)))
		hi := min(lo+batch, len(order))
		var wg sync.WaitGroup
		next := int64(lo - 1)
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					n := int(atomic.AddInt64(&next, 1))
					if n >= hi {
						return
					}
					ci := order[n]
					i := n - lo
					if ci < len(x.convs) {
						rows[i], errs[i] = t.conversation(ci, kinds[ci])
					} else {
						rows[i], errs[i] = t.invitation(side.notes[ci-len(x.convs)], answered[ci])
					}
					if errs[i] == nil {
						frags[i], errs[i] = rd.render(rows[i])
					}
				}
			}()
		}
		wg.Wait()
		for i := 0; i < hi-lo; i++ {
			if errs[i] != nil {
				return sum, errs[i]
			}
			tally(&sum, rows[i])
			if err := sp.add(frags[i]); err != nil {
				return sum, err
			}
			rows[i], frags[i] = Conversation{}, rendered{}
		}
	}
	progress("assessing", int64(len(order)), int64(len(order)))
	return sum, writeOutputs(sp, sum, opt)
}

func kindOf(c *conv, me int32) string {
	others := 0
	for _, p := range c.parts {
		if p.who != me {
			others++
		}
	}
	switch {
	case others > 1:
		return "group"
	case c.firstFrom == me:
		return "outbound"
	}
	return "request"
}

// tally adds one conversation to the summary.
func tally(s *Summary, r Conversation) {
	if r.Folder != "" {
		s.ByFolder[r.Folder]++
	}
	if r.Kind != "request" && r.Kind != "invitation" {
		return
	}
	s.Requests++
	if r.Kind == "invitation" {
		s.InvitationRequests++
	}
	if !r.Answered {
		s.Unanswered++
	}
	for _, f := range r.Flags {
		s.ByFlag[f]++
	}
	for _, f := range r.Signals {
		s.BySignal[f]++
	}
	if r.FollowUpAfterDecline {
		s.FollowUpsAfterNo++
	}
	if r.Error != "" {
		s.AssessErrors++
	}
	s.MinutesRequested += r.MinutesAsked
	if r.Verdict != "" {
		s.ByVerdict[r.Verdict]++
	}
	if at, err := time.Parse(time.RFC3339, r.AskedAt); err == nil {
		month := at.Format("2006-01")
		s.ByMonth[month]++
		s.MinutesByMonth[month] += r.MinutesAsked
		q := fmt.Sprintf("%d-Q%d", at.Year(), (int(at.Month())-1)/3+1)
		if s.VerdictsByQuarter[q] == nil {
			s.VerdictsByQuarter[q] = map[string]int{}
		}
		s.VerdictsByQuarter[q][r.Verdict]++
	}
}

// sideInfo is what Connections.csv and Invitations.csv add, keyed by person,
// and the received invitations that carry a note, in file order: they are
// requests of their own. Notes are short (LinkedIn allows 300 characters),
// so even tens of thousands of them are a few megabytes.
type sideInfo struct {
	conns                    sideMap[export.Connection]
	invs                     sideMap[export.Invitation] // the other person's; the earliest
	notes                    []export.Invitation
	connections, invitations int
	noNote, sent             int
}

// sideMap finds a side file's row for a person as the index does: by
// profile URL, and by name only where a URL is missing. A person with a URL
// never takes the row of a namesake with another URL (a stranger does not
// inherit a connection), and a person without one takes a row by name only
// when no other row has that name under another URL. Rows are held once,
// the maps point to them.
type sideMap[T any] struct {
	byURL  map[string]*T
	byName map[string]nameRow[T]
	noURL  map[string]*T // by name, the rows without a URL
}

// nameRow is the row filed under a name, and whether rows of several URLs
// (or of a URL and none) share that name.
type nameRow[T any] struct {
	row     *T
	url     string
	several bool
}

func newSideMap[T any]() sideMap[T] {
	return sideMap[T]{byURL: map[string]*T{}, byName: map[string]nameRow[T]{}, noURL: map[string]*T{}}
}

// add files v under its person; keep says whether v replaces the row
// already filed for them (nil: always).
func (m sideMap[T]) add(name, url string, v T, keep func(old, new T) bool) {
	u, n := urlKey(url), nameKey(name)
	row := &v
	better := func(old *T) bool { return old == nil || keep == nil || keep(*old, v) }
	if u != "" && better(m.byURL[u]) {
		m.byURL[u] = row
	}
	if n == "" {
		return
	}
	if u == "" && better(m.noURL[n]) {
		m.noURL[n] = row
	}
	switch e, ok := m.byName[n]; {
	case !ok:
		m.byName[n] = nameRow[T]{row: row, url: u}
	case e.url != u:
		e.several = true
		m.byName[n] = e
	case better(e.row):
		e.row = row
		m.byName[n] = e
	}
}

func (m sideMap[T]) get(p person) (T, bool) {
	var found *T
	n := nameKey(p.name)
	if u := urlKey(p.url); u != "" {
		if found = m.byURL[u]; found == nil {
			found = m.noURL[n]
		}
	} else if e, ok := m.byName[n]; ok && !e.several {
		found = e.row
	}
	if found == nil {
		var zero T
		return zero, false
	}
	return *found, true
}

func readSide(ex *export.Export, x *index, bad func(export.RowError)) (*sideInfo, error) {
	s := &sideInfo{conns: newSideMap[export.Connection](), invs: newSideMap[export.Invitation]()}
	err := ex.Connections(func(c export.Connection) {
		s.connections++
		s.conns.add(c.Name, c.URL, c, nil)
	}, bad)
	if err != nil {
		return nil, err
	}
	earlier := func(old, inv export.Invitation) bool { return inv.At.Before(old.At) }
	err = ex.Invitations(func(inv export.Invitation) {
		s.invitations++
		switch {
		case !inv.Incoming:
			s.sent++
		case strings.TrimSpace(inv.Message) == "":
			s.noNote++
		default:
			s.notes = append(s.notes, inv)
		}
		name, url := inv.To, inv.ToURL
		if inv.Incoming {
			name, url = inv.From, inv.FromURL
		}
		s.invs.add(name, url, inv, earlier)
	}, bad)
	return s, err
}

func (s *sideInfo) connection(p person) (export.Connection, bool) { return s.conns.get(p) }

func (s *sideInfo) invitation(p person) (export.Invitation, bool) { return s.invs.get(p) }

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// spoolDir is where the spool goes ("" is the system's temporary folder).
var spoolDir = ""

func removeQuietly(path string) { _ = os.Remove(path) }
