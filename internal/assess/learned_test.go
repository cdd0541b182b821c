package assess

import (
	"math"
	"slices"
	"testing"

	"politely/internal/learn"
	"politely/internal/model"
	"politely/internal/rules"
	"politely/internal/text"
)

// A rule that fires is a feature the model weighs, beside the words.
func TestRuleFeature(t *testing.T) {
	p := pack(t)
	ex := Explain(p, model.Request{Text: "We help companies like yours cut their cloud bill by 30%. Open to a quick demo?"}, 50)
	for _, e := range ex {
		if e.ID != "selling" {
			continue
		}
		if !e.Holds {
			t.Fatalf("selling does not hold: %+v", e)
		}
		var names []string
		for _, c := range e.Top {
			names = append(names, c.Feature)
		}
		if !slices.Contains(names, "r:selling.we-help") || !slices.ContainsFunc(names, func(n string) bool { return n[0] == 'w' }) {
			t.Errorf("selling's contributions lack the rule or a word: %v", names)
		}
		return
	}
	t.Fatal("selling not explained")
}

// Of contributions of equal weight, the words come in the order of their
// names, whatever numbers training gave them (the commonest first).
func TestExplainTies(t *testing.T) {
	p := pack(t)
	msg := "Hi Anna, I hope you are well! I saw your post on hiring and wanted to ask if you could refer me for the data role at your company. I would be happy to share my resume, and we could have a quick call next week if you have time."
	ties := 0
	for _, e := range Explain(p, model.Request{Text: msg}, 1000) {
		for i := 1; i < len(e.Top); i++ {
			x, y := e.Top[i-1], e.Top[i]
			if math.Abs(x.Weight) != math.Abs(y.Weight) || x.Feature[0] == 'r' || y.Feature[0] == 'r' {
				continue
			}
			ties++
			if x.Feature > y.Feature {
				t.Errorf("%s: %q before %q, of the same weight %v", e.ID, x.Feature, y.Feature, x.Weight)
			}
		}
	}
	if ties < 20 {
		t.Fatalf("only %d ties of words: the test needs more", ties)
	}
}

// The sender's headline moves the score by its stated weight, and a
// headline alone, with nothing in the text behind it, makes no finding.
func TestHeadline(t *testing.T) {
	p := pack(t)
	text := "Hello, I am with a testing-services firm that supports manufacturers across Europe. If there is anything we can do for your team, we would be glad to be of service."
	score := func(r model.Request) float64 {
		for _, s := range Assess(p, r).Scores.List() {
			if s.ID == "selling" {
				return s.Score
			}
		}
		t.Fatal("no selling score")
		return 0
	}
	plain := score(model.Request{Text: text})
	sales := score(model.Request{Text: text, Sender: model.Sender{Name: "Jo", Headline: "Key Account Manager at TestLab GmbH"}})
	other := score(model.Request{Text: text, Sender: model.Sender{Name: "Jo", Headline: "Staff Engineer at TestLab GmbH"}})
	if !(sales > plain) || other != plain {
		t.Errorf("selling score: plain %.3f, sales headline %.3f, engineer headline %.3f", plain, sales, other)
	}
	hi := Assess(p, model.Request{Text: "Hi Dana, nice to meet you.", Sender: model.Sender{Headline: "Head of Sales | Business Development | SDR leader"}})
	if hi.Has("selling") {
		t.Errorf("a sales headline alone made a selling finding: %+v", hi.Flags)
	}
}

// Every learned finding points at text, and its score is its probability.
func TestLearnedFindings(t *testing.T) {
	p := pack(t)
	for _, msg := range samples(t) {
		res := Assess(p, model.Request{Text: msg})
		for _, f := range append(res.Flags, res.Signals...) {
			if len(f.Evidence) == 0 || !(f.Score > 0 && f.Score <= 1) {
				t.Errorf("%s: score %v with %d spans in %.60q", f.ID, f.Score, len(f.Evidence), msg)
			}
		}
		if res.Scores.Len() == 0 {
			t.Fatal("no scores")
		}
	}
}

