package triage

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A hand-written export where each conversation tests one rule of rapport,
// answering and follow-ups; rows are newest first, as LinkedIn writes them,
// and c1's rows are split around c4's.
func TestRapportRules(t *testing.T) {
	dir := t.TempDir()
	h := "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
	me, meURL := "Sam Roe", "https://www.linkedin.com/in/sam"
	row := func(id, from, fromURL, to, toURL, date, text string) string {
		return id + ",," + from + "," + fromURL + ",\"" + to + "\"," + toURL + "," + date + " UTC,,\"" + text + "\",INBOX\n"
	}
	ana, anaURL := "Ana Lima", "https://www.linkedin.com/in/ana"
	ben, benURL := "Ben Ode", "https://www.linkedin.com/in/ben"
	cy := "Cy Park"
	body := h +
		// c1: Ana asks, Sam declines, Ana asks again (unanswered follow-up after a no).
		row("c1", ana, anaURL, me, meURL, "2026-03-10 09:00:00", "Following up again: could you refer me?") +
		row("c4", cy, "", me, meURL, "2026-01-02 09:00:00", "Hi Sam, could we have a coffee?") +
		row("c1", me, meURL, ana, anaURL, "2026-03-02 09:00:00", "Thanks Ana, unfortunately I can't refer people I haven't worked with.") +
		row("c1", ana, anaURL, me, meURL, "2026-03-01 09:00:00", "Hi Sam, could you refer me to your team?") +
		// c2: Sam wrote to Ana long before (an earlier conversation).
		row("c2", ana, anaURL, me, meURL, "2025-01-06 09:00:00", "Likewise!") +
		row("c2", me, meURL, ana, anaURL, "2025-01-05 09:00:00", "Great meeting you at the meetup.") +
		// c3: Ben asks; Sam answered.
		row("c3", me, meURL, ben, benURL, "2026-02-02 09:00:00", "Sure, happy to chat on Tuesday.") +
		row("c3", ben, benURL, me, meURL, "2026-02-01 09:00:00", "Hi Sam, 15 minutes for a call?") +
		// c5: a group.
		row("c5", ben, benURL, me+", "+ana, meURL+";"+anaURL, "2026-02-03 09:00:00", "Who brings snacks?")
	os.WriteFile(filepath.Join(dir, "messages.csv"), []byte(body), 0o644)
	os.WriteFile(filepath.Join(dir, "Connections.csv"), []byte("Notes:\n\"x\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"+
		"Ben,Ode,https://www.linkedin.com/in/ben/,,Acme,CTO,15 Jan 2026\nAna,Lima,https://www.linkedin.com/in/ana,,Initech,PM,01 Apr 2026\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "Invitations.csv"), []byte("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"+
		"Cy Park,Sam Roe,\"12/30/25, 9:00 AM\",Loved your talk!,INCOMING,,"+meURL+"\n"+
		// Ana, whom Sam wrote to in c2, invites with a note before c1 and is
		// a connection by now; Dee invites without a note; Sam invites Eve;
		// a row whose direction is neither.
		"Ana Lima,Sam Roe,\"2/1/26, 9:00 AM\",\"Hi Sam,\nwould love to connect!\",INCOMING,"+anaURL+","+meURL+"\n"+
		"Dee Fox,Sam Roe,\"2/2/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/dee,"+meURL+"\n"+
		"Sam Roe,Eve Ray,\"2/3/26, 9:00 AM\",Great talk today!,OUTGOING,"+meURL+",https://www.linkedin.com/in/eve\n"+
		"Fay Ng,Sam Roe,\"2/4/26, 9:00 AM\",Hello,SIDEWAYS,,"+meURL+"\n"), 0o644)

	js, _, sum, bad := triageRun(t, dir, Options{})
	if len(bad) != 1 || bad[0].File != "Invitations.csv" || bad[0].Line != 7 {
		t.Fatalf("bad rows: %v, want Invitations.csv line 7", bad)
	}
	var out struct {
		Conversations []Conversation `json:"conversations"`
	}
	if err := json.Unmarshal(js, &out); err != nil {
		t.Fatal(err)
	}
	got := map[string]Conversation{}
	var order []string
	for _, c := range out.Conversations {
		got[c.ID] = c
		order = append(order, c.ID)
	}
	if sum.Me != me || sum.Requests != 5 || sum.Unanswered != 3 || sum.Conversations != 5 || sum.FollowUpsAfterNo != 1 ||
		sum.Invitations != 4 || sum.InvitationRequests != 2 || sum.InvitationsNoNote != 1 || sum.InvitationsSent != 1 {
		t.Errorf("summary %+v", sum)
	}
	if strings.Join(order, " ") != "c1 c4 invitation-2 c5 c2 c3 invitation-3" {
		t.Errorf("order %v, want unanswered first (requests and invitations first, newest first), then answered", order)
	}
	c1, c3, c4 := got["c1"], got["c3"], got["c4"]
	invCy, invAna := got["invitation-2"], got["invitation-3"]
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"c1 is an unanswered request", c1.Kind == "request" && !c1.Answered},
		{"c1 assesses the latest ask only", c1.Text == "Following up again: could you refer me?" && c1.AskedAt == "2026-03-10T09:00:00Z"},
		{"c1 follows a no", c1.FollowUpAfterDecline},
		{"c1: Sam wrote before, first in c2", c1.Rapport.WroteBefore && c1.Rapport.FirstWroteAt == "2025-01-05T09:00:00Z" && c1.Rapport.EarlierThreads == 1},
		{"c1: connected only after the ask", !c1.Rapport.Connected},
		{"c3 answered", c3.Kind == "request" && c3.Answered && !c3.FollowUpAfterDecline},
		{"c3: connected before the ask (URL with a slash)", c3.Rapport.Connected && c3.Rapport.ConnectedSince == "2026-01-15T00:00:00Z" && !c3.Rapport.WroteBefore},
		{"c4: invitation seen", c4.Rapport.Invitation == "incoming" && !c4.Rapport.WroteBefore},
		{"c5 is a group", got["c5"].Kind == "group" && got["c5"].Verdict == "" && got["c5"].With == "Ben Ode, Ana Lima"},
		{"c2 is outbound", got["c2"].Kind == "outbound" && got["c2"].Answered == false},
		{"every request has a reply", c1.Reply != "" && c3.Reply != "" && c4.Reply != ""},
		{"Cy's note is a request of its own", invCy.Kind == "invitation" && invCy.Text == "Loved your talk!" && !invCy.Answered && invCy.Verdict != "" && invCy.Reply != "" && invCy.With == "Cy Park"},
		{"Cy's note: no rapport", invCy.Rapport.Invitation == "incoming" && !invCy.Rapport.WroteBefore && !invCy.Rapport.Connected && invCy.AskedAt == "2025-12-30T09:00:00Z"},
		{"Ana's note keeps its line break", invAna.Text == "Hi Sam,\nwould love to connect!" && invAna.WithURL == anaURL},
		{"Ana accepted since, connected only after the note", invAna.Answered && !invAna.Rapport.Connected},
		{"Ana: Sam wrote to her in c2", invAna.Rapport.WroteBefore && invAna.Rapport.FirstWroteAt == "2025-01-05T09:00:00Z" && invAna.Rapport.EarlierThreads == 1},
	} {
		if !tc.ok {
			t.Errorf("%s: c1 %+v\nc3 %+v\nc4 %+v\ncy %+v\nana %+v", tc.name, c1, c3, c4, invCy, invAna)
		}
	}
}

