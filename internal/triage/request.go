package triage

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"politely/internal/engine"
	"politely/internal/export"
	"politely/internal/model"
)

// triager holds what the second pass needs.
type triager struct {
	ex       *export.Export
	eng      *engine.Engine
	x        *index
	me       int32
	side     *sideInfo
	opt      Options
	now      time.Time
	byPerson map[int32][]int // conversations each person (not me) takes part in
}

// msg is one message read back in the second pass.
type msg struct {
	fromMe bool
	text   string
	at     time.Time
}

// read returns a conversation's messages, oldest first.
func (t *triager) read(c *conv) ([]msg, error) {
	var out []msg
	desc := 0
	// The first pass skipped exact duplicates; so does this one.
	seen := map[uint64]bool{}
	for _, r := range c.runs {
		err := t.ex.ReadRange(r.off, r.end, r.line, export.Handler{Message: func(m export.Message) error {
			if m.Conversation != c.id {
				return nil
			}
			h := rowHash(t.x.seed, m)
			if seen[h] {
				return nil
			}
			seen[h] = true
			if n := len(out); n > 0 && m.At.Before(out[n-1].at) {
				desc++
			}
			text := m.Content
			if s := strings.TrimSpace(m.Subject); s != "" && !strings.EqualFold(s, c.title) && !strings.Contains(text, s) {
				text = s + "\n\n" + text
			}
			who := t.x.lookup(c, m.From, m.FromURL)
			out = append(out, msg{fromMe: who == t.me, text: text, at: m.At})
			return nil
		}})
		if err != nil {
			return nil, err
		}
	}
	// Exports usually list a conversation newest first; reversing before a
	// stable sort keeps same-second messages in the order they were sent.
	if desc*2 > len(out) {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].at.Before(out[b].at) })
	return out, nil
}

// conversation builds the output row of conversation ci; for a request it
// reads the messages back and assesses the latest ask.
func (t *triager) conversation(ci int, kind string) (Conversation, error) {
	c := t.x.convs[ci]
	row := Conversation{ID: c.id, LastAt: stamp(c.last), Answered: c.lastFrom == t.me, Flags: []string{}, Kind: kind,
		Title: c.title, Folder: c.folder, Messages: c.msgs}
	var names []string
	var other int32 = -1
	for _, p := range c.parts {
		if p.who != t.me {
			names = append(names, t.x.people[p.who].name)
			other = p.who
		}
	}
	row.With = strings.Join(names, ", ")
	if kind != "request" || other < 0 {
		return row, nil
	}
	row.WithURL = t.x.people[other].url
	msgs, err := t.read(c)
	if err != nil {
		return row, err
	}
	// The ask is the latest run of their messages; everything before it is
	// the thread.
	last := -1
	for i := len(msgs) - 1; i >= 0; i-- {
		if !msgs[i].fromMe {
			last = i
			break
		}
	}
	if last < 0 {
		return row, nil
	}
	start := last
	for start > 0 && !msgs[start-1].fromMe {
		start--
	}
	var parts []string
	for _, m := range msgs[start : last+1] {
		parts = append(parts, m.text)
	}
	askedAt := msgs[start].at
	row.Text = strings.Join(parts, "\n\n")
	row.AskedAt = stamp(askedAt)
	row.FollowUpAfterDecline = start > 0 && msgs[start-1].fromMe && declines(msgs[start-1].text)

	p := t.x.people[other]
	rap := &Rapport{}
	thread, err := t.history(ci, other, askedAt, rap, 0)
	if err != nil {
		return row, err
	}
	for _, m := range msgs[:start] {
		thread = append(thread, turn(m))
		if m.fromMe {
			rap.WroteBefore = true
			if rap.FirstWroteAt == "" || m.at.Before(mustTime(rap.FirstWroteAt)) {
				rap.FirstWroteAt = stamp(m.at)
			}
		}
	}
	if len(thread) > maxTurns {
		thread = thread[len(thread)-maxTurns:]
	}
	sender := t.sender(p, askedAt, rap, &row)
	row.Rapport = rap
	t.assess(&row, model.Request{ID: c.id, Text: row.Text, Now: t.now, Sender: sender, Thread: thread, Profile: t.opt.Profile})
	return row, nil
}

// invitation builds the output row of a received invitation with a note:
// the note is the request, assessed like a message, with the rapport the
// export holds (connections, earlier conversations, other invitations).
// accepted says whether the sender is among the connections now.
func (t *triager) invitation(inv export.Invitation, accepted bool) (Conversation, error) {
	id := "invitation-" + strconv.Itoa(inv.Line)
	row := Conversation{ID: id, With: inv.From, WithURL: inv.FromURL, LastAt: stamp(inv.At), Answered: accepted,
		Flags: []string{}, Kind: "invitation", Messages: 1, Text: inv.Message, AskedAt: stamp(inv.At)}
	rap := &Rapport{Invitation: "incoming"}
	var thread []model.Turn
	p := person{name: inv.From, url: inv.FromURL}
	if who := t.find(p); who >= 0 {
		var err error
		if thread, err = t.history(-1, who, inv.At, rap, inv.Line); err != nil {
			return row, err
		}
		// history notes the earliest invitation between the two, which may
		// be one the user sent; the request is this one, theirs.
		rap.Invitation = "incoming"
		if len(thread) > maxTurns {
			thread = thread[len(thread)-maxTurns:]
		}
	}
	sender := t.sender(p, inv.At, rap, &row)
	row.Rapport = rap
	t.assess(&row, model.Request{ID: id, Kind: "invitation", Text: inv.Message, Now: t.now, Sender: sender, Thread: thread, Profile: t.opt.Profile})
	return row, nil
}

