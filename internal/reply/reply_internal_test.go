package reply

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tidwall/gjson"

	"politely/internal/model"
)

func flags(ids ...string) []model.Finding {
	var out []model.Finding
	for _, id := range ids {
		out = append(out, model.Finding{ID: id})
	}
	return out
}

func TestChoose(t *testing.T) {
	declined := []model.Turn{{From: "them", Text: "Coffee?"}, {From: "me", Text: "Thanks, but I can't take this on right now."}}
	chatted := []model.Turn{{From: "me", Text: "Great to meet you yesterday!"}}
	colleague := model.Request{Sender: model.Sender{Headline: "Data Engineer at Northwind Traders"}, Profile: model.Profile{Company: "Northwind"}}
	notColleague := model.Request{Sender: model.Sender{Headline: "Engineer at Northwindy"}, Profile: model.Profile{Company: "Northwind"}}
	for _, c := range []struct {
		name string
		r    model.Request
		res  model.Result
		want string
	}{
		{"accept", model.Request{}, model.Result{Verdict: model.Accept, Asks: []string{"advice"}}, AcceptIt},
		{"connect only", model.Request{}, model.Result{Verdict: model.Accept, Asks: []string{"connect"}}, Connect},
		{"connect and meet", model.Request{}, model.Result{Verdict: model.Accept, Asks: []string{"connect", "meeting"}}, AcceptIt},
		{"connect with minutes", model.Request{}, model.Result{Verdict: model.Accept, Asks: []string{"connect"}, MinutesAsked: 15}, AcceptIt},
		{"connect declined", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"connect"}}, DoorOpen},
		{"invitation asking nothing", model.Request{Kind: "invitation"}, model.Result{Verdict: model.Accept}, Connect},
		{"invitation asking a meeting", model.Request{Kind: "invitation"}, model.Result{Verdict: model.Accept, Asks: []string{"meeting"}}, AcceptIt},
		{"message asking nothing", model.Request{Kind: "message"}, model.Result{Verdict: model.Accept}, Acknowledge},
		{"message nearly asking a meeting", model.Request{}, model.Result{Verdict: model.Accept, Scores: model.ScoresOf(model.Score{ID: "meeting", Score: 0.37})}, AcceptIt},
		{"message far from a meeting", model.Request{}, model.Result{Verdict: model.Accept, Scores: model.ScoresOf(model.Score{ID: "meeting", Score: 0.09})}, Acknowledge},
		{"message asking nothing but minutes", model.Request{}, model.Result{Verdict: model.Accept, MinutesAsked: 20}, AcceptIt},
		{"a referral", model.Request{}, model.Result{Verdict: model.Accept, Asks: []string{"referral", "job"}}, Refer},
		{"a referral and a call", model.Request{}, model.Result{Verdict: model.Accept, Asks: []string{"meeting", "referral"}}, AcceptIt},
		{"a referral in 15 minutes", model.Request{}, model.Result{Verdict: model.Accept, Asks: []string{"referral"}, MinutesAsked: 15}, AcceptIt},
		{"a job alone", model.Request{}, model.Result{Verdict: model.Accept, Asks: []string{"job"}}, AcceptIt},
		{"an introduction", model.Request{}, model.Result{Verdict: model.Accept, Asks: []string{"connect", "introduction"}}, Introduce},
		{"an introduction and advice", model.Request{}, model.Result{Verdict: model.Accept, Asks: []string{"introduction", "advice"}}, AcceptIt},
		{"an event", model.Request{}, model.Result{Verdict: model.Accept, Asks: []string{"event"}, Scores: model.ScoresOf(model.Score{ID: "event", Score: 0.95})}, Attend},
		{"an event of an hour", model.Request{}, model.Result{Verdict: model.Accept, Asks: []string{"event"}, MinutesAsked: 60, Scores: model.ScoresOf(model.Score{ID: "event", Score: 0.9})}, Attend},
		{"an event, rules alone", model.Request{}, model.Result{Verdict: model.Accept, Asks: []string{"event"}}, Attend},
		{"an event only named", model.Request{}, model.Result{Verdict: model.Accept, Asks: []string{"event"}, Scores: model.ScoresOf(model.Score{ID: "event", Score: 0.3})}, Acknowledge},
		{"an event only named, and connect", model.Request{}, model.Result{Verdict: model.Accept, Asks: []string{"connect", "event"}, Scores: model.ScoresOf(model.Score{ID: "event", Score: 0.42})}, Connect},
		{"an invitation naming where you met", model.Request{Kind: "invitation"}, model.Result{Verdict: model.Accept, Asks: []string{"connect", "event"}}, Connect},
		{"an event declined", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"event"}}, DoorOpen},
		{"connect after decline", model.Request{Thread: declined}, model.Result{Verdict: model.Accept, Asks: []string{"connect"}}, Reconnect},
		{"a pitch", model.Request{}, model.Result{Verdict: model.DeclineFirm, Flags: flags("selling")}, NoPitch},
		{"a scheme", model.Request{}, model.Result{Verdict: model.DeclineFirm, Flags: flags("reputation")}, NotForMe},
		{"a scheme sold", model.Request{}, model.Result{Verdict: model.DeclineFirm, Flags: flags("selling", "reputation")}, NotForMe},
		{"a pitch from someone who wronged you", model.Request{}, model.Result{Verdict: model.DeclineFirm, Flags: flags("selling", "negative_history")}, NotForMe},
		{"a scheme from a connection", model.Request{Kind: "message", Sender: model.Sender{Degree: 1}}, model.Result{Verdict: model.DeclineFirm, Flags: flags("reputation")}, NotForMe},
		{"a scheme in an invitation", model.Request{Kind: "invitation"}, model.Result{Verdict: model.DeclineFirm, Flags: flags("reputation")}, Firm},
		{"an invitation from someone who wronged you", model.Request{Kind: "invitation"}, model.Result{Verdict: model.DeclineFirm, Flags: flags("negative_history")}, Firm},
		{"a pitch in an invitation", model.Request{Kind: "invitation"}, model.Result{Verdict: model.DeclineFirm, Flags: flags("selling")}, NoPitch},
		{"a pitch, softened", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("selling")}, DoorOpen},
		{"door open", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen}, DoorOpen},
		{"unknown verdict", model.Request{}, model.Result{}, DoorOpen},
		{"coffee", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"meeting"}}, Coffee},
		{"a stranger's referral", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask"), Asks: []string{"referral", "job"}}, NoReferral},
		{"a stranger's referral and a call", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask"), Asks: []string{"meeting", "referral"}, MinutesAsked: 15}, NoReferral},
		{"a stranger's introduction", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask"), Asks: []string{"introduction", "meeting"}}, NoIntro},
		{"a stranger's referral and introduction", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask"), Asks: []string{"referral", "introduction"}}, NoReferral},
		{"an introduction, no flag", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"introduction"}}, DoorOpen},
		{"a stranger's job ask and a call", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask"), Asks: []string{"job", "meeting"}, MinutesAsked: 15}, NoJob},
		{"a stranger's job ask", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask"), Asks: []string{"job"}}, NoJob},
		{"a stranger's job and referral ask", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask"), Asks: []string{"referral", "job"}}, NoReferral},
		{"a job ask, no flag", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"job", "meeting"}}, Coffee},
		{"a job ask at capacity", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask", "over_capacity"), Asks: []string{"job"}}, Capacity},
		{"a colleague's job ask", colleague, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask"), Asks: []string{"job"}}, Internal},
		{"a role offered with a favour", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask"), Asks: []string{"job", "advice"}, Cues: []string{"recruiter"}}, NotLooking},
		{"a pitch asking a job", model.Request{}, model.Result{Verdict: model.DeclineFirm, Flags: flags("selling", "premature_ask"), Asks: []string{"job"}}, NoPitch},
		{"a stranger's mentorship ask", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask"), Asks: []string{"mentorship"}}, NoMentor},
		{"a stranger's mentorship ask with calls", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask"), Asks: []string{"mentorship", "meeting"}, MinutesAsked: 30}, NoMentor},
		{"a mentorship ask, no flag", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"mentorship"}}, DoorOpen},
		{"a mentorship ask on a break", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask", "burnout"), Asks: []string{"mentorship"}}, Break},
		{"a stranger's work to review", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask"), Asks: []string{"feedback"}}, NoReview},
		{"a stranger's work to review on a call", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask"), Asks: []string{"feedback", "meeting"}, MinutesAsked: 20}, Coffee},
		{"a stranger's job and review", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask"), Asks: []string{"job", "feedback"}}, NoJob},
		{"a colleague's review", colleague, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask"), Asks: []string{"feedback"}}, Internal},
		{"a referral at capacity", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask", "over_capacity"), Asks: []string{"referral"}}, Capacity},
		{"a colleague's referral", colleague, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("premature_ask"), Asks: []string{"referral"}}, Internal},
		{"a pitch asking a referral", model.Request{}, model.Result{Verdict: model.DeclineFirm, Flags: flags("selling", "premature_ask"), Asks: []string{"referral"}}, NoPitch},
		{"a role offered", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"meeting", "job"}, MinutesAsked: 15, Cues: []string{"recruiter"}}, NotLooking},
		{"a vague note with a call", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"meeting"}, Cues: []string{"vague"}}, Coffee},
		{"a role offered, at capacity", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("over_capacity"), Cues: []string{"recruiter"}}, Capacity},
		{"a role offered, accepted", model.Request{}, model.Result{Verdict: model.Accept, Asks: []string{"meeting", "job"}}, AcceptIt},
		{"minutes", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, MinutesAsked: 15}, Coffee},
		{"an event's minutes", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"event"}, MinutesAsked: 60, Scores: model.ScoresOf(model.Score{ID: "event", Score: 0.9})}, DoorOpen},
		{"break", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("burnout"), Asks: []string{"meeting"}}, Break},
		{"capacity", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("over_capacity")}, Capacity},
		{"redirect", model.Request{}, model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("outside_expertise")}, Redirect},
		{"internal", colleague, model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"meeting"}}, Internal},
		{"not internal", notColleague, model.Result{Verdict: model.DeclineDoorOpen}, DoorOpen},
		{"colleague accepted", colleague, model.Result{Verdict: model.Accept, Asks: []string{"meeting"}}, AcceptIt},
		{"intro offer", model.Request{Text: "I'd be happy to introduce you to a few founders in my network."}, model.Result{Verdict: model.DeclineDoorOpen}, IntroOffer},
		{"intro offer de", model.Request{Text: "Gern würde ich dich mit zwei Gründern bekannt machen."}, model.Result{Verdict: model.DeclineDoorOpen}, IntroOffer},
		{"intro offer pt", model.Request{Text: "Posso te colocar em contato com dois fundadores da minha rede."}, model.Result{Verdict: model.DeclineDoorOpen}, IntroOffer},
		{"intro offer pt, você", model.Request{Text: "Seria um prazer apresentar você a alguns investidores."}, model.Result{Verdict: model.DeclineDoorOpen}, IntroOffer},
		{"a pitch in pt", model.Request{Text: "Gostaria de te apresentar a nossa plataforma de recrutamento."}, model.Result{Verdict: model.DeclineDoorOpen}, DoorOpen},
		{"asks for intro", model.Request{Text: "Could you introduce me to your CTO?"}, model.Result{Verdict: model.DeclineDoorOpen}, DoorOpen},
		{"follow up", model.Request{Thread: declined}, model.Result{Verdict: model.DeclineDoorOpen}, FollowUpFirm},
		{"persistent", model.Request{}, model.Result{Verdict: model.DeclineFirm, Flags: flags("persistent")}, FollowUpFirm},
		{"reconnect", model.Request{Thread: declined}, model.Result{Verdict: model.Accept}, Reconnect},
		{"earlier chat only", model.Request{Thread: chatted}, model.Result{Verdict: model.Accept}, Acknowledge},
		{"declined in german", model.Request{Thread: []model.Turn{{From: "me", Text: "Danke, aber leider nicht."}}}, model.Result{Verdict: model.DeclineDoorOpen}, FollowUpFirm},
		{"declined in portuguese", model.Request{Thread: []model.Turn{{From: "me", Text: "Agradeço, mas no momento não consigo."}}}, model.Result{Verdict: model.DeclineDoorOpen}, FollowUpFirm},
		{"forwarded in portuguese", model.Request{Thread: []model.Turn{{From: "me", Text: "Vou passar seu currículo para o time!"}}}, model.Result{Verdict: model.Accept, Asks: []string{"meeting"}}, AcceptIt},
		{"they declined, not me", model.Request{Thread: []model.Turn{{From: "them", Text: "I can't make it."}}}, model.Result{Verdict: model.Accept, Asks: []string{"meeting"}}, AcceptIt},
	} {
		if got := Choose(c.r, c.res); got != c.want {
			t.Errorf("%s: Choose = %s, want %s", c.name, got, c.want)
		}
	}
}

