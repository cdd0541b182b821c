package reply

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tidwall/gjson"

	"politely/internal/lint"
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
	colleague := model.Request{Sender: model.Sender{Headline: "Data Engineer at Northwind"}, Profile: model.Profile{Company: "Northwind"}}
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
		{"follow up", model.Request{Thread: declined}, model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"meeting"}}, FollowUpFirm},
		{"persistent", model.Request{Thread: declined}, model.Result{Verdict: model.DeclineFirm, Flags: flags("persistent"), Asks: []string{"meeting"}}, FollowUpFirm},
		{"reconnect", model.Request{Thread: declined}, model.Result{Verdict: model.Accept, Asks: []string{"meeting"}}, Reconnect},
		{"earlier chat only", model.Request{Thread: chatted}, model.Result{Verdict: model.Accept}, Acknowledge},
		{"declined in german", model.Request{Thread: []model.Turn{{From: "me", Text: "Danke, aber leider nicht."}}}, model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"meeting"}}, FollowUpFirm},
		{"declined in portuguese", model.Request{Thread: []model.Turn{{From: "me", Text: "Agradeço, mas no momento não consigo."}}}, model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"meeting"}}, FollowUpFirm},
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
		{"LinkedIn Member", "", "", ""},
		{"Mr. Smith", "", "", ""},
		{"Frau Weber", "", "", ""},
		{"Mr. Smith", "Thanks!\nJohn Smith", "", "John"}, // the signature tells what the title hid
		{"Don José", "", "", "José"},
		{"Fischer, Lena", "", "", "Lena"},
		{"van der Berg, Anna", "", "", "Anna"},
		{"Fischer, Dr. Lena", "", "", "Lena"},
		{"Lena Fischer, MBA", "", "", "Lena"},
		{"Tanaka, PhD", "", "", "Tanaka"},
		{"Hope Solo", "", "", "Hope"},
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

// TestChooseThread: only the user's last turn tells whether they said no,
// and what follows a no depends on what the new message asks.
func TestChooseThread(t *testing.T) {
	me := func(texts ...string) []model.Turn {
		var out []model.Turn
		for _, s := range texts {
			out = append(out, model.Turn{From: "them", Text: "Coffee next week?"}, model.Turn{From: "me", Text: s})
		}
		return out
	}
	no := me("Thanks! I'm not able to take this on right now, but feel free to reach out again in a few months.")
	call := model.Result{Verdict: model.Accept, Asks: []string{"meeting"}, MinutesAsked: 20}
	for _, c := range []struct {
		name   string
		thread []model.Turn
		res    model.Result
		want   string
	}{
		{"a later yes takes back a no", me("Sorry, I can't this month.", "Sure, Thursday works!"), call, AcceptIt},
		{"a no after a yes", me("Sure, Thursday works!", "Sorry, I can't after all."), call, Reconnect},
		{"a counter-offer is no no", me("I'm not available on Tuesday, but Wednesday afternoon works. How about 3pm?"), call, AcceptIt},
		{"can't wait is no no", me("Thanks Lena, I can't wait to see your project, let's definitely talk soon!"), call, AcceptIt},
		{"能不能 asks, it does not decline", me("你好李明！很高兴认识你，你能不能把你们项目的链接发给我？"), call, AcceptIt},
		{"back months later", no, call, Reconnect},
		{"asked again after a no", no, model.Result{Verdict: model.DeclineFirm, Flags: flags("persistent"), Asks: []string{"meeting"}}, FollowUpFirm},
		{"asked again, no flag", no, model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"meeting"}}, FollowUpFirm},
		{"thanks after a no", no, model.Result{Verdict: model.Accept}, Acknowledge},
		{"thanks after a no, flagged", no, model.Result{Verdict: model.DeclineFirm, Flags: flags("persistent", "selling")}, Acknowledge},
		{"goodbye after a no, in german", me("Danke Jonas, leider kann ich das im Moment nicht übernehmen."), model.Result{Verdict: model.DeclineFirm, Flags: flags("persistent")}, Acknowledge},
		{"pushy, never answered", nil, model.Result{Verdict: model.DeclineFirm, Flags: flags("persistent"), Asks: []string{"meeting"}}, NotForMe},
		{"pushy pitch, never answered", nil, model.Result{Verdict: model.DeclineFirm, Flags: flags("persistent", "selling"), Asks: []string{"meeting"}}, NoPitch},
		{"pushy, only their turns", []model.Turn{{From: "them", Text: "Coffee?"}}, model.Result{Verdict: model.DeclineFirm, Flags: flags("persistent"), Asks: []string{"meeting"}}, NotForMe},
		{"checking in after a yes", me("Sure, Thursday at 10 works!"), model.Result{Verdict: model.DeclineFirm, Flags: flags("persistent")}, Acknowledge},
	} {
		if got := Choose(model.Request{Thread: c.thread}, c.res); got != c.want {
			t.Errorf("%s: Choose = %s, want %s", c.name, got, c.want)
		}
	}
	// An invitation pushed again by someone never answered gets firm.
	inv := model.Request{Kind: "invitation"}
	if got := Choose(inv, model.Result{Verdict: model.DeclineFirm, Flags: flags("persistent")}); got != Firm {
		t.Errorf("pushy invitation: Choose = %s, want %s", got, Firm)
	}
}