// find returns the person of messages.csv an invitation's sender is, matched
// as the index matches rows (by profile URL, by name only without one), or
// -1 for someone who never wrote.
func (t *triager) find(p person) int32 {
	if i := t.x.lookup(nil, p.name, p.url); i >= 0 && i != t.me {
		return i
	}
	return -1
}

// sender describes p as Connections.csv knows them, and notes in rap
// whether the user was connected to them before the ask.
func (t *triager) sender(p person, askedAt time.Time, rap *Rapport, row *Conversation) model.Sender {
	sender := model.Sender{Name: p.name, ProfileURL: p.url}
	if conn, ok := t.side.connection(p); ok {
		if conn.Since.IsZero() || !conn.Since.After(askedAt) {
			rap.Connected = true
			rap.ConnectedSince = stamp(conn.Since)
			sender.Degree = 1
		}
		switch {
		case conn.Position != "" && conn.Company != "":
			sender.Headline = conn.Position + " at " + conn.Company
		default:
			sender.Headline = conn.Position + conn.Company
		}
		if sender.ProfileURL == "" {
			sender.ProfileURL = conn.URL
			row.WithURL = conn.URL
		}
	}
	return sender
}

// assess runs the engine on req and fills the row's verdict, flags,
// evidence and reply.
func (t *triager) assess(row *Conversation, req model.Request) {
	res, err := t.eng.Assess(req)
	if err != nil {
		row.Error = err.Error()
	}
	row.Verdict = res.Verdict
	row.Asks = res.Asks
	row.MinutesAsked = res.MinutesAsked
	row.Reasons = res.Reasons
	if res.Reply != nil {
		row.Reply = res.Reply.Text
	}
	for _, f := range res.Flags {
		row.Flags = append(row.Flags, f.ID)
		for _, e := range f.Evidence {
			row.Evidence = append(row.Evidence, Evidence{ID: f.ID, Start: e.Start, End: e.End, Text: e.Text})
		}
	}
	for _, s := range res.Signals {
		row.Signals = append(row.Signals, s.ID)
		for _, e := range s.Evidence {
			row.Evidence = append(row.Evidence, Evidence{ID: s.ID, Signal: true, Start: e.Start, End: e.End, Text: e.Text})
		}
	}
}

// history adds what came before `before` between the user and person who,
// outside conversation ci (-1: none): earlier conversations (read back from
// the file) and invitation notes, except the invitation on line skip (the
// request itself, when it is one). It fills the rapport facts it learns.
func (t *triager) history(ci int, who int32, before time.Time, rap *Rapport, skip int) ([]model.Turn, error) {
	var turns []model.Turn
	if inv, ok := t.side.invitation(t.x.people[who]); ok && inv.Line != skip && !inv.At.After(before) {
		rap.Invitation = "outgoing"
		if inv.Incoming {
			rap.Invitation = "incoming"
		}
		if strings.TrimSpace(inv.Message) != "" {
			from := "them"
			if !inv.Incoming {
				from = "me"
				rap.WroteBefore = true
				rap.FirstWroteAt = stamp(inv.At)
			}
			turns = append(turns, model.Turn{From: from, Text: inv.Message, At: stamp(inv.At)})
		}
	}
	var earlier []*conv
	for _, i := range t.byPerson[who] {
		c := t.x.convs[i]
		// Only one-to-one conversations count: a word in a group is not
		// writing to someone.
		if i == ci || len(c.parts) != 2 || !c.has(t.me) || !c.first.Before(before) {
			continue
		}
		earlier = append(earlier, c)
	}
	sort.Slice(earlier, func(a, b int) bool { return earlier[a].first.Before(earlier[b].first) })
	rap.EarlierThreads = len(earlier)
	// Whether the user wrote first comes from the index, for every earlier
	// conversation; only the latest one is read back for its turns, which is
	// what the engine weighs and keeps a prolific contact cheap.
	for _, c := range earlier {
		if p := c.find(t.me); p != nil && !p.firstSent.IsZero() && p.firstSent.Before(before) {
			rap.WroteBefore = true
			if rap.FirstWroteAt == "" || p.firstSent.Before(mustTime(rap.FirstWroteAt)) {
				rap.FirstWroteAt = stamp(p.firstSent)
			}
		}
	}
	if len(earlier) > 0 {
		msgs, err := t.read(earlier[len(earlier)-1])
		if err != nil {
			return nil, err
		}
		for _, m := range msgs {
			if !m.at.Before(before) {
				break
			}
			turns = append(turns, turn(m))
		}
	}
	sort.SliceStable(turns, func(a, b int) bool { return turns[a].At < turns[b].At })
	return turns, nil
}

func turn(m msg) model.Turn {
	from := "them"
	if m.fromMe {
		from = "me"
	}
	return model.Turn{From: from, Text: m.text, At: stamp(m.at)}
}

func mustTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

// declinePhrases mark a message of the user's as a "no"; a request that
// follows one is a follow-up after a decline.
var declinePhrases = []string{
	"not able to", "unable to", "can't take", "cannot take", "won't be able", "will not be able",
	"not in a position", "i'll pass", "i will pass", "i'll have to pass", "not interested",
	"no thanks", "no, thank", "have to decline", "must decline", "going to decline", "need to decline",
	"not the right fit", "not a fit", "not taking on", "don't have the bandwidth", "don't have the capacity",
	"not right now", "unfortunately", "have to say no", "not for me", "can't help", "cannot help",
	"can't commit", "not available",
}

func declines(text string) bool {
	t := strings.ToLower(strings.NewReplacer("’", "'", "‘", "'").Replace(text))
	for _, p := range declinePhrases {
		if strings.Contains(t, p) {
			return true
		}
	}
	return false
}