func TestDeclines(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Unfortunately I can’t take this on.", true},
		{"I'll pass for now, thanks.", true},
		{"No thanks!", true},
		{"Sure, happy to help!", false},
		{"Let's talk Tuesday.", false},
	} {
		if got := declines(tc.text); got != tc.want {
			t.Errorf("declines(%q) = %v", tc.text, got)
		}
	}
}

func TestURLKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://www.linkedin.com/in/Ana/", "linkedin.com/in/ana"},
		{"http://linkedin.com/in/ana?trk=x", "linkedin.com/in/ana"},
		{" linkedin.com/in/ana#top ", "linkedin.com/in/ana"},
		{"", ""},
	} {
		if got := urlKey(tc.in); got != tc.want {
			t.Errorf("urlKey(%q) = %q", tc.in, got)
		}
	}
}

// People are who their profile URL says: two "John Smith"s are two people,
// "Ana Lee" and "Ana Lee-Park" under one URL are one, and a name alone
// matches only where a URL is missing. Each row of the table is a fact of
// the output that the name-keyed index got wrong.
func TestIdentityByURL(t *testing.T) {
	dir := t.TempDir()
	h := "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
	in := func(s string) string { return "https://www.linkedin.com/in/" + s }
	row := func(id, from, fromURL, to, toURL, date, text string) string {
		return id + ",," + from + "," + fromURL + "," + to + "," + toURL + "," + date + " UTC,,\"" + text + "\",INBOX\n"
	}
	me := "Sam Rivera"
	body := h +
		// c1: Sam and one John Smith know each other.
		row("c1", me, in("sam"), "John Smith", in("john-a"), "2025-01-01 10:00:00", "Great catching up at the conference, John.") +
		row("c1", "John Smith", in("john-a"), me, in("sam"), "2025-01-02 10:00:00", "Thanks Sam, great to see you!") +
		// c2: another John Smith, a stranger, asks.
		row("c2", "John Smith", in("john-b"), me, in("sam"), "2025-06-01 10:00:00", "Hi Sam, could you refer me for the data role?") +
		// c3: one URL under two names, Sam declining in between: one person.
		row("c3", "Ana Lee", in("ana"), me, in("sam"), "2025-06-03 10:00:00", "Hi Sam, could you refer me for the open role?") +
		row("c3", me, in("sam"), "Ana Lee-Park", in("ana"), "2025-06-04 10:00:00", "Sorry, I'm not able to help with this.") +
		row("c3", "Ana Lee-Park", in("ana"), me, in("sam"), "2025-06-05 10:00:00", "Just following up: could you refer me?") +
		// c4: Sam's reply names Bo without a URL: still Bo, still one to one.
		row("c4", "Bo Chen", in("bo"), me, in("sam"), "2025-06-06 10:00:00", "Hi Sam, 15 minutes for a call?") +
		row("c4", me, in("sam"), "Bo Chen", "", "2025-06-07 10:00:00", "Sure, Tuesday works.") +
		// c5: Sam talks to a third person, so that Sam is the most frequent.
		row("c5", me, in("sam"), "Pal", in("pal"), "2025-01-01 09:00:00", "Hello") +
		// c7 and c6: a Dee Fox asks; another, in c6, asks too and Sam's reply
		// names her without a URL before her own row comes: still her.
		row("c7", "Dee Fox", in("dee-2"), me, in("sam"), "2025-06-08 09:00:00", "Hi Sam, any openings on your team?") +
		row("c6", me, in("sam"), "Dee Fox", "", "2025-06-09 10:00:00", "Sure, Thursday at 3?") +
		row("c6", "Dee Fox", in("dee-1"), me, in("sam"), "2025-06-08 10:00:00", "Hi Sam, could we meet for a coffee?") +
		// c8 and c9: Sam wrote to Eve without a URL; the one Eve Ray with a
		// URL, who asks later, is her.
		row("c8", me, in("sam"), "Eve Ray", "", "2025-02-01 10:00:00", "Nice to meet you at the meetup, Eve.") +
		row("c9", "Eve Ray", in("eve"), me, in("sam"), "2025-06-10 10:00:00", "Hi Sam, could you review my CV?")
	os.WriteFile(filepath.Join(dir, "messages.csv"), []byte(body), 0o644)
	// The connection is the stranger's namesake, by URL; the date of one
	// cannot be read (kept, undated).
	os.WriteFile(filepath.Join(dir, "Connections.csv"), []byte("Notes:\n\"x\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"+
		"John,Smith,"+in("john-a")+",,Acme,Engineer,01 Jan 2024\nBo,Chen,"+in("bo")+",,Initech,PM,15 juil. 2020\n"), 0o644)
	// The first John Smith invites with a note; someone of the same name
	// with another URL would not be him.
	os.WriteFile(filepath.Join(dir, "Invitations.csv"), []byte("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"+
		"John Smith,Sam Rivera,\"7/1/25, 9:00 AM\",Would love to connect and talk data roles!,INCOMING,"+in("john-c")+","+in("sam")+"\n"), 0o644)

	js, _, sum, bad := triageRun(t, dir, Options{})
	var out struct {
		Conversations []Conversation `json:"conversations"`
	}
	if err := json.Unmarshal(js, &out); err != nil {
		t.Fatal(err)
	}
	got := map[string]Conversation{}
	for _, c := range out.Conversations {
		got[c.ID] = c
	}
	c2, c3, c4, inv := got["c2"], got["c3"], got["c4"], got["invitation-2"]
	c6, c7, c9 := got["c6"], got["c7"], got["c9"]
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"me", sum.Me == me},
		{"the stranger is a request of his own", c2.Kind == "request" && c2.With == "John Smith" && c2.WithURL == in("john-b")},
		{"the stranger has no rapport", c2.Rapport != nil && !c2.Rapport.WroteBefore && !c2.Rapport.Connected && c2.Rapport.EarlierThreads == 0},
		{"one URL, two names: one to one, assessed", c3.Kind == "request" && c3.Verdict != "" && c3.Messages == 3},
		{"one URL, two names: a follow-up after a no", c3.FollowUpAfterDecline && c3.Rapport != nil && c3.Rapport.WroteBefore},
		{"a reply without a URL stays one to one", c4.Kind == "request" && c4.Answered},
		{"an undated connection is a connection", c4.Rapport != nil && c4.Rapport.Connected && c4.Rapport.ConnectedSince == ""},
		{"the invitation's John Smith is neither of the others", inv.Kind == "invitation" && !inv.Answered && inv.Rapport != nil &&
			!inv.Rapport.Connected && !inv.Rapport.WroteBefore && inv.Rapport.EarlierThreads == 0},
		{"a reply without a URL is to the Dee Fox who wrote, whatever the order", c6.Kind == "request" && c6.Answered && c6.WithURL == in("dee-1") &&
			c7.Kind == "request" && !c7.Answered && c7.WithURL == in("dee-2")},
		{"a name without a URL is the one person of that name", c9.Rapport != nil && c9.Rapport.WroteBefore && c9.Rapport.EarlierThreads == 1},
		{"the undated connection is a warning, not a row lost", sum.Connections == 2 && sum.MalformedRows == 0 && len(bad) == 1 && bad[0].Kept},
	} {
		if !tc.ok {
			t.Errorf("%s: summary %+v\nc2 %+v\nc3 %+v\nc4 %+v\nc6 %+v\nc7 %+v\nc9 %+v\ninvitation %+v\nbad %v", tc.name, sum, c2, c3, c4, c6, c7, c9, inv, bad)
		}
	}
}