// TestChooseAsks: what the sender asks decides before what they offer, a
// firm no needs something to say no to, and a pitch softened to not now
// keeps the door open whatever it asks.
func TestChooseAsks(t *testing.T) {
	io1 := "Hi Sam,\n\nI'm a recruiter at Contoso and we have an exciting Staff Engineer opening on our platform team that matches your background. If you're interested, I'd love to connect you with our hiring manager for a 15-minute call this week.\n\nBest,\nMaya"
	for _, c := range []struct {
		name, text string
		res        model.Result
		want       string
	}{
		{"a recruiter's intro to the hiring manager", io1, model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"meeting", "job", "connect"}, Cues: []string{"recruiter", "door_open"}, MinutesAsked: 15}, NotLooking},
		{"an intro offer with a coffee asked", "Could we grab a coffee? Happy to introduce you to a few investors.", model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"meeting"}}, Coffee},
		{"an intro offer read as connect", "Happy to connect you with a couple of investors I know.", model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"connect"}}, IntroOffer},
		{"an intro offer with advice asked", "Any tips on hiring? Happy to introduce you to a few founders.", model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"advice"}}, DoorOpen},
		{"a negative contact's congratulations", "Congrats on the new role!", model.Result{Verdict: model.DeclineFirm, Flags: flags("negative_history")}, Acknowledge},
		{"a negative contact asking a call", "Could we have a call?", model.Result{Verdict: model.DeclineFirm, Flags: flags("negative_history"), Asks: []string{"meeting"}}, NotForMe},
		{"a negative contact nearly asking a call", "Would love to compare notes.", model.Result{Verdict: model.DeclineFirm, Flags: flags("negative_history"), Scores: model.ScoresOf(model.Score{ID: "meeting", Score: 0.37})}, NotForMe},
		{"a softened pitch asking a demo", "Would you be open to a quick 15-minute demo next week?", model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("selling"), Asks: []string{"meeting"}, MinutesAsked: 15}, DoorOpen},
		{"a softened pitch at capacity", "Happy to send over pricing.", model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("selling", "over_capacity")}, DoorOpen},
	} {
		if got := Choose(model.Request{Text: c.text}, c.res); got != c.want {
			t.Errorf("%s: Choose = %s, want %s", c.name, got, c.want)
		}
	}
}