// The kinds of message the rules alone used to miss or flag wrongly (the
// learned-judgment issue's list), written for this test: flags that must
// hold, and flags that must not.
func TestTypicalCases(t *testing.T) {
	p := pack(t)
	for _, c := range []struct {
		text      string
		want, not []string
	}{
		{"gm! early whitelist spots for our presale are almost gone, first bags already did 40x. want me to save you an allocation before TGE?", []string{"reputation"}, nil},
		{"Hi Laura! I'm looking for 3 ambitious people who want to earn more from their phone in just a few hours a week. No experience needed, I'll show you everything. Interested?", []string{"reputation"}, nil},
		{"Hi Tom, we've helped other VPs of Engineering like you cut their cloud bill by 30% this month alone. Open to a quick call to see if it makes sense?", []string{"selling"}, nil},
		{"Hello Dr. Patel, I'm with an expert network. One of our clients would pay $400 per hour for a short call about your company's supply chain plans. Could we set it up this week?", []string{"reputation"}, nil},
		{"Hi Sarah, I'm your team's next backend engineer. I've shipped Go services at scale and I'd love a chance to interview. My CV is attached.", []string{"premature_ask"}, []string{"selling"}},
		{"Hola Marta, gana dinero desde casa con solo tu celular, sin experiencia. Escríbeme por WhatsApp y te explico cómo empezar hoy mismo.", []string{"reputation"}, nil},
		{"你好，我们有一个稳赚不赔的投资项目，月入过万，加我微信详细聊。", []string{"reputation"}, nil},
		{"Hey Sam, it's Priya from our Stanford cohort! I saw your team is hiring a PM. Would you be open to referring me? Happy to send my resume.", nil, []string{"premature_ask", "selling"}},
		{"Hi Alex, I'd love to connect and follow your work.", nil, []string{"selling", "reputation", "premature_ask"}},
		// A soft vendor introduction, and a friend's offer of help in like words.
		{"Hi Sam, I'm with Veritest Labs. We run compliance and penetration testing for fintech teams, and I'd be glad to be of service whenever you need an extra pair of hands.", []string{"selling"}, nil},
		{"Hi Sam, great catching up at the conference last week! If you ever need a second pair of eyes on your talk, I'm happy to help.", nil, []string{"selling"}},
	} {
		res := Assess(p, model.Request{Text: c.text})
		for _, id := range c.want {
			if !res.Has(id) {
				t.Errorf("%.50q: no %s (flags %v)", c.text, id, ids(res.Flags))
			}
		}
		for _, id := range c.not {
			if res.Has(id) {
				t.Errorf("%.50q: %s, wrongly", c.text, id)
			}
		}
	}
}