// A row that repeats an earlier row of its conversation exactly is skipped
// (and counted as such), in the count and in the text assessed.
func TestDuplicateRows(t *testing.T) {
	dir := t.TempDir()
	h := "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
	ask := "c2,,Bo Chen,https://www.linkedin.com/in/bo,Sam Rivera,https://www.linkedin.com/in/sam,2025-06-03 10:00:00 UTC,,\"Hi Sam, could we do a 30 minute call next week?\",INBOX\n"
	body := h + "c1,,Sam Rivera,https://www.linkedin.com/in/sam,Pal,https://www.linkedin.com/in/pal,2025-01-01 10:00:00 UTC,,Hello,SENT\n" +
		ask + ask +
		// The same words at another time, or in another conversation, are
		// messages of their own.
		strings.Replace(ask, "10:00:00", "11:00:00", 1) + strings.Replace(ask, "c2,", "c3,", 1)
	os.WriteFile(filepath.Join(dir, "messages.csv"), []byte(body), 0o644)
	js, _, sum, _ := triageRun(t, dir, Options{})
	var out struct {
		Conversations []Conversation `json:"conversations"`
	}
	if err := json.Unmarshal(js, &out); err != nil {
		t.Fatal(err)
	}
	var c2 Conversation
	for _, c := range out.Conversations {
		if c.ID == "c2" {
			c2 = c
		}
	}
	const text = "Hi Sam, could we do a 30 minute call next week?"
	if sum.Messages != 4 || sum.SkippedRows != 1 || sum.DuplicateRows != 1 || c2.Messages != 2 || c2.Text != text+"\n\n"+text {
		t.Errorf("summary %+v\nc2 %+v", sum, c2)
	}
}