// TestColleague: the company, whole, as the organisation of a role the
// sender holds now.
func TestColleague(t *testing.T) {
	for _, c := range []struct {
		headline, company string
		want              bool
	}{
		{"Data Engineer at Northwind", "Northwind", true},
		{"SRE @ Northwind | Kubernetes", "Northwind", true},
		{"Staff Engineer at Northwind GmbH (ex-Google)", "Northwind", true},
		{"Ingenieurin bei Northwind", "Northwind GmbH", true},
		{"Ingeniero de software en Northwind", "Northwind", true},
		{"Former SRE at Northwind, now at Contoso", "Northwind", false},
		{"Former SRE at Northwind now at Contoso", "Contoso", true},
		{"Ex-Northwind | Founder at Acme", "Northwind", false},
		{"Founder at Acme, formerly Northwind", "Northwind", false},
		{"Recruiter at Apple Leisure Group", "Apple", false},
		{"Data Engineer at Northwind Traders", "Northwind", false}, // another name that starts with it
		{"Engineer at Northwindy", "Northwind", false},
		{"Northwind alumni network", "Northwind", false},
		{"北风公司高级工程师", "北风", true},
		{"前北风工程师", "北风", false},
		{"Engineer at Acme", "", false},
	} {
		r := model.Request{Sender: model.Sender{Headline: c.headline}, Profile: model.Profile{Company: c.company}}
		if got := colleague(r); got != c.want {
			t.Errorf("colleague(%q, %q) = %v, want %v", c.headline, c.company, got, c.want)
		}
	}
}

// TestPast: an event is over once the last day its "when" covers is, in
// any of the forms people write a date in.
func TestPast(t *testing.T) {
	now := time.Date(2027, 6, 1, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		when string
		want bool
	}{
		{"2027-05-20", true},
		{"2027-06-01", false},
		{"March 2027", true},
		{"March 2025", true},
		{"May 2027", true},
		{"June 2027", false},
		{"Sept 2027", false},
		{"Mar 12, 2027", true},
		{"12. März 2027", true},
		{"marzo de 2027", true},
		{"1er mars 2027", true},
		{"março de 2028", false},
		{"2027年3月", true},
		{"2027年7月2日", false},
		{"2026", true},
		{"2027", false},
		{"spring 2026", true},
		{"every March", false}, // no year: never over
		{"", false},
	} {
		if got := past(c.when, model.Request{Now: now}); got != c.want {
			t.Errorf("past(%q) = %v, want %v", c.when, got, c.want)
		}
	}
	if past("March 2025", model.Request{}) {
		t.Error("past without a clock")
	}
}

// TestExpertNotSender: the redirect never offers the sender an
// introduction to themselves.
func TestExpertNotSender(t *testing.T) {
	p := model.Profile{Experts: []model.Expert{{Name: "Ottoline Vance", Topics: []string{"fundraising"}}, {Name: "Kim Ode", Topics: []string{"fundraising"}}}}
	for _, c := range []struct{ sender, text, want string }{
		{"Ottoline Vance", "Any advice on fundraising?", "Kim Ode"},
		{"Dr. Ottoline Vance, PhD", "Any advice on fundraising?", "Kim Ode"},
		{"", "Any advice on fundraising?\n\nBest,\nOttoline", "Kim Ode"},
		{"Ottoline Smith", "Any advice on fundraising?", "Ottoline Vance"},
		{"Lena Fischer", "Any advice on fundraising?", "Ottoline Vance"},
	} {
		r := model.Request{Text: c.text, Sender: model.Sender{Name: c.sender}, Profile: p}
		if got, _ := expertFor(r); got != c.want {
			t.Errorf("%q: expert %q, want %q", c.sender, got, c.want)
		}
	}
	p.Experts = p.Experts[:1]
	if got, _ := expertFor(model.Request{Text: "Fundraising tips?", Sender: model.Sender{Name: "Ottoline Vance"}, Profile: p}); got != "" {
		t.Errorf("the only expert is the sender: got %q", got)
	}
}