func TestNames(t *testing.T) {
	for _, c := range []struct{ sender, text, profile, want string }{
		{"Lena Fischer", "", "", "Lena"},
		{"Dr. Aiko Tanaka, PhD", "", "", "Aiko"},
		{"rohit sharma", "", "", "Rohit"},
		{"JOHN O'NEIL", "", "", "John"},
		{"王小明", "", "", "王小明"},
		{"José-María Núñez 🚀", "", "", "José-María"},
		{"Jean-Luc (he/him)", "", "", "Jean-Luc"},
		{"J. Smith", "", "", ""},
		{"Team 42", "", "", ""},
		{"", "Hi Ananya, would love to connect. Thanks!\nRohit", "", "Rohit"},
		{"", "Hi Ananya,\nWould love to connect.\n\nBest,\nLena", "", "Lena"},
		{"", "Would love to connect.\n\nBest, Lena", "", "Lena"},
		{"", "Hi there, quick question.\nCheers,\nNoah Brennan\nBoston College | Class of 2025", "", "Noah"},
		{"", "Looking forward to hearing from you.\nAmir\nFounder", "", "Amir"},
		{"", "Would be great to chat.\nTanvir\nNimble Software Lab", "", "Tanvir"},
		{"", "Would be great to chat.\n- Dev", "", "Dev"},
		{"", "Hi Ananya, I'm Rohit and I'd love to connect.", "", ""},
		{"", "Hi Ananya,\nLooking Forward", "", ""},
		{"", "Hi Ananya,\nthanks!\nWorth a chat?", "", ""},
		{"", "Hi Robin, would love to chat.\nBest,\nRobin", "Robin Ellis", ""},
		{"", "感谢您的时间。\n王小明", "", "王小明"},
		{"", "Merci d'avance.\nCordialement,\nÉlodie", "", "Élodie"},
		{"", "Ich freue mich auf Ihre Antwort.\nViele Grüße\nJonas Weber", "", "Jonas"},
		{"", "<p>Hi Chris,</p><p>Call?</p><script>x</script><p>Regards,<br>Dana</p>", "", "Dana"},
		{"", "<p>Hi Chris, call?</p><p>Best &amp; thanks,<br>Zo&euml;</p>", "", "Zoë"},
		{"Dra. Mariana Souza", "", "", "Mariana"},
		{"", "Fico no aguardo do seu retorno.\nAbraços,\nJoão", "", "João"},
		{"", "Podemos conversar na próxima semana?\n\nAtenciosamente,\nMariana Souza", "", "Mariana"},
		{"", "Seria ótimo trocar uma ideia.\nAbs, Thiago", "", "Thiago"},
		{"", "Podemos conversar?\nABRAÇOS,\nJoão", "", "João"}, // a closing in capitals past ASCII
		{"", "Danke.\n\u212Aind regards, Lena", "", ""},        // a Kelvin sign is no "K": no closing, nothing cut short
		{"", "Olá Ana, tudo bem?\nPodemos marcar um café?\nAbraços", "", ""},
		{"", "Olá Ana, podemos marcar um café?\nObrigada!", "", ""},
	} {
		r := model.Request{Text: c.text, Sender: model.Sender{Name: c.sender}, Profile: model.Profile{Name: c.profile}}
		if got := FirstName(r); got != c.want {
			t.Errorf("FirstName(%q, %q) = %q, want %q", c.sender, c.text, got, c.want)
		}
	}
}