// A user's own phrase still counts with the model: its stated weight adds
// RuleGain log-odds per unit, and a full weight holds the label.
func TestUserPhrase(t *testing.T) {
	base := pack(t)
	q, err := rules.Compile("team.json", []byte(`{"phrases": [{"id": "team.vendor", "label": "selling", "weight": 0.5, "negatable": false,
		"message": "Our usual vendor pitch.", "phrases": ["synergy stack"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	p, err := base.Merge(q)
	if err != nil {
		t.Fatal(err)
	}
	msg := "Hi Dana, the synergy stack is what everyone is talking about this year."
	score := func(p *rules.Pack) float64 {
		for _, s := range Assess(p, model.Request{Text: msg}).Scores.List() {
			if s.ID == "selling" {
				return s.Score
			}
		}
		return -1
	}
	z := func(x float64) float64 { return math.Log(x / (1 - x)) }
	if d := z(score(p)) - z(score(base)); math.Abs(d-0.5*p.Model().RuleGain) > 0.05 {
		t.Errorf("a user phrase of weight 0.5 moved selling's log-odds by %.3f, want %.3f", d, 0.5*p.Model().RuleGain)
	}
	// Explain names it, with what it added.
	for _, e := range Explain(p, model.Request{Text: msg}, 50) {
		if e.ID == "selling" && !slices.Contains(e.Top, Contribution{"r:team.vendor (stated)", 0.5 * p.Model().RuleGain, ""}) {
			t.Errorf("selling's explanation lacks the user's phrase: %+v", e.Top)
		}
	}
}

// A user's vocabulary ("each") adds its stated weight for every distinct
// word it counts, up to its maximum, as the rules' own score does, and
// Explain says so: once per rule would make a vocabulary of three words
// weigh as one.
func TestUserVocabulary(t *testing.T) {
	base := pack(t)
	q, err := rules.Compile("team.json", []byte(`{"phrases": [{"id": "team.words", "label": "selling", "each": true, "weight": 0.5, "max": 1, "negatable": false,
		"message": "Our vendors' words.", "phrases": ["alpha", "bravo", "charlie"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	p, err := base.Merge(q)
	if err != nil {
		t.Fatal(err)
	}
	z := func(p *rules.Pack, msg string) float64 {
		for _, s := range Assess(p, model.Request{Text: msg}).Scores.List() {
			if s.ID == "selling" {
				return math.Log(s.Score / (1 - s.Score))
			}
		}
		return math.NaN()
	}
	gain := p.Model().RuleGain
	for _, c := range []struct {
		msg  string
		want float64 // units of stated weight
	}{
		{"Hi Dana, alpha is what everyone is talking about this year.", 0.5},
		{"Hi Dana, alpha and alpha again is what everyone is talking about.", 0.5},
		{"Hi Dana, alpha and bravo is what everyone is talking about.", 1},
		{"Hi Dana, alpha, bravo and charlie is what everyone is talking about.", 1}, // the maximum
	} {
		if d := z(p, c.msg) - z(base, c.msg); math.Abs(d-c.want*gain) > 0.05 {
			t.Errorf("%q: the vocabulary moved selling's log-odds by %.3f, want %.3f", c.msg, d, c.want*gain)
		}
		found := false
		for _, e := range Explain(p, model.Request{Text: c.msg}, 50) {
			if e.ID == "selling" && slices.Contains(e.Top, Contribution{"r:team.words (stated)", c.want * gain, ""}) {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: selling's explanation lacks the vocabulary at %.3f", c.msg, c.want*gain)
		}
	}
}

// TestLexiconNumbers: the model scores a text the same to the bit whether
// the scan's word numbers are given (as Assess does) or the model looks
// every word up itself. FuzzAssess checks the same on any text.
func TestLexiconNumbers(t *testing.T) {
	p := pack(t)
	for _, msg := range append(samples(t), "Entschuldigungsschreiben, multinational-collaboration 15分钟 #1 ﬁnance ΣΊΣΥΦΟΣ") {
		sameScores(t, p, msg)
	}
}

// sameScores fails when the pack's model scores msg differently with the
// scan's word numbers than without them.
func sameScores(t testing.TB, p *rules.Pack, msg string) {
	t.Helper()
	m := p.Model()
	f := text.Fold(msg)
	var sc rules.Scanner
	sc.Scan(p, f)
	lex := sc.Lexicon(p, nil)
	if len(lex) != len(f.List()) {
		t.Fatalf("%d numbers for %d words", len(lex), len(f.List()))
	}
	var a, b learn.Scorer
	m.Start(&a)
	m.Text(&a, msg, f, lex, nil)
	m.Start(&b)
	m.Text(&b, msg, f, nil, nil)
	for l := range m.Labels {
		if a.LogOdds(l) != b.LogOdds(l) {
			t.Fatalf("%q: %s %v with the scan's numbers, %v without", msg, m.Labels[l].ID, a.LogOdds(l), b.LogOdds(l))
		}
	}
}

// The message's negations stay the model's answer while the scanner reads
// another text (the headline): the scanner keeps only the last text's.
func TestNegationsKept(t *testing.T) {
	p := pack(t)
	a := newJudge(p)
	a.reset(model.Request{Text: "We are not looking to sell you anything, just to connect.", Sender: model.Sender{Headline: "Founder"}})
	a.scanMessage()
	var before []bool
	for k := range a.f.List() {
		before = append(before, a.not.Has(k))
	}
	if !slices.Contains(before, true) {
		t.Fatal("no word of the message is negated")
	}
	a.g.Refold("Sales lead, not an engineer")
	a.sc.Scan(p, &a.g)
	for k, want := range before {
		if got := a.not.Has(k); got != want {
			t.Errorf("word %d: negated %v after another scan, %v before", k, got, want)
		}
	}
}

// The evidence of an ask or a cue, built only when a finding or a reason
// borrows it (settle), is what ranking every label that holds at once
// builds.
func TestSettle(t *testing.T) {
	p := pack(t)
	msgs := append(samples(t), written(t)...)
	settled := 0
	lazy, eager := newJudge(p), newJudge(p) // reused, as Assess reuses a judge
	for _, msg := range msgs {
		r := model.Request{Text: msg}
		for _, a := range []*judge{lazy, eager} {
			a.reset(r)
			a.scanMessage()
			a.learned()
		}
		on := make([]bool, len(eager.mdl.Labels))
		for k, l := range eager.mdl.Labels {
			on[k] = eager.on(l.At)
		}
		eager.mdl.Rank(&eager.ms, on)
		for k, l := range eager.mdl.Labels {
			if !lazy.later[k] {
				continue
			}
			settled++
			lazy.settle(l.At)
			eager.learnedEvidence(k, l.At)
			if !slices.Equal(lazy.hits[l.At], eager.hits[l.At]) {
				t.Fatalf("%q: %s: evidence %v when settled, %v when ranked with the rest", msg, l.ID, lazy.hits[l.At], eager.hits[l.At])
			}
		}
	}
	if settled < 100 {
		t.Fatalf("only %d asks or cues settled in %d messages", settled, len(msgs))
	}
}

// The red flags and signals of everyday English requests, written for this
// test beside the harder TestTypicalCases: each message shows the one named,
// and the last three, in like words, show none of the flags.
func TestFindingsInEnglish(t *testing.T) {
	p := pack(t)
	for _, c := range []struct{ want, text string }{
		{"selling", "Hi Dana, I run a small bookkeeping firm for agencies. We could take the month-end close off your plate. Open to a quick chat?"},
		{"selling", "Hey Dana, we just launched an AI note-taker for sales calls. Happy to give your team free access for a month."},
		{"selling", "Hi Dana, our clients typically see a 3x return on ad spend within 90 days. Worth a conversation?"},
		{"selling", "Dana, I noticed your team is hiring SDRs. We provide pre-trained SDRs on a monthly contract."},
		{"selling", "Hi Dana, I'm reaching out because we partner with fintechs to handle KYC compliance end to end."},
		{"reputation", "Hi, I have a guaranteed way to double your crypto in 30 days. DM me on Telegram."},
		{"reputation", "Hello dear, I am a US army doctor on mission and I would like to know you better. Please reply to my private email."},
		{"reputation", "Congratulations! You have been selected for a remote data entry job paying $45/hour. Please pay the $80 equipment fee to start."},
		{"reputation", "Hi, would you write a 5-star review of our product on G2? We'll send you a $50 gift card."},
		{"reputation", "We are looking for account holders to receive payments on behalf of our company. You keep 10%."},
		{"premature_ask", "Hi Dana, I'm a recent graduate and I'd love it if you could refer me to your company's open PM role."},
		{"premature_ask", "Hi Dana, we haven't met, but could you introduce me to your VP of Engineering?"},
		{"premature_ask", "Hi Dana, can I pick your brain for 30 minutes about breaking into product management?"},
		{"premature_ask", "Hi Dana, I applied to the Data Scientist role at your company. Could you put in a good word for me?"},
		{"premature_ask", "Hi Dana, would you be my mentor? I really admire your career."},
		{"personalized", "Hi Dana, your post about onboarding junior engineers really resonated with me."},
		{"mutual_connection", "Hi Dana, Priya Shah suggested I reach out to you."},
		{"prior_relationship", "Hi Dana, great running into you at the airport last week! It's been ages since Acme."},
		{"follow_up", "Hi Dana, just bumping this to the top of your inbox in case it got buried."},
		{"reciprocity", "Hi Dana, happy to return the favour, I know a lot of people in the climate tech space."},
		{"", "Hi Dana, I managed our data platform migration end to end at Stripe and would love to hear about your team."},
		{"", "Hi Dana, we meet on a monthly basis in Berlin, would you like to join our meetup?"},
		{"", "Hi Dana, you can use your account to sign up for the event."},
		// A lure worded as a lifestyle, a cold applicant who names
		// themselves the next hire; like words that are neither.
		{"reputation", "What if your phone could pay your rent? I make an extra $3k a month in 5 hours a week, and I'm looking for 3 driven people to mentor."},
		{"reputation", "Not a job, a movement. Moms like us are replacing their income from home in our wellness community. Can I send you a quick video?"},
		{"premature_ask", "Hi Dana, I'm going to be your team's next backend engineer. I've already read your codebase and I have ideas. When can we talk?"},
		{"", "Hi Dana, we're looking for 3 motivated people to join our hackathon team this weekend. Interested?"},
		{"", "Hi Dana, excited to see who your team's next engineer will be, the job post looked great!"},
		// Crypto slang and a lure in a life story (2026-12-07); a listing,
		// a moon and a business phone that are neither.
		{"reputation", "gm ser, team is doxxed and LP locked. First 200 wallets get in at seed price, 15x is conservative. In before the CEX listing?"},
		{"reputation", "This coin is about to send, mcap still under 2M. Not financial advice, but I aped in. DM me for the contract address."},
		{"reputation", "Mum of three here! I built a six figure business from my phone and I'm looking for 4 driven women to mentor this month."},
		{"", "Hi Dana, congrats on the stock exchange listing, and on the team being over the moon about it!"},
		{"", "Hi Dana, I run a small bakery and take orders from my phone; loved your talk on local supply chains."},
		// A romance lure, a fake recruiter, a vanity list, a yield, a
		// payment mule; pitches and favours as people word them; a
		// genuine offshore engineer and free community asks.
		{"reputation", "Hello, I came across your profile and I must say you have a lovely smile. I'm a widowed engineer working offshore. Can we talk on Hangouts?"},
		{"reputation", "Hi, our HR team reviewed your profile and we'd like to offer you a remote product tester role paying $850 a week. Please contact our hiring manager on Telegram to start."},
		{"reputation", "Congratulations! You've been chosen for our exclusive 2027 Top 100 Leaders list. To secure your feature, a small publication fee of $499 applies."},
		{"reputation", "Hi Raj, I'm putting together a list of top 50 CTOs in fintech and you're on it! We just need a small fee of $299 to cover the feature."},
		{"", "Hi Raj, we'll cover the feature launch in our newsletter, and I'd love to interview you for the feature we're writing."},
		{"reputation", "Hi, I'm a portfolio manager at a private fund. We guarantee 8% monthly returns on USDT staking. Minimum entry is $1,000."},
		{"reputation", "Hello, we need a local representative to receive payments from our clients in your country and forward them. You'll earn 10% of each transfer."},
		{"selling", "Hi Dana, most heads of growth I talk to are drowning in spreadsheets. We built a dashboard that fixes that in a day. Worth a look?"},
		{"selling", "Hi Dana, quick question: are you the right person to talk to about your company's cybersecurity training?"},
		{"selling", "Hi Dana, I help B2B founders get 5-10 booked calls a month through LinkedIn outreach, done for you. Want me to send a case study?"},
		{"selling", "Hi Dana, I noticed your site loads slowly on mobile. My agency can fix that in a week. Shall I send over a quote?"},
		{"selling", "Hi Dana, we're offering a free pilot of our AI recruiting assistant to 10 companies this month. Want one of the spots?"},
		{"", "Hi Dana, I'm organizing a free community meetup on data engineering next month. Would you like to join us as a guest?"},
		{"", "Hi Dana, our nonprofit runs free coding classes for teens; would you be open to volunteering as a mentor one evening?"},
		{"premature_ask", "Hi Dana, would you be open to a 15-minute chat about breaking into UX research? I'm just getting started."},
		{"premature_ask", "Hi Dana, could you take a quick look at my portfolio and tell me what you think?"},
		{"premature_ask", "Hi Dana, do you know anyone hiring for junior data roles? I'd be grateful for any leads."},
		{"premature_ask", "Hi Dana, could you connect me with someone on your recruiting team?"},
		{"premature_ask", "Hi Dana, I'd love to hear how you made the jump from consulting to product. Could we hop on a call?"},
		{"premature_ask", "Hi Dana, I'm applying to the analyst role at your company. Any chance you could flag my application to the hiring manager?"},
		{"premature_ask", "Hi Dana, I'm a career switcher. Would you mind reviewing my resume before I apply?"},
		{"premature_ask", "Hi Dana, could you endorse me for Python? I'd return the favor."},
		{"", "Hi Dana, great meeting you at re:Invent! Would love to grab coffee when you're next in Seattle."},
		{"", "Hi Dana, Jordan Lee suggested I reach out about your work on carbon accounting. Would you have 20 minutes next week?"},
		{"", "Hi Dana, we overlapped at Google on the Maps team years ago. Would love to catch up on what you're building now."},
		{"", "Hi Dana, thanks again for the advice last month. Quick follow-up question: which course did you recommend?"},
		{"", "Hi Dana, loved your post on writing design docs. One question: do you share them before or after the kickoff?"},
		{"premature_ask", "Hi Dana, I'm working offshore on a rig in the North Sea and looking to move onshore next year. Any advice on data roles in energy?"},
		// Sales email habits: closing the loop, "did it resonate", a
		// staffing hotlist, a partner for business owners; then the same
		// words from a peer.
		{"selling", "Hi Dana, just closing the loop here since I haven't heard back. If payroll automation ever comes back on your radar, I'm around."},
		{"selling", "Hi Dana, did any of what I shared about usage-based billing resonate? Happy to walk you through it."},
		{"selling", "Hi Dana, we've been helping fintech teams automate their SOC 2 evidence collection. Is that a priority for you this quarter?"},
		{"selling", "Hi Dana, how are you currently handling after-hours support tickets? We built something for exactly that."},
		{"selling", "Hi Dana, please find our hotlist of available consultants: Java developer, 10 years, available immediately. Let me know if any fit your requirements."},
		{"selling", "Hi Dana, we have a team of experienced copywriters who can produce SEO blog posts for your website every week."},
		{"selling", "Hi Dana, I provide affordable web and mobile app development services. Let me know if you have any project I can help with."},
		{"selling", "Hi Dana, I'm looking for business owners who need a reliable tech partner to build their MVP."},
		{"", "Hi Dana, I wanted to close the loop on our chat at the meetup: here's the paper I mentioned. Great talking with you!"},
		{"", "Hi Dana, your talk on incident reviews really resonated with me. Thanks for sharing it."},
		{"", "Hi Dana, I'm looking for business owners to interview for my master's thesis on small-business lending. Would you have 20 minutes?"},
		{"", "Hi Dana, we have a team of volunteers who run the local Python meetup, and we'd love for you to speak in March."},
		// An expert call paid by the hour, a staffing firm's guarantee, a
		// vendor testing whether its product solves a real problem; and a
		// peer who works in the same space and asks nothing (a trap).
		{"reputation", "Hi Dana, I'm with a firm that connects investors with industry professionals. A client would value your view on your employer's supplier contracts; the call is compensated at $400/hr."},
		{"selling", "Hello Dana, we provide end-to-end recruitment for sales roles with a 90-day replacement guarantee. Could we discuss how we could support your hiring plans?"},
		{"selling", "Hi Dana, we've been building something in that space and I'd love to hear whether it solves a real problem for your team. 15 minutes next week?"},
		{"", "Hi Dana, I'm also building something in that space, for hospitals rather than clinics. Good luck with the launch!"},
		{"mutual_connection", "Hi Dana, we both spent time at Allegro, though you'd left by the time I joined the payments team."},
		{"reputation", "Hi Dana, we need a part-time local representative to receive client payments into their own account and forward them to our suppliers."},
		{"reputation", "Dear Dana, you are shortlisted for the Toronto role. To proceed with the work permit processing, candidates cover a small fee."},
		{"selling", "Dr. Dana, a lot of the consultants I speak with describe the same thing: worn down by management. I now coach senior clinicians."},
		{"", "Hi Dana, I volunteer as organiser for a free monthly meetup of structural engineers. Your case study would make a brilliant talk."},
	} {
		findings(t, p, c.want, c.text)
	}
}

// findings checks that text shows the flag or signal want, or no red flag
// when want is "".
func findings(t *testing.T, p *rules.Pack, want, text string) {
	t.Helper()
	res := Assess(p, model.Request{Text: text})
	switch {
	case want == "" && len(res.Flags) > 0:
		t.Errorf("%q: flags %v, want none", text, ids(res.Flags))
	case want != "" && !res.Has(want):
		t.Errorf("%q: flags %v, signals %v, want %s", text, ids(res.Flags), ids(res.Signals), want)
	}
}

// A lone currency or percent sign among a finding's words is highlighted
// with the amount it stands by; anything else stays as it is.
func TestWithNumber(t *testing.T) {
	p := pack(t)
	a := newJudge(p)
	for _, c := range []struct{ text, sign, want string }{
		{"Invest just $500 today", "$", "$500"},
		{"Pricing starts at $2k/month", "$", "$2k"},
		{"Only $ 40 a seat", "$", "$ 40"},
		{"Costs 500 € a year", "€", "500 €"},
		{"Costs 500€", "€", "500€"},
		{"£1,200.50 upfront", "£", "£1,200.50"},
		{"returns of 20% weekly", "%", "20%"},
		{"a 15min call for $99", "$", "$99"},
		{"$25/hr", "$", "$25"},
		{"$10 million", "$", "$10"},       // a unit is one or two letters that touch the number
		{"$15min", "$", "$15"},            // "min" is not a unit of money
		{"$ / 40", "$", "$"},              // not one space away
		{"500  € twice spaced", "€", "€"}, // two spaces
		{"save % now", "%", "%"},
		{"% 20 off", "%", "%"}, // a percent sign takes the number before it only
		{"the $ sign", "$", "$"},
		{"<b>$</b>500", "$", "$"}, // a tag between them
	} {
		a.reset(model.Request{Text: c.text})
		got := "(no such word)"
		for k, w := range a.f.List() {
			if a.f.Norm[w.Start:w.End] != c.sign {
				continue
			}
			s, e, ok := a.wordSpan(a.withNumber(int32(k), int32(k)))
			if !ok {
				t.Fatalf("%q: no span", c.text)
			}
			got = c.text[s:e]
			break
		}
		if got != c.want {
			t.Errorf("%q: %q highlighted as %q, want %q", c.text, c.sign, got, c.want)
		}
	}
	// Words other than one sign are never widened.
	a.reset(model.Request{Text: "Invest just $500 today"})
	if f, l := a.withNumber(1, 2); f != 1 || l != 2 {
		t.Errorf("words 1..2 widened to %d..%d", f, l)
	}
}