// fullProfile holds one of every fact a reply may offer.
func fullProfile() model.Profile {
	return model.Profile{
		Name: "Robin Ellis", Signature: "Robin",
		Events:    []model.Event{{Name: "Zephyrcon Lisbon", When: "March 2027"}},
		Resources: []model.Link{{Title: "Quillfeather SRE Handbook", URL: "https://robin.example/sre-guide"}},
		Groups:    []model.Group{{Name: "Marbleworks Platform Guild", URL: "https://guild.example/join"}},
		Experts:   []model.Expert{{Name: "Ottoline Vance", Topics: []string{"fundraising", "seed round"}}},
	}
}

// senderNames are enough senders for a hash to try every phrasing.
var senderNames = []string{"Lena Fischer", "Rohit Sharma", "Aiko Tanaka", "Jonas Weber", "Mariana Souza", "Cy Park", "Dana Lee", "Noah Brennan", "Élodie Martin", "Priyanka Rao"}

// TestRedirectExpertFirst: the matched expert is always the one named,
// and a resource only when it is about what the message asks.
func TestRedirectExpertFirst(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	res := model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("outside_expertise")}
	for _, lang := range Langs() {
		for _, tone := range Tones() {
			for _, n := range senderNames {
				r := model.Request{Text: "Could I get your advice on fundraising for my seed round?", Now: now, Sender: model.Sender{Name: n}, Profile: fullProfile(), Lang: lang, Tone: tone}
				rep, err := Write(r, res)
				if err != nil {
					t.Fatal(err)
				}
				if rep.Scenario != Redirect || !contains(rep.Text, "Ottoline Vance") || contains(rep.Text, "Quillfeather") {
					t.Errorf("%s/%s %s: the expert is not the one named\n%s", lang, tone, n, rep.Text)
				}
				// No expert for the topic: an unrelated resource is no help.
				r.Text = "Could I get your advice on pricing my product?"
				if rep, _ := Write(r, res); contains(rep.Text, "Quillfeather") {
					t.Errorf("%s/%s %s: an unrelated resource offered\n%s", lang, tone, n, rep.Text)
				}
				// One about the topic is.
				r.Profile.Experts, r.Profile.Resources = nil, []model.Link{{Title: "Fundraising 101", URL: "https://robin.example/fundraising"}}
				r.Text = "Could I get your advice on fundraising?"
				r.Profile.Experts = []model.Expert{{Name: n, Topics: []string{"fundraising"}}} // the sender: not named
				if rep, _ := Write(r, res); !contains(rep.Text, "Fundraising 101") || contains(firstLine(rep.Text), "introduce") {
					t.Errorf("%s/%s %s: the resource on the topic not offered\n%s", lang, tone, n, rep.Text)
				}
			}
		}
	}
}

func firstLine(s string) string { return strings.SplitN(s, "\n", 2)[0] }

// TestFactEveryTone: which fact a reply offers (an event, a resource, a
// group) does not depend on the tone or the language.
func TestFactEveryTone(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	fact := func(text string) string {
		for _, f := range []string{"Zephyrcon", "Quillfeather", "Marbleworks"} {
			if contains(text, f) {
				return f
			}
		}
		return "none"
	}
	for _, sc := range []string{DoorOpen, NoMentor, NoReview} {
		for _, n := range senderNames {
			want := ""
			for _, lang := range Langs() {
				for _, tone := range Tones() {
					r := model.Request{Text: "Hi Robin, could we meet for a coffee about your career?", Now: now, Sender: model.Sender{Name: n}, Profile: fullProfile(), Scenario: sc, Lang: lang, Tone: tone}
					rep, err := Write(r, model.Result{Verdict: model.DeclineDoorOpen})
					if err != nil {
						t.Fatal(err)
					}
					got := fact(rep.Text)
					if want == "" {
						want = got
					}
					if got != want {
						t.Errorf("%s %s %s/%s: offers %s, in en/warm %s\n%s", sc, n, lang, tone, got, want, rep.Text)
					}
				}
			}
		}
	}
}

