package triage

import (
	"sort"
	"strings"
	"time"

	"politely/internal/export"
)

// The first pass over messages.csv keeps only this index: per conversation
// its byte ranges in the file and a few facts (who wrote, when), per person
// a name and a profile URL. Message text is never held here, so memory grows
// with the number of conversations (about a hundred bytes each), not with
// the size of the file; the second pass reads one conversation at a time
// back from its byte ranges.

// run is a stretch of consecutive rows of one conversation in messages.csv.
type run struct {
	off, end int64
	line     int
}

// part is one participant of a conversation.
type part struct {
	who                 int32 // person index
	sent                int
	firstSent, lastSent time.Time
}

type conv struct {
	id, title, folder string
	runs              []run
	msgs              int
	first, last       time.Time
	firstFrom         int32
	lastFrom          int32
	parts             []part
}

func (c *conv) part(who int32) *part {
	for i := range c.parts {
		if c.parts[i].who == who {
			return &c.parts[i]
		}
	}
	c.parts = append(c.parts, part{who: who})
	return &c.parts[len(c.parts)-1]
}

func (c *conv) has(who int32) bool { return c.find(who) != nil }

// find returns who's part, or nil.
func (c *conv) find(who int32) *part {
	for i := range c.parts {
		if c.parts[i].who == who {
			return &c.parts[i]
		}
	}
	return nil
}

type person struct {
	name, url string
	convs     int
	sent      int
}

// index is what the first pass learns.
type index struct {
	convs    []*conv
	byID     map[string]int
	people   []person
	byKey    map[string]int32
	messages int
	latest   time.Time
	prev     *conv
}

func newIndex() *index {
	return &index{byID: map[string]int{}, byKey: map[string]int32{}}
}

// nameKey is how a person is recognised across rows and files: the repaired
// name, lower-cased, single-spaced.
func nameKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// urlKey normalises a LinkedIn profile URL ("https://www.linkedin.com/in/ana/"
// and "linkedin.com/in/Ana?x=1" are the same person).
func urlKey(u string) string {
	u = strings.ToLower(strings.TrimSpace(u))
	for _, p := range []string{"https://", "http://", "www.", "m."} {
		u = strings.TrimPrefix(u, p)
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	return strings.TrimRight(u, "/")
}

func (x *index) person(name, url string) int32 {
	k := nameKey(name)
	if k == "" {
		k = "url:" + urlKey(url)
	}
	if i, ok := x.byKey[k]; ok {
		if x.people[i].url == "" && url != "" {
			x.people[i].url = url
		}
		return i
	}
	i := int32(len(x.people))
	x.people = append(x.people, person{name: name, url: url})
	x.byKey[k] = i
	return i
}

// add records one message of the first pass.
func (x *index) add(m export.Message) {
	x.messages++
	ci, ok := x.byID[m.Conversation]
	if !ok {
		ci = len(x.convs)
		x.byID[m.Conversation] = ci
		x.convs = append(x.convs, &conv{id: m.Conversation, first: m.At, last: m.At, firstFrom: -1, lastFrom: -1})
	}
	c := x.convs[ci]
	if c == x.prev && len(c.runs) > 0 {
		c.runs[len(c.runs)-1].end = m.End
	} else {
		c.runs = append(c.runs, run{m.Off, m.End, m.Line})
	}
	x.prev = c
	c.msgs++
	from := x.person(m.From, m.FromURL)
	c.part(from) // the sender first, so "with" lists who wrote before who was copied
	for i, name := range m.To {
		url := ""
		if len(m.To) == len(m.ToURLs) {
			url = m.ToURLs[i]
		}
		c.part(x.person(name, url))
	}
	p := c.part(from)
	p.sent++
	x.people[from].sent++
	if p.firstSent.IsZero() || m.At.Before(p.firstSent) {
		p.firstSent = m.At
	}
	if !m.At.Before(p.lastSent) {
		p.lastSent = m.At
	}
	// Ties keep the row seen first as first and the row seen last as last
	// only when the dates say nothing; exports list newest first or oldest
	// first, so the dates decide.
	if c.firstFrom < 0 || m.At.Before(c.first) {
		c.first, c.firstFrom = m.At, from
	}
	if c.lastFrom < 0 || m.At.After(c.last) {
		c.last, c.lastFrom = m.At, from
	}
	if m.Title != "" {
		c.title = m.Title
	}
	if c.folder == "" || !m.At.Before(c.last) {
		c.folder = m.Folder
	}
	if m.At.After(x.latest) {
		x.latest = m.At
	}
}

// finish counts, per person, the conversations they take part in.
func (x *index) finish() {
	for _, c := range x.convs {
		for _, p := range c.parts {
			x.people[p.who].convs++
		}
	}
}

// findMe returns the person given by --me (a name or profile URL), or else
// the participant in most conversations. ok is false when --me matches no
// participant; candidates then lists the likeliest names.
func (x *index) findMe(me string) (who int32, ok bool, candidates []string) {
	order := make([]int32, len(x.people))
	for i := range order {
		order[i] = int32(i)
	}
	sort.SliceStable(order, func(a, b int) bool {
		pa, pb := x.people[order[a]], x.people[order[b]]
		if pa.convs != pb.convs {
			return pa.convs > pb.convs
		}
		if pa.sent != pb.sent {
			return pa.sent > pb.sent
		}
		return pa.name < pb.name
	})
	if me == "" {
		if len(order) == 0 {
			return -1, false, nil
		}
		return order[0], true, nil
	}
	k, u := nameKey(export.FixName(me)), urlKey(me)
	for _, i := range order {
		if nameKey(x.people[i].name) == k || (x.people[i].url != "" && urlKey(x.people[i].url) == u) {
			return i, true, nil
		}
	}
	for _, i := range order[:min(3, len(order))] {
		candidates = append(candidates, x.people[i].name)
	}
	return -1, false, candidates
}