func TestOverrides(t *testing.T) {
	r := model.Request{Text: "Hi, could we grab coffee?"}
	for _, c := range []struct{ field, sc, tone, lang, msg string }{
		{"lang", "", "", "xx", `unsupported language "xx"; supported: en, zh, es, fr, de, pt, pt-PT`},
		{"tone", "", "snarky", "", `unsupported tone "snarky"; supported: warm, formal, brief`},
		{"scenario", "ghost", "", "", `unsupported scenario "ghost"; supported: door_open, firm, coffee, internal, intro_offer, break, capacity, redirect, follow_up_firm, reconnect, accept, connect, acknowledge, refer, introduce, attend, not_looking, no_referral, no_intro, no_pitch, no_job, no_mentor, no_review, not_for_me`},
	} {
		r.Scenario, r.Tone, r.Lang = c.sc, c.tone, c.lang
		_, err := Write(r, model.Result{})
		var fe *model.FieldError
		if !errors.As(err, &fe) || fe.Field != c.field || fe.Msg != c.msg {
			t.Errorf("%s: got %v", c.field, err)
		}
	}
	// A bad value in the profile is named as the profile's.
	_, err := Write(model.Request{Text: "Hi", Profile: model.Profile{Lang: "it"}}, model.Result{})
	var fe *model.FieldError
	if !errors.As(err, &fe) || fe.Field != "profile.lang" || fe.Msg != `unsupported language "it"; supported: en, zh, es, fr, de, pt, pt-PT` {
		t.Errorf("profile lang: %v", err)
	}
	// A signature that brings its own closing is not given a second one.
	for _, sig := range []string{"Best,\nRobin", "Viele Grüße\nRobin", "Cheers, Robin"} {
		rep, _ := Write(model.Request{Text: "Hi", Profile: model.Profile{Signature: sig}}, model.Result{})
		if !strings.HasSuffix(rep.Text, "\n\n"+sig) {
			t.Errorf("signature %q:\n%s", sig, rep.Text)
		}
	}
	// The profile's tone and language apply unless the request overrides them.
	r = model.Request{Text: "Hi", Profile: model.Profile{Tone: "formal", Lang: "de"}}
	if rep, _ := Write(r, model.Result{}); rep.Tone != "formal" || rep.Lang != "de" {
		t.Errorf("profile defaults: %+v", rep)
	}
	r.Tone, r.Lang = "BRIEF", "Fr"
	if rep, _ := Write(r, model.Result{}); rep.Tone != "brief" || rep.Lang != "fr" {
		t.Errorf("overrides: %+v", rep)
	}
	if rep, _ := Write(model.Request{Text: "Hi"}, model.Result{}); rep.Tone != "warm" || rep.Lang != "en" || rep.Scenario != DoorOpen {
		t.Errorf("defaults: %+v", rep)
	}
}