// TestNeutralAcknowledge: a firm verdict on a message that asks nothing,
// or thanks after the user's no, gets a brief thank-you that passes on
// nothing and promises no more contact.
func TestNeutralAcknowledge(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	bad := regexp.MustCompile(`(?i)pass\b|stay in touch|keep in touch|good to hear|lovely to hear|pleasure to hear|pleased to hear`)
	no := []model.Turn{{From: "them", Text: "Coffee?"}, {From: "me", Text: "Thanks, but I'm not able to take this on right now."}}
	for _, c := range []struct {
		name string
		r    model.Request
		res  model.Result
	}{
		{"a negative contact's congratulations", model.Request{Text: "Congrats on the new role!"}, model.Result{Verdict: model.DeclineFirm, Flags: flags("negative_history")}},
		{"thanks after my no", model.Request{Text: "No worries at all, all the best!", Thread: no}, model.Result{Verdict: model.Accept}},
	} {
		for _, tone := range Tones() {
			for _, n := range senderNames {
				r := c.r
				r.Now, r.Sender.Name, r.Tone = now, n, tone
				rep, err := Write(r, c.res)
				if err != nil {
					t.Fatal(err)
				}
				if rep.Scenario != Acknowledge || bad.MatchString(rep.Text) {
					t.Errorf("%s %s/%s: %s\n%s", c.name, tone, n, rep.Scenario, rep.Text)
				}
				if w := lint.Words(rep.Text); w < MinWords {
					t.Errorf("%s %s/%s: %d words\n%s", c.name, tone, n, w, rep.Text)
				}
			}
		}
	}
}

// TestVendorOffered: a pitch softened to not now gets door_open, and no
// event, resource or group of the user's is offered to the vendor.
func TestVendorOffered(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	kp := "Hi Robin, great to reconnect after our years together at Northwind! I recently joined BrightPath HR and we help companies cut onboarding time by 40% with our AI-powered HR platform. Would you be open to a quick 15-minute demo next week?\n\nBest,\nJamie"
	res := model.Result{Verdict: model.DeclineDoorOpen, Flags: flags("selling"), Asks: []string{"meeting"}, MinutesAsked: 15}
	for _, lang := range Langs() {
		for _, tone := range Tones() {
			for _, n := range senderNames {
				r := model.Request{Text: kp, Now: now, Sender: model.Sender{Name: n}, Profile: fullProfile(), Lang: lang, Tone: tone}
				rep, err := Write(r, res)
				if err != nil {
					t.Fatal(err)
				}
				if rep.Scenario != DoorOpen || contains(rep.Text, "Zephyrcon") || contains(rep.Text, "Quillfeather") || contains(rep.Text, "Marbleworks") {
					t.Errorf("%s/%s %s: %s\n%s", lang, tone, n, rep.Scenario, rep.Text)
				}
			}
		}
	}
}

// TestGreetingNames: names that are no first name are not greeted.
func TestGreetingNames(t *testing.T) {
	for _, c := range []struct{ sender, bad, want string }{
		{"LinkedIn Member", "LinkedIn", ""},
		{"Mr. Smith", "Smith", ""},
		{"Fischer, Lena", "", "Lena"}, // a formal "Guten Tag Lena Fischer," is right
	} {
		for _, lang := range Langs() {
			for _, tone := range Tones() {
				rep, err := Write(model.Request{Text: "Could we have a call?", Sender: model.Sender{Name: c.sender}, Lang: lang, Tone: tone}, model.Result{Verdict: model.DeclineDoorOpen})
				if err != nil {
					t.Fatal(err)
				}
				if g := firstLine(rep.Text); c.bad != "" && contains(g, c.bad) || !contains(g, c.want) {
					t.Errorf("%q %s/%s: greeted %q", c.sender, lang, tone, firstLine(rep.Text))
				}
			}
		}
	}
}
