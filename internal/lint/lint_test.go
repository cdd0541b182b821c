package lint

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"

	"politely/internal/model"
	ptext "politely/internal/text"
)

// Clean drafts, one per language: Check must find nothing in them.
var clean = map[string]string{
	"en": "Hi Sam,\n\nThank you for reaching out. I'm not able to take on new mentoring at the moment, but I'd like to stay in touch. Feel free to check back in a few months.\n\nBest,\nAna",
	"zh": "小王，你好！\n\n谢谢你的来信。我目前暂时没办法接下这件事，但很愿意和你保持联系。过几个月你也可以再来找我。祝一切顺利！",
	"es": "Hola, Sam:\n\nMuchas gracias por escribirme. Ahora mismo no puedo asumir esto, pero me encantaría que siguiéramos en contacto. Escríbeme de nuevo dentro de unos meses.\n\nUn saludo,\nAna",
	"fr": "Bonjour Sam,\n\nMerci beaucoup pour votre message. Je ne suis pas en mesure de m'y engager pour le moment, mais j'aimerais garder le contact. Revenez vers moi d'ici quelques mois.\n\nBien à vous,\nAna",
	"de": "Hallo Sam,\n\nvielen Dank für deine Nachricht. Im Moment kann ich das leider nicht übernehmen, würde aber gern in Kontakt bleiben. Melde dich gern in ein paar Monaten wieder.\n\nViele Grüße\nAna",
	"pt": "Olá, Sam, tudo bem?\n\nAgradeço muito pela mensagem. No momento não consigo me comprometer com isso, mas gostaria muito de manter contato. Fique à vontade para me escrever de novo daqui a alguns meses.\n\nAbraços,\nAna",
}

// Drafts as people write them, with the usual "leider", "malheureusement",
// "lamentablemente" or 不好意思: none of these is a fault.
var natural = [][2]string{
	{"de", "Hallo Herr Weber,\n\nvielen Dank für Ihre Nachricht. Leider kann ich Ihnen derzeit nicht weiterhelfen, da mein Kalender bis Ende des Monats voll ist. Ich wünsche Ihnen viel Erfolg bei der Suche.\n\nMit freundlichen Grüßen\nAnna Schmidt"},
	{"fr", "Bonjour Paul,\n\nMerci pour votre message. Malheureusement, je ne suis pas disponible ce mois-ci pour un appel. Je vous souhaite bonne chance dans vos recherches.\n\nCordialement,\nAnne"},
	{"es", "Hola, Pablo:\n\nMuchas gracias por tu mensaje. Lamentablemente, este mes no tengo disponibilidad para una llamada. Te deseo mucha suerte con la búsqueda.\n\nUn saludo,\nAna"},
	{"zh", "李先生，您好！\n\n感谢您的来信。不好意思，这个月我的时间都排满了，暂时没办法安排通话。祝您求职顺利！\n\n王芳"},
	{"en", "Hi Priya,\n\nThanks so much for reaching out, and congrats on the new role! I'm not able to take on any advisory work this quarter, but I'd be happy to point you to a couple of resources if that helps.\n\nBest,\nJordan"},
	{"pt", "Olá, Pedro,\n\nObrigada pela mensagem. Infelizmente, este mês não tenho disponibilidade para uma ligação, pois minha agenda está cheia até o fim do mês. Desejo boa sorte na sua busca.\n\nAtenciosamente,\nAna Souza"},
	{"pt", "Oi, Carla! Obrigado pelo convite. Infelizmente não vou conseguir participar do webinar, já que vou estar viajando nessa semana. Sucesso com o evento e obrigado de novo!"},
	{"pt", "Olá, Marcos, tudo bem?\n\nAgradeço o contato. Desculpe, mas não vou poder ajudar desta vez. Foi gentil da sua parte perguntar, e espero que você encontre a pessoa certa.\n\nAbraços,\nAna"},
	{"en", "Hey Tom, appreciate the note. Unfortunately I'm not able to make the webinar since I'm traveling that week. Best of luck with it, and thanks again for the invite!"},
	{"en", "Thank you for your message. I'm sorry, but I won't be able to help with this one. It's kind of you to ask, and I hope you find the right person.\n\nKind regards,\nAna"},
}

