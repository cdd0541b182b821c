package reply_test

import (
	"testing"
	"time"

	"politely/internal/lint"
	"politely/internal/model"
	"politely/internal/reply"
)

// FuzzWrite: Write never panics on any message and sender name, is
// deterministic, and keeps the reply within the length limits; with no tone
// given, the message's register chooses one (register.go).
func FuzzWrite(f *testing.F) {
	f.Add("Hi Robin, coffee next week?\n\nBest,\nLena", "", 0)
	f.Add("Hallo!\n\u200bViele Grüße\n- ", "Dr. 🚀", 3)
	f.Add("\xff\xfe", "王小明", 7)
	f.Add("Thanks!\nSorry Sorry", "", 12)
	f.Add("Hätten Sie Zeit? 您好", "", 40)
	tones := append(reply.Tones(), "") // "": none given
	f.Fuzz(func(t *testing.T, text, sender string, pick int) {
		n := len(reply.Scenarios()) * len(tones) * len(reply.Langs())
		if pick < 0 {
			pick = -pick
		}
		pick %= n
		r := model.Request{
			Text:     text,
			Now:      time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
			Sender:   model.Sender{Name: sender},
			Scenario: reply.Scenarios()[pick%len(reply.Scenarios())],
			Tone:     tones[pick/len(reply.Scenarios())%len(tones)],
			Lang:     reply.Langs()[pick/len(reply.Scenarios())/len(tones)],
		}
		rep, err := reply.Write(r, model.Result{})
		if err != nil {
			t.Fatal(err)
		}
		again, _ := reply.Write(r, model.Result{})
		if again != rep {
			t.Fatal("not deterministic")
		}
		w := lint.Words(rep.Text)
		max := reply.MaxWords
		if rep.Tone == "brief" {
			max = reply.MaxBriefWords
		}
		if w < reply.MinWords || w > max {
			t.Fatalf("%d words:\n%s", w, rep.Text)
		}
	})
}

func BenchmarkWrite(b *testing.B) {
	r := model.Request{
		Text:    "Hi Robin, I'm raising a seed round and would love 30 minutes to pick your brain on fundraising.\n\nBest,\nLena",
		Now:     time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC),
		Sender:  model.Sender{Name: "Lena Fischer"},
		Profile: loadProfile(b),
	}
	res := model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"meeting", "advice"}, MinutesAsked: 30}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reply.Write(r, res); err != nil {
			b.Fatal(err)
		}
	}
}
