package triage

import (
	"encoding/binary"
	"hash/maphash"
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
	byURL    map[string]int32   // by urlKey
	byName   map[string][]int32 // by nameKey: everyone of that name, with or without a URL
	nameOnly map[string]int32   // by nameKey: who rows without a URL name
	alias    map[int32]int32    // a name-only person found by finish to be someone with a URL
	messages int
	dups     int
	seen     map[uint64]struct{} // hashes of the rows taken, to skip exact duplicates
	seed     maphash.Seed
	latest   time.Time
	prev     *conv
}

func newIndex() *index {
	return &index{byID: map[string]int{}, byURL: map[string]int32{}, byName: map[string][]int32{},
		nameOnly: map[string]int32{}, alias: map[int32]int32{}, seen: map[uint64]struct{}{}, seed: maphash.MakeSeed()}
}

// nameKey is how a person without a profile URL is recognised across rows
// and files: the repaired name, lower-cased, single-spaced.
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

// person returns the index of the person a row of conversation c names,
// adding them when new. A profile URL is who someone is: two "John Smith"s
// with their own URLs are two people, and one URL under two names ("Ana
// Lee", "Ana Lee-Park") is one. A row without a URL names a participant of
// c of that name, or else the one person known by that name alone; finish
// then settles who that is, once every row is in.
func (x *index) person(c *conv, name, url string) int32 {
	n := nameKey(name)
	if u := urlKey(url); u != "" {
		i, ok := x.byURL[u]
		if !ok {
			i = x.add1(name, url)
			x.byURL[u] = i
		} else if x.people[i].name == "" && n != "" {
			x.people[i].name = name
			x.byName[n] = append(x.byName[n], i)
		}
		return i
	}
	if i := c.named(x, n, false); i >= 0 {
		return i
	}
	i, ok := x.nameOnly[n]
	if !ok {
		i = x.add1(name, "")
		x.nameOnly[n] = i
	}
	return i
}

// add1 adds a person.
func (x *index) add1(name, url string) int32 {
	i := int32(len(x.people))
	x.people = append(x.people, person{name: name, url: url})
	if n := nameKey(name); n != "" {
		x.byName[n] = append(x.byName[n], i)
	}
	return i
}

// named returns the participant of c whose name has key n (with withURL,
// only one with a profile URL), or -1.
func (c *conv) named(x *index, n string, withURL bool) int32 {
	if c == nil {
		return -1
	}
	for _, p := range c.parts {
		if q := x.people[p.who]; nameKey(q.name) == n && (!withURL || q.url != "") {
			return p.who
		}
	}
	return -1
}

// lookup finds the person a row names once the index is finished, without
// adding anyone; -1 when there is none. c is the row's conversation (nil
// for a row of another file). A URL that messages.csv never shows may still
// be someone it names only by name, never a namesake with another URL.
func (x *index) lookup(c *conv, name, url string) int32 {
	n := nameKey(name)
	if u := urlKey(url); u != "" {
		if i, ok := x.byURL[u]; ok {
			return i
		}
		if i, ok := x.nameOnly[n]; ok && n != "" {
			if _, merged := x.alias[i]; !merged {
				return i
			}
		}
		return -1
	}
	if i := c.named(x, n, false); i >= 0 {
		return i
	}
	if i, ok := x.nameOnly[n]; ok {
		if j, merged := x.alias[i]; merged {
			return j
		}
		return i
	}
	if i := x.onlyWithURL(n); i >= 0 {
		return i
	}
	return -1
}

// onlyWithURL returns the one person with a profile URL whose name has key
// n, or -1 when there is none or several.
func (x *index) onlyWithURL(n string) int32 {
	only := int32(-1)
	for _, i := range x.byName[n] {
		if x.people[i].url != "" {
			if only >= 0 {
				return -1
			}
			only = i
		}
	}
	return only
}

// duplicate reports whether m repeats an earlier row of its conversation
// exactly (same sender, date, subject and content), as an export that
// lists a message twice does; it remembers m otherwise.
func (x *index) duplicate(m export.Message) bool {
	h := rowHash(x.seed, m)
	if _, ok := x.seen[h]; ok {
		return true
	}
	x.seen[h] = struct{}{}
	return false
}

// rowHash identifies a row by what duplicate compares.
func rowHash(seed maphash.Seed, m export.Message) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	for _, s := range []string{m.Conversation, m.From, urlKey(m.FromURL), m.Subject, m.Content} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	var at [8]byte
	binary.LittleEndian.PutUint64(at[:], uint64(m.At.UnixNano()))
	h.Write(at[:])
	return h.Sum64()
}

// add records one message of the first pass; it reports false for an
// exact duplicate of an earlier row, which is not counted.
func (x *index) add(m export.Message) bool {
	if x.duplicate(m) {
		x.dups++
		return false
	}
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
	from := x.person(c, m.From, m.FromURL)
	c.part(from) // the sender first, so "with" lists who wrote before who was copied
	for i, name := range m.To {
		url := ""
		if len(m.To) == len(m.ToURLs) {
			url = m.ToURLs[i]
		}
		c.part(x.person(c, name, url))
	}
	p := c.part(from)
	p.sent++
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
	return true
}

// finish settles who the rows without a profile URL name: in a
// conversation, the participant of that name who has a URL (the reply
// to "Ana Lee" is to the Ana Lee who wrote); elsewhere, the one person of
// that name with a URL, if there is exactly one. Then it counts, per
// person, the messages sent and the conversations taken part in, and lets
// go of the duplicate hashes (the second pass needs only the seed).
func (x *index) finish() {
	x.seen = nil
	for n, i := range x.nameOnly {
		if j := x.onlyWithURL(n); j >= 0 {
			x.alias[i] = j
		}
	}
	for _, c := range x.convs {
		to := map[int32]int32{}
		for _, p := range c.parts {
			if x.people[p.who].url != "" {
				continue
			}
			if j := c.named(x, nameKey(x.people[p.who].name), true); j >= 0 {
				to[p.who] = j
			} else if j, ok := x.alias[p.who]; ok {
				to[p.who] = j
			}
		}
		if len(to) > 0 {
			c.merge(to)
		}
	}
	for i := range x.people {
		x.people[i].sent = 0
	}
	for _, c := range x.convs {
		for _, p := range c.parts {
			x.people[p.who].convs++
			x.people[p.who].sent += p.sent
		}
	}
}

// merge renames participants as to says, joining two parts that become
// one person's.
func (c *conv) merge(to map[int32]int32) {
	rename := func(who int32) int32 {
		if j, ok := to[who]; ok {
			return j
		}
		return who
	}
	old := c.parts
	c.parts = make([]part, 0, len(old))
	for _, p := range old {
		p.who = rename(p.who)
		q := c.find(p.who)
		if q == nil {
			c.parts = append(c.parts, p)
			continue
		}
		q.sent += p.sent
		if !p.firstSent.IsZero() && (q.firstSent.IsZero() || p.firstSent.Before(q.firstSent)) {
			q.firstSent = p.firstSent
		}
		if p.lastSent.After(q.lastSent) {
			q.lastSent = p.lastSent
		}
	}
	c.firstFrom, c.lastFrom = rename(c.firstFrom), rename(c.lastFrom)
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