func TestClean(t *testing.T) {
	for _, c := range natural {
		got, err := Check(c[1], c[0])
		if err != nil {
			t.Fatal(err)
		}
		for _, is := range got {
			t.Errorf("%s: unexpected %s at %q in %q", c[0], is.ID, is.Text, c[1])
		}
	}
	for lang, text := range clean {
		got, err := Check(text, lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, is := range got {
			t.Errorf("%s: unexpected %s at %q", lang, is.ID, is.Text)
		}
	}
}

// Each case is a draft with one fault; want is the rule it must trigger
// and span the text of its first finding.
var cases = []struct{ lang, rule, text, span string }{
	{"en", MissingThanks, "Hi Sam,\n\nI can't do this right now. I'm fully booked this month with product launches. Feel free to ask again in a few months.", "I can't do this right now."},
	{"en", ExcessiveApology, "Hi Sam, thanks for writing. I'm so sorry, but I can't take this on right now. Apologies again for the short notice, and good luck with the search.", "Apologies"},
	{"en", OverExplaining, "Hi Sam, thanks for writing. I can't right now because work is busy, and also my kid is sick, plus I'm moving house next week.", "because work is busy, and also my kid is sick, plus"},
	{"en", FalsePromise, "Hi Sam, thanks so much for reaching out! I can't meet this month, but let's definitely catch up soon when things calm down!", "definitely"},
	{"en", Placeholder, "Hi [Name], thanks for reaching out. I'm not able to help with this right now, but I wish you the best with your search.", "[Name]"},
	{"en", Placeholder, "Hi {{first_name}}, thanks for reaching out. I'm not able to help with this right now, but I wish you the best with it.", "{{first_name}}"},
	{"en", Placeholder, "Hi %NAME%, thanks for reaching out. I'm not able to help with this right now, but I wish you the best with your search.", "%NAME%"},
	{"en", TooLong, "Hi Sam, thanks for reaching out. " + strings.Repeat("This is a long sentence that keeps on going. ", 14), "going."},
	{"en", TooShort, "Thanks, but no.", "Thanks, but no."},
	{"en", Hedging, "Hi Sam, thanks for writing. I think maybe I can't make it this time, but I hope the event goes really well for you.", "I think maybe"},
	{"en", Hedging, "Hi Sam, thanks for writing. Maybe I won't be able to join this time, but I hope the event goes really well for you and the team.", "Maybe"},

	{"zh", MissingThanks, "小王，你好！\n\n我最近没法约咖啡。最近工作比较忙。如果有具体问题，欢迎在这里留言，我看到后会回复你。", "我最近没法约咖啡。"},
	{"zh", ExcessiveApology, "小王，你好！谢谢你的来信。真的很抱歉，我这周无法参加，对不起让你久等了，祝你一切顺利。", "对不起"},
	{"zh", OverExplaining, "小王，你好！谢谢你的来信。我无法参加，因为工作太忙，而且孩子生病了，另外我还要搬家。祝顺利！", "因为工作太忙，而且孩子生病了，另外"},
	{"zh", FalsePromise, "小王，你好！谢谢你的来信。这周我没办法见面，改天一定约你喝咖啡，祝你一切顺利，工作顺心！", "一定"},
	{"zh", Placeholder, "【姓名】，你好！谢谢你的来信。这周我没办法见面，但很愿意保持联系，祝你一切顺利，工作顺心！", "【姓名】"},
	{"zh", TooLong, "你好！谢谢你的来信。" + strings.Repeat("这是一句很长很长的话，一直说个不停。", 12), "停。"},
	{"zh", TooShort, "谢谢，不用了。", "谢谢，不用了。"},
	{"zh", Hedging, "小王，你好！谢谢你的来信。我觉得可能这次参加不了，也许以后再说吧，祝你一切顺利，工作顺心！", "我觉得可能"},

	{"es", MissingThanks, "Hola, Sam:\n\nAhora mismo no puedo asumir esto. Estoy con mucho trabajo. Escríbeme de nuevo dentro de unos meses si te apetece.", "Ahora mismo no puedo asumir esto."},
	{"es", ExcessiveApology, "Hola, Sam: gracias por escribirme. Lo siento mucho, pero no puedo ahora mismo. Disculpa de nuevo por la demora, y mucha suerte con todo.", "Disculpa"},
	{"es", OverExplaining, "Hola, Sam: gracias por escribirme. No puedo porque tengo mucho trabajo, además mi hijo está enfermo y también me mudo la semana que viene.", "porque tengo mucho trabajo, además mi hijo está enfermo y también"},
	{"es", FalsePromise, "Hola, Sam: muchas gracias por escribirme. No puedo este mes, pero quedamos muy pronto sin falta para tomar un café.", "muy pronto"},
	{"es", Placeholder, "Hola, [Nombre]: muchas gracias por escribirme. No puedo este mes, pero me encantaría seguir en contacto contigo más adelante.", "[Nombre]"},
	{"es", TooLong, "Hola, Sam: gracias por escribirme. " + strings.Repeat("Esta es una frase larga que sigue y sigue. ", 14), "sigue."},
	{"es", TooShort, "Gracias, pero no.", "Gracias, pero no."},
	{"es", Hedging, "Hola, Sam: gracias por escribirme. Creo que quizás no pueda ir esta vez, pero espero que el evento salga muy bien.", "Creo que quizás"},

	{"fr", MissingThanks, "Bonjour Sam,\n\nJe ne peux pas m'engager pour le moment. J'ai beaucoup de travail. Revenez vers moi d'ici quelques mois si vous le souhaitez.", "Je ne peux pas m'engager pour le moment."},
	{"fr", ExcessiveApology, "Bonjour Sam, merci pour votre message. Je suis désolée, je ne peux pas en ce moment. Toutes mes excuses pour le délai, et bonne continuation.", "excuses"},
	{"fr", OverExplaining, "Bonjour Sam, merci pour votre message. Je ne peux pas car j'ai trop de travail, de plus mon fils est malade et je déménage aussi la semaine prochaine.", "car j'ai trop de travail, de plus mon fils est malade et je déménage aussi"},
	{"fr", FalsePromise, "Bonjour Sam, merci beaucoup pour votre message. Je ne peux pas ce mois-ci, mais on se fait un café très bientôt, c'est promis !", "très bientôt"},
	{"fr", Placeholder, "Bonjour {prénom}, merci beaucoup pour votre message. Je ne peux pas ce mois-ci, mais j'aimerais garder le contact avec vous.", "{prénom}"},
	{"fr", TooLong, "Bonjour Sam, merci pour votre message. " + strings.Repeat("Ceci est une longue phrase qui continue encore. ", 14), "encore."},
	{"fr", TooShort, "Merci, mais non.", "Merci, mais non."},
	{"fr", Hedging, "Bonjour Sam, merci pour votre message. Je pense que peut-être je ne pourrai pas venir cette fois, mais bonne continuation.", "Je pense que peut-être"},

	{"de", MissingThanks, "Hallo Sam,\n\nIm Moment kann ich das nicht übernehmen. Ich habe viel zu tun. Melde dich gern in ein paar Monaten wieder, wenn du magst.", "Im Moment kann ich das nicht übernehmen."},
	{"de", ExcessiveApology, "Hallo Sam, danke für deine Nachricht. Es tut mir leid, aber ich kann gerade nicht. Entschuldige bitte die späte Antwort, und viel Erfolg.", "Entschuldige"},
	{"de", OverExplaining, "Hallo Sam, danke für deine Nachricht. Ich kann nicht, weil ich viel Arbeit habe, außerdem ist mein Kind krank und ich ziehe auch noch um.", "weil ich viel Arbeit habe, außerdem ist mein Kind krank und ich ziehe auch"},
	{"de", FalsePromise, "Hallo Sam, vielen Dank für deine Nachricht. Diesen Monat kann ich leider nicht, aber wir trinken auf jeden Fall bald einen Kaffee!", "auf jeden Fall"},
	{"de", Placeholder, "Hallo <VORNAME>, vielen Dank für deine Nachricht. Diesen Monat kann ich leider nicht, aber ich bleibe gern mit dir in Kontakt.", "<VORNAME>"},
	{"de", TooLong, "Hallo Sam, danke für deine Nachricht. " + strings.Repeat("Das ist ein langer Satz, der immer weiter geht. ", 13), "geht."},
	{"de", TooShort, "Danke, aber nein.", "Danke, aber nein."},
	{"de", Hedging, "Hallo Sam, danke für deine Nachricht. Vielleicht kann ich diesmal nicht kommen, aber ich wünsche dir viel Erfolg mit dem Event.", "Vielleicht"},

	{"pt", MissingThanks, "Olá, Sam,\n\nNo momento não consigo me comprometer com isso. Estou com muito trabalho. Me escreva de novo daqui a alguns meses, se quiser.", "No momento não consigo me comprometer com isso."},
	{"pt", ExcessiveApology, "Olá, Sam, obrigado pela mensagem. Sinto muito, mas não posso agora. Peço mil desculpas pela demora, e boa sorte com tudo.", "Peço mil desculpas"},
	{"pt", OverExplaining, "Olá, Sam, obrigada pela mensagem. Não posso porque estou com muito trabalho, além disso meu filho está doente e também vou me mudar na semana que vem.", "porque estou com muito trabalho, além disso meu filho está doente e também"},
	{"pt", FalsePromise, "Olá, Sam, muito obrigado pela mensagem. Não posso este mês, mas com certeza a gente toma um café muito em breve!", "com certeza"},
	{"pt", Placeholder, "Olá, [Nome], muito obrigado pela mensagem. Não posso este mês, mas gostaria de manter contato com você mais adiante.", "[Nome]"},
	{"pt", TooLong, "Olá, Sam, obrigado pela mensagem. " + strings.Repeat("Esta é uma frase longa que continua sem parar. ", 14), "parar."},
	{"pt", TooShort, "Obrigado, mas não.", "Obrigado, mas não."},
	{"pt", Hedging, "Olá, Sam, obrigada pela mensagem. Acho que talvez eu não consiga ir desta vez, mas espero que o evento seja um sucesso.", "Acho que talvez"},
	{"pt", Hedging, "Olá, Sam, obrigada pela mensagem. Infelizmente não vou conseguir ir desta vez, talvez numa próxima, mas espero que o evento seja um sucesso.", "talvez"},
	// European Portuguese, checked as pt.
	{"pt-PT", FalsePromise, "Olá, Sam, agradeço-te a mensagem. Este mês não me é possível, mas havemos de combinar um café em breve!", "havemos de combinar"},
	{"pt-PT", Hedging, "Olá, Sam, agradeço-te a mensagem. Se calhar não vou conseguir ir desta vez, mas espero que o evento corra muito bem.", "Se calhar não"},
	{"pt-PT", ExcessiveApology, "Olá, Sam, bem hajas pela mensagem. Tenho muita pena, mas não posso agora. Peço imensa desculpa pela demora, e boa sorte.", "Peço imensa desculpa"},
}

func TestRules(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range cases {
		got, err := Check(c.text, c.lang)
		if err != nil {
			t.Fatal(err)
		}
		var hit *model.Issue
		for i := range got {
			if got[i].ID == c.rule {
				hit = &got[i]
				break
			}
		}
		if hit == nil {
			t.Errorf("%s %s: not found in %q (got %v)", c.lang, c.rule, c.text, ids(got))
			continue
		}
		covered[c.lang+"/"+c.rule] = true
		if !strings.HasSuffix(hit.Text, c.span) && hit.Text != c.span {
			t.Errorf("%s %s: span %q, want %q", c.lang, c.rule, hit.Text, c.span)
		}
		for _, is := range got {
			checkSpan(t, c.text, is)
			if is.ID != c.rule && is.ID != Hedging && is.ID != TooShort {
				t.Errorf("%s %s: also reports %s at %q", c.lang, c.rule, is.ID, is.Text)
			}
		}
	}
	for _, lang := range Langs() {
		for _, rule := range Rules() {
			if !covered[lang+"/"+rule] {
				t.Errorf("no case for %s in %s", rule, lang)
			}
		}
	}
}

func ids(is []model.Issue) []string {
	var out []string
	for _, i := range is {
		out = append(out, i.ID)
	}
	return out
}

// checkSpan verifies that an issue's offsets are UTF-16 offsets into text
// and that Issue.Text is exactly that slice.
func checkSpan(t *testing.T, text string, is model.Issue) {
	t.Helper()
	u := utf16.Encode([]rune(ptext.Valid(text))) // as a browser decodes the bytes
	if is.Start < 0 || is.End < is.Start || is.End > len(u) {
		t.Fatalf("%s: span %d-%d outside 0-%d", is.ID, is.Start, is.End, len(u))
	}
	if is.Start < len(u) && utf16.IsSurrogate(rune(u[is.Start])) && u[is.Start] >= 0xDC00 {
		t.Fatalf("%s: start %d splits a surrogate pair", is.ID, is.Start)
	}
	if is.End < len(u) && u[is.End] >= 0xDC00 && u[is.End] <= 0xDFFF {
		t.Fatalf("%s: end %d splits a surrogate pair", is.ID, is.End)
	}
	if got := string(utf16.Decode(u[is.Start:is.End])); got != is.Text {
		t.Fatalf("%s: slice %q != Text %q", is.ID, got, is.Text)
	}
}

func TestLang(t *testing.T) {
	for _, l := range []string{"", "EN", " de "} {
		if _, err := Check(clean["en"], l); err != nil {
			t.Errorf("%q: %v", l, err)
		}
	}
	_, err := Check("Thanks", "xx")
	var fe *model.FieldError
	if !errors.As(err, &fe) || fe.Field != "lang" || fe.Msg != `unsupported language "xx"; supported: en, zh, es, fr, de, pt` {
		t.Errorf("got %v", err)
	}
}

func TestWords(t *testing.T) {
	for _, c := range []struct {
		text string
		want int
	}{
		{"", 0},
		{"Hi Sam, thank you!", 4},
		{"I'm well-known — it's fine.", 4},
		{"谢谢你的来信", 4},    // 6 Han characters / 1.7 = 3.5, rounded
		{"谢谢Lena的来信", 4}, // 5 Han characters (2.94) + one word
		{"Ünïcödé wörds ça va", 4},
		{"Bis zum 15. Januar 2027", 5},
	} {
		if got := Words(c.text); got != c.want {
			t.Errorf("Words(%q) = %d, want %d", c.text, got, c.want)
		}
	}
}

// TestRuneClasses holds isWord and isCJK, with their shortcuts for ASCII and
// for runes below every CJK script, to the Unicode tables they stand for, on
// every rune and a few that are not runes.
func TestRuneClasses(t *testing.T) {
	for r := rune(-2); r <= unicode.MaxRune+2; r++ {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		cjk := unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
		if isWord(r) != word || isCJK(r) != cjk {
			t.Fatalf("rune %U: isWord %v, isCJK %v; the tables say %v, %v", r, isWord(r), isCJK(r), word, cjk)
		}
	}
}

func TestSpansEmoji(t *testing.T) {
	text := "Hi 👋🏽 Sam, I'm so sorry 😅 and sorry again, I can't. 🙏"
	got, err := Check(text, "en")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, is := range got {
		checkSpan(t, text, is)
		found = found || is.ID == ExcessiveApology
	}
	if !found {
		t.Errorf("apology not found after emoji: %v", ids(got))
	}
}

func TestDeclines(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"Sorry, I can't take this on right now.", true},
		{"Leider kann ich nicht.", true},
		{"我目前无法参加。", true},
		{"Agradeço, mas infelizmente não vou conseguir participar.", true},
		{"Obrigada! Vou passar o seu currículo para o time.", false}, // passar: forward, not pass
		{"Agradeço, mas desta vez passo.", true},
		{"Não me consigo lembrar do nome dele, mas já te digo.", false}, // I can't remember: no decline
		{"Adorei a ideia, vamos conversar na semana que vem.", false},
		{"Happy to chat next week!", false},
		// An idiom that holds a decline phrase says no such thing.
		{"Thanks Lena, I can't wait to see your project, let's definitely talk soon!", false},
		{"你好李明！很高兴认识你，你能不能把你们项目的链接发给我？", false}, // 能不能: could you
		{"No puedo esperar a ver tu proyecto.", false},
		{"Não posso esperar para ver o projeto!", false},
		{"Das kann ich nicht ablehnen!", false},
		{"I'll pass on your CV to the hiring manager.", false},
		// A no with a counter-offer after a contrast answers with a yes.
		{"Thanks Lena! I'm not available on Tuesday, but Wednesday afternoon works. How about 3pm?", false},
		{"Dienstag kann ich leider nicht, aber Mittwoch passt.", false},
		{"No puedo el martes, pero el jueves me va bien.", false},
		{"Je ne peux pas mardi, mais jeudi me convient.", false},
		{"Não posso na terça, mas quarta funciona.", false},
		{"我周二没有时间，但周三有空。", false},
		// A contrast that only defers, or a no after the counter-offer, is a no.
		{"Thanks Lena! I'm not able to take this on right now, but feel free to reach out again in a few months.", true},
		{"I can't do Tuesday, but Wednesday works. Actually, I can't take this on at all.", true},
		{"我无法参加，不过以后可以再联系。", true},
		// Each language is read alone: "mais" is "more" in Portuguese, not
		// the French "but", and "pode ser" after it is no counter-offer.
		{"Não posso agora, mais para frente pode ser.", true},
	} {
		if got := Declines(c.text); got != c.want {
			t.Errorf("Declines(%q) = %v", c.text, got)
		}
	}
}