func TestFacts(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	p := model.Profile{
		BreakUntil: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		Events:     []model.Event{{Name: "Old Summit", When: "2026-05-01"}, {Name: "Devoxx", When: "April 2027"}},
		Experts:    []model.Expert{{Name: "Sam Lee", Topics: []string{"pricing"}}, {Name: "Kim Ode", Topics: []string{"SEO"}}},
		Company:    "Acme",
	}
	r := model.Request{Text: "Any advice on SEO for my shop?", Now: now, Profile: p}
	for _, c := range []struct{ sc, lang, want string }{
		{Break, "en", "January 1, 2027"},
		{Break, "fr", "1er janvier 2027"},
		{Break, "de", "1. Januar 2027"},
		{Break, "es", "1 de enero de 2027"},
		{Break, "zh", "2027年1月1日"},
		{Break, "pt", "1º de janeiro de 2027"},
		{Redirect, "pt", "Kim Ode"},
		{DoorOpen, "en", "Devoxx"},
		{Redirect, "en", "Kim Ode"},
	} {
		r.Scenario, r.Lang = c.sc, c.lang
		rep, err := Write(r, model.Result{})
		if err != nil {
			t.Fatal(err)
		}
		if !contains(rep.Text, c.want) {
			t.Errorf("%s/%s: %q not in\n%s", c.sc, c.lang, c.want, rep.Text)
		}
		for _, bad := range []string{"Old Summit", "Sam Lee", "Acme"} {
			if contains(rep.Text, bad) {
				t.Errorf("%s/%s: names %q\n%s", c.sc, c.lang, bad, rep.Text)
			}
		}
	}
	// The redirect offers an introduction only once the expert agrees.
	for lang, cond := range map[string]string{
		"en": "open to it", "zh": "确认对方方便", "es": "confirme que le parece bien",
		"fr": "une fois que j'aurai vérifié que cela lui convient", "de": "sobald ich geklärt habe",
		"pt": "confirmar que há interesse",
	} {
		for _, tone := range Tones() {
			r.Scenario, r.Lang, r.Tone = Redirect, lang, tone
			rep, _ := Write(r, model.Result{})
			if contains(rep.Text, "Kim Ode") != contains(rep.Text, cond) {
				t.Errorf("redirect %s/%s: introduction without the condition %q\n%s", lang, tone, cond, rep.Text)
			}
		}
	}
	r.Tone = ""
	// A break that is over is not mentioned; the same year needs no year.
	r.Scenario, r.Lang = Break, "en"
	r.Now = time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)
	if rep, _ := Write(r, model.Result{}); contains(rep.Text, "January") {
		t.Errorf("past break date used:\n%s", rep.Text)
	}
	r.Now = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	r.Profile.BreakUntil = time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	if rep, _ := Write(r, model.Result{}); !contains(rep.Text, "December 5") || contains(rep.Text, "2026") {
		t.Errorf("same-year date:\n%s", rep.Text)
	}
	// The company is named only to a colleague there.
	r.Scenario, r.Sender.Headline = Internal, "PM at Acme"
	hits := 0
	for i := 0; i < 20; i++ {
		r.Sender.Name = "Person" + string(rune('A'+i))
		if rep, _ := Write(r, model.Result{}); contains(rep.Text, "Acme") {
			hits++
		}
	}
	if hits != 20 {
		t.Errorf("colleague at Acme: company named in %d of 20 replies", hits)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestMinutes(t *testing.T) {
	for _, c := range [][2]int{{0, 20}, {5, 15}, {15, 15}, {25, 25}, {60, 30}} {
		if got := minutes(c[0]); got != c[1] {
			t.Errorf("minutes(%d) = %d, want %d", c[0], got, c[1])
		}
	}
}

// TestContainsWord: a company or topic counts as a whole word only, as the
// register's cues do (one rule for both), and anywhere in Han text.
func TestContainsWord(t *testing.T) {
	for _, c := range []struct {
		s, w string
		want bool
	}{
		{"engineer at northwind traders", "northwind", true},
		{"engineer at northwindy", "northwind", false},
		{"engineer at subnorthwind", "northwind", false},
		{"kubernetes, terraform and go", "terraform", true},
		{"northwindy, then northwind", "northwind", true},
		{"ingénieur chez énergie", "énergie", true},
		{"ingénieur chez xénergie", "énergie", false},
		{"我在北风公司工作", "北风", true},
		{"anything", "", false},
		{"", "northwind", false},
	} {
		if got := containsWord(c.s, c.w); got != c.want {
			t.Errorf("containsWord(%q, %q) = %v, want %v", c.s, c.w, got, c.want)
		}
	}
}

// BenchmarkCompile is what the first reply after a start costs: one
// language's phrasings compiled (inside WebAssembly, several times this).
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compileLang("en"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCompileEvery: every language's phrasings compile, whichever a test
// happened to ask for, since a language is compiled only when first used.
func TestCompileEvery(t *testing.T) {
	d, err := data()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range Langs() {
		if _, err := d.lang(l); err != nil {
			t.Error(err)
		}
	}
	if _, err := d.lang("xx"); err == nil {
		t.Error("no error for a language there is none of")
	}
}

// TestSlotsOf: the hand-written reader of {slots} finds what the regular
// expression it replaced finds, on odd cases and on every phrasing.
func TestSlotsOf(t *testing.T) {
	re := regexp.MustCompile(`\{([a-z_]+)\}`)
	cases := []string{"", "{", "}", "{}", "{a}", "x {first} y {full}", "{{name}}", "{Name}", "{a b}", "{a_b}{c}", "{a", "a}", "{é}", "{first}."}
	for _, f := range []string{"en", "zh", "es", "fr", "de", "pt"} {
		b, err := files.ReadFile("data/" + f + ".json")
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, re.FindAllString(string(b), -1)...)
		cases = append(cases, string(b))
	}
	for _, c := range cases {
		var want []string
		for _, m := range re.FindAllStringSubmatch(c, -1) {
			want = append(want, m[1])
		}
		if got := slotsOf(c); !slices.Equal(got, want) {
			t.Errorf("slotsOf(%.40q) = %v, want %v", c, got, want)
		}
	}
}

// TestFields: an object's members as a gjson path finds them (the first of
// a key written twice), and none for anything else.
func TestFields(t *testing.T) {
	m := fields(gjson.Parse(`{"a": 1, "b": {"c": 2}, "a": 3}`))
	if len(m) != 2 || m["a"].Int() != 1 || m["b"].Get("c").Int() != 2 {
		t.Errorf("fields = %v", m)
	}
	for _, s := range []string{`[1, 2]`, `"x"`, ``} {
		if m := fields(gjson.Parse(s)); len(m) != 0 {
			t.Errorf("fields(%s) = %v, want none", s, m)
		}
	}
}
