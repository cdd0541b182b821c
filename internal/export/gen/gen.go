// Package gen writes synthetic LinkedIn data exports: invented people and
// companies, realistic networking requests (coffee chats, referrals, sales
// pitches, schemes, mentorship, follow-ups after a no), the user's replies,
// and, when asked, the quirks real exports have (HTML content, mis-encoded
// names, system rows, drafts, multi-line fields, `;` or `,` URL lists, an
// unreadable row, conversations whose rows are not contiguous), and
// connection invitations, received and sent, with and without a note. It is
// deterministic for a seed and streams, so it can write a 100,000-message
// export for the benchmark as cheaply as the small test fixture.
package gen

import (
	"archive/zip"
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Options shape the export.
type Options struct {
	Seed     uint64
	Messages int  // stop after about this many messages
	Quirks   bool // add the format quirks listed in the package comment
	// Interleave writes the rows of a few conversations mixed together, as
	// an export that is not sorted by conversation would.
	Interleave bool
	// Invitations is how many rows Invitations.csv gets (0: one for every
	// fifth person); most are received, and most of those carry a note.
	Invitations int
	Start, End  time.Time // date range (defaults: 2025-01-01 to 2026-11-20)
}

// Stats says what was written.
type Stats struct {
	Messages, Conversations, Connections, Invitations int
	InvitationNotes                                   int // received with a note: the ones triage assesses
}

// Me is the user the generated export belongs to.
const (
	Me    = "Sam Rivera"
	MeURL = "https://www.linkedin.com/in/sam-rivera-4821"
)

var firstNames = []string{"Ana", "Ben", "Chloé", "Dev", "Elif", "Farah", "Goran", "Hana", "Ivo", "Jonas", "Kemi", "Lena",
	"Malik", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Stefan", "Tariq", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoë",
	"José", "Björn", "Amélie", "Łukasz", "Søren", "Mei", "Aditi", "Callum", "Dana", "Emeka"}
var lastNames = []string{"Okafor", "Lindqvist", "Moreau", "Patel", "Yılmaz", "Haddad", "Novak", "Sato", "Kowalski", "Brandt",
	"Adeyemi", "Fischer", "Rahman", "Ortega", "Nakamura", "Müller", "García", "Dubois", "Costa", "Ivanova", "Chen", "Walsh",
	"Bergström", "Ferreira", "Kaplan", "Mendes", "Olsen", "Quintero", "Reyes", "Schmidt"}
var companies = []string{"Northwind Labs", "Bluefin Analytics", "Copperleaf", "Driftwood Health", "Emberly", "Fieldstone Bank",
	"Greenlight Robotics", "Harbor & Co", "Ironbark Systems", "Juniper Logistics", "Kestrel AI", "Lumen Learning"}
var roles = []string{"Software Engineer", "Product Manager", "Data Scientist", "Engineering Manager", "Designer",
	"Account Executive", "Recruiter", "Founder", "Student", "Marketing Lead", "Staff Engineer", "Sales Director"}
var topics = []string{"distributed systems", "your talk on API design", "your post about hiring juniors",
	"the Go meetup last month", "your article on on-call health", "data pipelines", "career switches into tech"}

// Templates of the first message of a request, by kind. {name} is the
// user's first name, {me} the sender's, {co} a company, {topic} a topic,
// {role} a role.
var requests = map[string][]string{
	"coffee": {
		"Hi {name}, I enjoyed {topic}. Would you have 15 minutes for a quick call next week? I'm moving into platform work and would value your view.",
		"Hello {name}! We both know Dana from {co}. Could we grab a virtual coffee sometime this month? Happy to work around your schedule.",
	},
	"referral": {
		"Hi {name}, I saw {co} is hiring a {role}. Could you refer me? I've attached my resume and I think I'd be a great fit.",
		"Hey {name}, we haven't met but I'm applying to {co}. Would you be able to put in a referral for me for the {role} opening?",
	},
	"selling": {
		"Hi {name}, we help companies like {co} cut cloud costs by 30%. Do you have 20 minutes for a quick demo? Book a time here: https://calendly.com/growthcall/demo",
		"Hey {name} — our agency helps engineering teams hire faster. Pricing starts at $2k/month. Worth a quick chat this week?",
	},
	"scheme": {
		"Hi {name}! I have an exciting business opportunity — passive income, be your own boss, work from anywhere. Interested in hearing more?",
		"{name}, my crypto trading group returned 40% last quarter. Spots are limited, DM me and I'll send the investment details.",
	},
	"mentorship": {
		"Hi {name}, I'm a {role} early in my career and I really admire your path. Would you be my mentor? Even a monthly call would mean a lot.",
		"Hello {name}, could I pick your brain about {topic}? I have a few questions about getting promoted to senior.",
	},
	"recruiter": {
		"Hi {name}, I'm recruiting for a {role} role at {co} — remote, strong comp. Open to a conversation?",
	},
	"event": {
		"Hi {name}, we're hosting a panel on {topic} at {co} on the 14th. Would you like to speak? It's a 45 minute session.",
	},
	"feedback": {
		"Hi {name}, I'm building a side project around {topic}. Would you review my landing page and tell me what you think? It should take 30 minutes.",
	},
}

var replies = map[string][]string{
	"accept": {
		"Thanks {them}, happy to. How about Tuesday at 4pm?",
		"Sure, glad to help. Send me a couple of times that work for you.",
	},
	"decline": {
		"Thanks for thinking of me, {them}. Unfortunately I'm not able to take this on right now, but I wish you the best.",
		"I appreciate the note. I'll pass for now — not the right fit for me.",
	},
	"chat": {
		"Great catching up at the meetup! Let's stay in touch.",
		"Thanks again for the intro to your team, it was really helpful.",
		"Congrats on the new role! Well deserved.",
	},
	"followup": {
		"Hi {name}, just following up again on my earlier message — would love to find a time this week.",
		"Following up once more in case this got buried. Even 10 minutes would help!",
	},
}

// person is an invented contact.
type person struct {
	name, url, co, role string
	connected           time.Time // zero: not connected
}

type gen struct {
	r          *rand.Rand
	mix        *rand.Rand // only for interleaving, so the content is the same either way
	o          Options
	people     []person
	msgs       *csv.Writer
	stats      Stats
	pending    [][][]string // rows waiting to be interleaved
	convN      int
	quirkTurns int
}

// Write writes messages.csv, Connections.csv and Invitations.csv into dir.
func Write(dir string, o Options) (Stats, error) {
	if o.Start.IsZero() {
		o.Start = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if o.End.IsZero() {
		o.End = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	}
	g := &gen{r: rand.New(rand.NewPCG(o.Seed, 42)), mix: rand.New(rand.NewPCG(o.Seed, 43)), o: o}
	n := max(20, o.Messages/6)
	seen := map[string]bool{Me: true}
	for i := 0; len(g.people) < n; i++ {
		name := firstNames[g.r.IntN(len(firstNames))] + " " + lastNames[g.r.IntN(len(lastNames))]
		if seen[name] {
			name = fmt.Sprintf("%s %c.", name, 'A'+rune(i%26))
			if seen[name] {
				continue
			}
		}
		seen[name] = true
		p := person{name: name, url: fmt.Sprintf("https://www.linkedin.com/in/%s-%d", slug(name), 1000+i),
			co: companies[g.r.IntN(len(companies))], role: roles[g.r.IntN(len(roles))]}
		if g.r.IntN(3) == 0 {
			p.connected = g.date()
		}
		g.people = append(g.people, p)
	}
	f, err := os.Create(filepath.Join(dir, "messages.csv"))
	if err != nil {
		return g.stats, err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	g.msgs = csv.NewWriter(bw)
	head := []string{"CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"}
	if o.Quirks {
		head = append(head, "IS MESSAGE DRAFT")
	}
	g.msgs.Write(head)
	for g.stats.Messages < o.Messages {
		g.conversation()
	}
	g.flush(true)
	g.msgs.Flush()
	if err := g.msgs.Error(); err != nil {
		return g.stats, err
	}
	if o.Quirks {
		// One row with a stray quote: the reader must report it by line and go on.
		fmt.Fprintf(bw, "2-broken,,Ana Okafor,,%s,,2026-01-05 10:00:00 UTC,,\"she said \"hi\" here,INBOX,No\n", Me)
	}
	if err := bw.Flush(); err != nil {
		return g.stats, err
	}
	if err := g.connections(dir); err != nil {
		return g.stats, err
	}
	return g.stats, g.invitations(dir)
}

func slug(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

func (g *gen) date() time.Time {
	span := g.o.End.Sub(g.o.Start)
	return g.o.Start.Add(time.Duration(g.r.Int64N(int64(span)))).Truncate(time.Second)
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func first(name string) string { return strings.Fields(name)[0] }

func (g *gen) fill(t string, from, to person) string {
	return strings.NewReplacer("{name}", first(to.name), "{them}", first(to.name), "{me}", first(from.name),
		"{co}", from.co, "{topic}", g.pick(topics), "{role}", from.role).Replace(t)
}

// mojibake shows UTF-8 text as if it had been decoded as Latin-1.
func mojibake(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		b.WriteRune(rune(c))
	}
	return b.String()
}

type turn struct {
	fromMe bool
	text   string
	at     time.Time
}

var kinds = []string{"coffee", "referral", "selling", "scheme", "mentorship", "recruiter", "event", "feedback"}

// conversation writes one conversation of a random shape.
func (g *gen) conversation() {
	g.convN++
	them := g.people[g.r.IntN(len(g.people))]
	meP := person{name: Me, url: MeURL}
	at := g.date()
	step := func() time.Time {
		at = at.Add(time.Duration(1+g.r.IntN(72)) * time.Hour).Add(time.Duration(g.r.IntN(3600)) * time.Second)
		return at
	}
	// Turns are appended one statement at a time: Go does not order a
	// read of `at` against a step() call in the same expression.
	var turns []turn
	shape := g.r.IntN(10)
	kind := g.pick(kinds)
	ask := g.fill(g.pick(requests[kind]), them, meP)
	switch {
	case shape < 3: // unanswered request
		turns = append(turns, turn{false, ask, at})
		if g.r.IntN(3) == 0 {
			turns = append(turns, turn{false, g.fill(g.pick(replies["followup"]), them, meP), step()})
		}
	case shape < 6: // answered request
		turns = append(turns, turn{false, ask, at})
		verdict := "decline"
		if kind == "coffee" || kind == "mentorship" || kind == "event" {
			verdict = "accept"
		}
		turns = append(turns, turn{true, g.fill(g.pick(replies[verdict]), meP, them), step()})
		if verdict == "accept" && g.r.IntN(2) == 0 {
			turns = append(turns, turn{false, "Perfect, thank you! Talk then.", step()})
		}
	case shape < 7: // follow-up after the user's no
		turns = append(turns, turn{false, ask, at})
		turns = append(turns, turn{true, g.fill(g.pick(replies["decline"]), meP, them), step()})
		turns = append(turns, turn{false, g.fill(g.pick(replies["followup"]), them, meP), step()})
	case shape < 9: // the user wrote first
		turns = append(turns, turn{true, g.fill(g.pick(replies["chat"]), meP, them), at})
		turns = append(turns, turn{false, "Thanks " + first(Me) + ", likewise!", step()})
	default: // group conversation
		other := g.people[g.r.IntN(len(g.people))]
		if other.name == them.name {
			other = g.people[(g.r.IntN(len(g.people))+1)%len(g.people)]
		}
		id := g.convID()
		title := "Planning the " + g.pick([]string{"spring meetup", "alumni dinner", "hackathon"})
		for i, from := range []person{them, other, meP, them} {
			var to []person
			for _, p := range []person{them, other, meP} {
				if p.name != from.name {
					to = append(to, p)
				}
			}
			text := g.pick([]string{"Who can bring the projector?", "I can host at our office.", "Sounds good, count me in.", "Let's lock the date for the 12th."})
			g.row(id, title, from, to, step(), text, i)
		}
		g.stats.Conversations++
		g.flush(false)
		return
	}
	id := g.convID()
	// Exports list a conversation newest first.
	for i := len(turns) - 1; i >= 0; i-- {
		t := turns[i]
		from, to := them, meP
		if t.fromMe {
			from, to = meP, them
		}
		g.row(id, "", from, []person{to}, t.at, t.text, i)
	}
	if g.o.Quirks && g.convN%7 == 0 {
		// LinkedIn's own row, which is not a message.
		g.raw(id, them, meP, turns[0].at.Add(time.Minute), "Message request accepted", false)
	}
	if g.o.Quirks && g.convN%11 == 0 {
		// A draft the user never sent.
		g.raw(id, meP, them, at.Add(time.Hour), "Draft: let me think about it", true)
	}
	g.stats.Conversations++
	g.flush(false)
}

func (g *gen) convID() string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := []byte("2-")
	for i := 0; i < 38; i++ {
		b = append(b, alphabet[g.r.IntN(len(alphabet))])
	}
	return string(b)
}

// row queues one message row, adding quirks when asked.
func (g *gen) row(id, title string, from person, to []person, at time.Time, text string, i int) {
	g.stats.Messages++
	fromName := from.name
	var names, urls []string
	for _, p := range to {
		names = append(names, p.name)
		urls = append(urls, p.url)
	}
	sep := ";"
	if g.o.Quirks {
		g.quirkTurns++
		switch g.quirkTurns % 9 {
		case 1:
			text = "<p>" + strings.ReplaceAll(text, ". ", ".&nbsp;</p><p>") + "</p>"
		case 4:
			text = strings.Replace(text, ". ", ".\n\n", 1)
		case 6:
			sep = ","
		}
		if strings.ContainsAny(fromName, "éöüøłÖÉı") && g.quirkTurns%2 == 0 {
			fromName = mojibake(fromName)
		}
	}
	rec := []string{id, title, fromName, from.url, strings.Join(names, ", "), strings.Join(urls, sep),
		at.Format("2006-01-02 15:04:05 UTC"), "", text, folder(from)}
	if g.o.Quirks {
		rec = append(rec, "No")
	}
	g.queue(rec)
}

func folder(from person) string {
	if from.name == Me {
		return "SENT"
	}
	return "INBOX"
}

func (g *gen) raw(id string, from, to person, at time.Time, text string, draft bool) {
	d := "No"
	if draft {
		d = "Yes"
	}
	g.queue([]string{id, "", from.name, from.url, to.name, to.url, at.Format("2006-01-02 15:04:05 UTC"), "", text, "INBOX", d})
}

func (g *gen) queue(rec []string) {
	if len(g.pending) == 0 || !g.o.Interleave {
		g.pending = append(g.pending, nil)
	}
	last := len(g.pending) - 1
	g.pending[last] = append(g.pending[last], rec)
}

// flush writes queued conversations: in order, or, when interleaving, a few
// at a time with their rows mixed (each conversation's own order kept).
func (g *gen) flush(all bool) {
	if !g.o.Interleave {
		for _, c := range g.pending {
			for _, rec := range c {
				g.msgs.Write(rec)
			}
		}
		g.pending = g.pending[:0]
		return
	}
	if len(g.pending) < 4 && !all {
		g.pending = append(g.pending, nil)
		return
	}
	for {
		var live []int
		for i, c := range g.pending {
			if len(c) > 0 {
				live = append(live, i)
			}
		}
		if len(live) == 0 {
			break
		}
		i := live[g.mix.IntN(len(live))]
		g.msgs.Write(g.pending[i][0])
		g.pending[i] = g.pending[i][1:]
	}
	g.pending = g.pending[:0]
}

func (g *gen) connections(dir string) error {
	return writeFile(filepath.Join(dir, "Connections.csv"), func(w io.Writer) error {
		io.WriteString(w, "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address.\"\n\n")
		cw := csv.NewWriter(w)
		cw.Write([]string{"First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"})
		for _, p := range g.people {
			if p.connected.IsZero() {
				continue
			}
			f, l, _ := strings.Cut(p.name, " ")
			cw.Write([]string{f, l, p.url, "", p.co, p.role, p.connected.Format("02 Jan 2006")})
			g.stats.Connections++
		}
		cw.Flush()
		return cw.Error()
	})
}

// Notes on received invitations, as people write them in LinkedIn's 300
// characters: a plain wish to connect, a fellow alum, an ask hidden in the
// note, a pitch, a recruiter, a scheme, and a few in other languages (one
// with accents, for the mis-encoded variant).
var notes = []string{
	"Hi {name}, I came across your profile and would love to connect.",
	"Fellow {co} alum here, would love to connect!",
	"Hi {name}, I'd love to connect and pick your brain about {topic} sometime. Would you have 20 minutes for a call?",
	"Hi {name}, we help companies like {co} cut hiring costs by 40%. Let's connect and I'll show you how it works.",
	"Hi {name}, I'm recruiting for a {role} role at {co}. Open to connecting?",
	"Great meeting you at the Go meetup last week. Let's stay in touch here.",
	"Hi {name}! I'm building a team of ambitious people for a passive income opportunity. Be your own boss. Let's connect!",
	"Hola {name}, me encantó tu charla en la conferencia de Madrid. ¿Conectamos?",
	"Hallo {name}, wir haben uns auf der Konferenz in München kennengelernt. Ich würde mich freuen, in Kontakt zu bleiben.",
}

// invitations writes Invitations.csv: per ten rows, two sent by the user
// (one with a note), two received without a note and six received with one,
// from people of the export and from strangers. With quirks, notes come with
// line breaks (quoted multi-line fields), HTML, mis-encoded text, and three
// unreadable rows (a stray quote, a missing field, a date that is not one).
func (g *gen) invitations(dir string) error {
	n := g.o.Invitations
	if n == 0 {
		n = len(g.people) / 5
	}
	return writeFile(filepath.Join(dir, "Invitations.csv"), func(w io.Writer) error {
		cw := csv.NewWriter(w)
		cw.Write([]string{"From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"})
		meP := person{name: Me, url: MeURL}
		q := 0
		for i := 0; i < n; i++ {
			if g.o.Quirks && i == n/2 {
				cw.Flush()
				// Three rows the reader must report by line and skip: a stray
				// quote, a missing field, and a date that is not one.
				fmt.Fprintf(w, "Ana Okafor,%s,\"1/5/26, 10:00 AM\",\"Let's \"connect\" soon\",INCOMING,,%s\n", Me, MeURL)
				fmt.Fprintf(w, "Ben Patel,%s,\"1/6/26, 9:00 AM\",Hi!,INCOMING,\n", Me)
				fmt.Fprintf(w, "Dana Costa,%s,sometime last spring,Hello there,INCOMING,,%s\n", Me, MeURL)
			}
			p := g.people[g.r.IntN(len(g.people))]
			if i%3 != 0 {
				// A stranger who never wrote: most invitations come from them.
				name := firstNames[g.r.IntN(len(firstNames))] + " " + lastNames[g.r.IntN(len(lastNames))]
				p = person{name: name, url: fmt.Sprintf("https://www.linkedin.com/in/%s-%d", slug(name), 50000+i),
					co: companies[g.r.IntN(len(companies))], role: roles[g.r.IntN(len(roles))]}
			}
			at := g.date().Format("1/2/06, 3:04 PM")
			g.stats.Invitations++
			switch i % 10 {
			case 0, 5:
				note := ""
				if i%10 == 0 {
					note = "Great meeting you at the meetup, " + first(p.name) + "!"
				}
				cw.Write([]string{Me, p.name, at, note, "OUTGOING", MeURL, p.url})
				continue
			case 2, 7:
				cw.Write([]string{p.name, Me, at, "", "INCOMING", p.url, MeURL})
				continue
			}
			g.stats.InvitationNotes++
			note := g.fill(notes[g.r.IntN(len(notes))], p, meP)
			name := p.name
			if g.o.Quirks {
				q++
				switch q % 6 {
				case 1:
					note = strings.Replace(note, ". ", ".\n\n", 1)
				case 3:
					note = mojibake(note)
					if strings.ContainsAny(name, "éöüøłÖÉıë") {
						name = mojibake(name)
					}
				case 5:
					note = strings.Replace(strings.Replace(note, ". ", ".<br>", 1), " & ", " &amp; ", -1)
				}
			}
			cw.Write([]string{name, Me, at, note, "INCOMING", p.url, MeURL})
		}
		cw.Flush()
		return cw.Error()
	})
}

func writeFile(path string, fn func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := fn(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Zip packs the files of dir that keep accepts (all when keep is nil) into
// a zip at out with the given method (zip.Store or zip.Deflate), the way
// LinkedIn hands an export out for download.
func Zip(dir, out string, method uint16, keep func(name string) bool) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, de := range entries {
		if keep != nil && !keep(de.Name()) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, de.Name()))
		if err != nil {
			return err
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: de.Name(), Method: method})
		if err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}
