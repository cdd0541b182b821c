package assess

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"politely/internal/model"
	"politely/internal/rules"
)

// The interface language changes the words, never the judgment: the same
// verdict, ids, asks, minutes and evidence spans, as many reasons, and each
// finding in the chosen language.
func TestLanguageChangesOnlyWords(t *testing.T) {
	p := pack(t)
	files, _ := filepath.Glob("../../testdata/messages/*")
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	profile := model.Profile{CapacityHoursPerWeek: 1, CommittedHoursThisWeek: 0.5, BreakUntil: now.AddDate(0, 1, 0), Expertise: []string{"go"},
		Experts: []model.Expert{{Name: "Maya Chen", Topics: []string{"fundraising"}}}}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, pr := range []model.Profile{{}, profile} {
			r := model.Request{Text: string(b), Now: now, Profile: pr}
			en := Assess(p, r)
			for _, lang := range rules.Langs[1:] {
				r.UILang = lang
				got := Assess(p, r)
				if got.Verdict != en.Verdict || !reflect.DeepEqual(got.Asks, en.Asks) || got.MinutesAsked != en.MinutesAsked || len(got.Reasons) != len(en.Reasons) {
					t.Fatalf("%s in %s: %v %v %d %q, English %v %v %d %q", f, lang, got.Verdict, got.Asks, got.MinutesAsked, got.Reasons, en.Verdict, en.Asks, en.MinutesAsked, en.Reasons)
				}
				s := p.Speech(lang)
				for k, fs := range [][2][]model.Finding{{got.Flags, en.Flags}, {got.Signals, en.Signals}} {
					if len(fs[0]) != len(fs[1]) {
						t.Fatalf("%s in %s: findings %d", f, lang, k)
					}
					for i := range fs[0] {
						g, e := fs[0][i], fs[1][i]
						if g.ID != e.ID || !reflect.DeepEqual(g.Evidence, e.Evidence) {
							t.Errorf("%s in %s: %s %v, English %s %v", f, lang, g.ID, g.Evidence, e.ID, e.Evidence)
						}
						if want := s.Labels[p.Index(g.ID)].Title; g.Title != want || !strings.HasPrefix(g.Why, s.Labels[p.Index(g.ID)].Why) {
							t.Errorf("%s in %s: %s titled %q, want %q", f, lang, g.ID, g.Title, want)
						}
					}
				}
				for _, reason := range got.Reasons {
					if strings.Contains(reason, "{") || reason == "" {
						t.Errorf("%s in %s: reason %q", f, lang, reason)
					}
					if lang == "zh" && !strings.HasSuffix(reason, "。") {
						t.Errorf("%s in zh: reason %q does not end as a Chinese sentence", f, reason)
					}
				}
			}
		}
	}
}

// A few reasons as a German, French, Chinese, Spanish and Portuguese reader
// sees them; ui_lang wins over lang, and a language politely does not speak
// falls back to lang.
func TestReasonsInLanguages(t *testing.T) {
	p := pack(t)
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		ui, lang, text string
		profile        model.Profile
		want           string
	}{
		{"de", "", "We help companies like yours cut churn. Can I show you a quick demo?", model.Profile{}, "Verkaufsabsicht: Die Nachricht bewirbt ein Produkt oder eine Dienstleistung („We help companies like yours cut“, „show you a quick demo“)."},
		{"fr", "", "I'd love to pick your brain about how you grew your newsletter.", model.Profile{}, "Demande prématurée\u202f: on vous demande des conseils avant toute relation («\u202fpick your brain\u202f»)."},
		{"zh", "", "Could we grab a 30 minute coffee next week?", model.Profile{CapacityHoursPerWeek: 2, CommittedHoursThisWeek: 1.75}, "时间已满：这需要大约0.5小时，而你每周留给社交的2小时中已经安排了1.8小时。"},
		{"es", "", "Could we grab a 90 minute coffee next week?", model.Profile{CapacityHoursPerWeek: 2, CommittedHoursThisWeek: 1}, "Sin tiempo disponible: esto pide alrededor de 1,5 horas, y ya has comprometido 1 hora del tiempo que reservas para networking (2 horas a la semana)."},
		{"fr", "", "Could we grab a 90 minute coffee next week?", model.Profile{CapacityHoursPerWeek: 2, CommittedHoursThisWeek: 1}, "cela demande environ 1,5 heure, et vous avez déjà engagé 1 heure du temps que vous réservez au réseautage (2 heures par semaine)"},
		{"pt-BR", "", "We help companies like yours cut churn. Can I show you a quick demo?", model.Profile{}, "Oferta comercial: a mensagem promove um produto ou um serviço (“We help companies like yours cut”, “show you a quick demo”)."},
		{"pt", "", "I'd love to pick your brain about how you grew your newsletter.", model.Profile{}, "Pedido prematuro: a pessoa pede conselhos antes de existir qualquer relação (“pick your brain”)."},
		{"pt", "", "Could we grab a 90 minute coffee next week?", model.Profile{CapacityHoursPerWeek: 2, CommittedHoursThisWeek: 1}, "Agenda cheia: isto pede cerca de 1,5 hora, e você já comprometeu 1 hora do tempo que reserva para networking (2 horas por semana)."},
		{"pt", "", "Could we grab a coffee next week?", model.Profile{BreakUntil: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}, "Em pausa de networking: seu perfil indica uma pausa de networking até 1º de janeiro de 2027."},
		{"pt-BR", "de", "Hi", model.Profile{}, "A mensagem é curta demais"},
		{"it-IT", "de", "Hi", model.Profile{}, "Die Nachricht ist zu kurz"},
		{"", "es", "Hi", model.Profile{}, "El mensaje es demasiado corto"},
		{"zh-CN", "de", "Hi", model.Profile{}, "消息太短"},
	} {
		got := Assess(p, model.Request{Text: c.text, Now: now, Profile: c.profile, UILang: c.ui, Lang: c.lang})
		if !strings.Contains(strings.Join(got.Reasons, "\n"), c.want) {
			t.Errorf("%s/%s %q: reasons %q, want %q", c.ui, c.lang, c.text, got.Reasons, c.want)
		}
	}
}

// The usual ways to ask in the other languages, written for this test: each
// message asks for the one thing named (want "" asks for no introduction,
// "!x" does not ask for x).
func TestAsksInLanguages(t *testing.T) {
	p := pack(t)
	for _, c := range []struct{ want, text string }{
		{"meeting", "Hallo Jana, hätten Sie nächste Woche Zeit für ein kurzes Telefonat?"},
		{"meeting", "Hallo Jana, können wir uns auf einen Kaffee treffen?"},
		{"event", "Hallo Jonas, wir würden dich gern für einen Abend bei unserer Java User Group einladen."},
		{"event", "Oi Pedro, você toparia palestrar no nosso meetup de Python em maio?"},
		{"advice", "Hola Jorge, estoy empezando en el mundo backend, ¿qué libros me recomendarías?"},
		{"advice", "Olá Rita, quais livros você recomendaria para quem está começando em dados?"},
		{"event", "Hallo Jana, hätten Sie Lust, einen Vortrag auf unserer Konferenz im Mai zu halten?"},
		{"connect", "Hallo Jana, ich würde mich gerne mit Ihnen vernetzen."},
		{"referral", "Hallo Jana, könnten Sie mich intern für die Stelle empfehlen?"},
		{"advice", "Hallo Jana, ich würde gerne Ihren Rat zu meinem Karrierewechsel hören."},
		{"introduction", "Hallo Jana, könnten Sie mich Ihrem CTO vorstellen?"},
		{"job", "Hallo Jana, ich bewerbe mich auf die Stelle als Data Engineer bei Ihnen."},
		{"feedback", "Hallo Jana, würden Sie mir Feedback zu meinem Lebenslauf geben?"},
		{"event", "Hallo Jana, ich lade Sie zu unserem Meetup am Donnerstag ein."},
		{"meeting", "Bonjour Julie, seriez-vous disponible pour un appel de 15 minutes la semaine prochaine ?"},
		{"connect", "Bonjour Julie, j'aimerais rejoindre votre réseau."},
		{"referral", "Bonjour Julie, pourriez-vous me recommander en interne pour ce poste ?"},
		{"advice", "Bonjour Julie, j'aimerais avoir vos conseils sur ma reconversion."},
		{"introduction", "Bonjour Julie, pourriez-vous me présenter à votre directeur technique ?"},
		{"feedback", "Bonjour Julie, pourriez-vous me donner votre avis sur mon CV ?"},
		{"event", "Bonjour Julie, je vous invite à notre webinaire jeudi prochain."},
		{"meeting", "Hola Lucía, ¿tendrías 15 minutos para una llamada la semana que viene?"},
		{"connect", "Hola Lucía, me encantaría conectar contigo."},
		{"referral", "Hola Lucía, ¿podrías recomendarme para el puesto en tu empresa?"},
		{"advice", "Hola Lucía, me gustaría pedirte consejo sobre mi carrera."},
		{"introduction", "Hola Lucía, ¿me podrías presentar a tu jefe de ingeniería?"},
		{"feedback", "Hola Lucía, ¿me darías tu opinión sobre mi portafolio?"},
		{"event", "Hola Lucía, te invito a nuestro evento el jueves."},
		{"meeting", "Olá Ana, teria 15 minutos para uma conversa na próxima semana?"},
		{"referral", "Olá Ana, poderia me indicar para a vaga na sua empresa?"},
		{"referral", "Olá Ana, você poderia encaminhar meu currículo para o gestor da vaga?"},
		{"mentorship", "Olá Ana, você teria disponibilidade para uma mentoria?"},
		{"event", "您好，诚邀您参加我们下周六的技术分享会并做主题演讲。"},
		{"collaboration", "您好，我们想和贵公司探讨一下合作的可能性。"},
		{"mentorship", "您好，能否请您做我的职业导师？"},
		{"mentorship", "Hola Lucía, ¿estarías abierta a darme una mentoría este trimestre?"},
		{"mentorship", "Bonjour Julie, accepteriez-vous un mentorat de quelques mois ?"},
		{"referral", "Hola Lucía, ¿podrías hacer llegar mi CV al equipo de contratación?"},
		{"referral", "Hallo Jana, könnten Sie meinen Lebenslauf an die Abteilung weiterleiten?"},
		{"advice", "Olá Ana, gostaria de pedir seu conselho sobre minha carreira."},
		{"meeting", "李经理您好，下周能否约个时间喝杯咖啡？"},
		{"referral", "李经理您好，能帮我内推一下贵公司的岗位吗？"},
		{"advice", "李经理您好，想请教您一些职业发展的问题。"},
		{"introduction", "李经理您好，能否帮我引荐一下贵公司的技术总监？"},
		{"feedback", "李经理您好，能否帮我看看我的简历，给点反馈？"},
		{"event", "李经理您好，诚邀您参加我们下周的线上活动。"},
		{"connect", "李经理您好，希望能和您建立联系。"},
		{"meeting", "您好，下周方便约个电话聊聊吗？"},
		{"connect", "您好，很欣赏您的经历，希望能和您建立联系。"},
		{"event", "您好，诚邀您参加我们下个月在上海举办的技术峰会。"},
		{"advice", "您好，想请教您一个关于转行做产品经理的问题。"},
		{"job", "您好，我们正在招聘高级后端工程师，您的背景非常匹配，有兴趣聊聊吗？"},
		{"referral", "Hallo Sam, wir haben zusammen bei Siemens gearbeitet! Könntest du mich für die Stelle als Data Engineer in deinem Team empfehlen?"},
		// Collaboration, mentorship, a trial, feedback and a talk, in five languages.
		{"collaboration", "Hallo Jana, hätten Sie Interesse an einer Zusammenarbeit bei unserem Open-Source-Projekt?"},
		{"mentorship", "Hallo Jana, würden Sie mich als Mentorin ein paar Monate begleiten?"},
		{"purchase", "Hallo Jana, möchten Sie unsere Software 30 Tage kostenlos testen?"},
		{"feedback", "Hallo Jana, könnten Sie einen kurzen Blick auf meinen Pitch werfen und mir Ihre Meinung sagen?"},
		{"event", "Hallo Jana, ich würde Sie gern als Speakerin für unsere Konferenz im Mai gewinnen."},
		{"collaboration", "Bonjour Julie, seriez-vous intéressée par une collaboration sur un article commun ?"},
		{"mentorship", "Bonjour Julie, accepteriez-vous d'être ma mentore pendant quelques mois ?"},
		{"purchase", "Bonjour Julie, souhaitez-vous tester gratuitement notre outil pendant 14 jours ?"},
		{"feedback", "Bonjour Julie, pourriez-vous jeter un œil à mon portfolio et me faire un retour ?"},
		{"event", "Bonjour Julie, nous serions ravis de vous compter parmi les intervenants de notre meetup."},
		{"collaboration", "Hola Lucía, ¿te interesaría colaborar en un proyecto de código abierto?"},
		{"mentorship", "Hola Lucía, ¿aceptarías ser mi mentora durante unos meses?"},
		{"purchase", "Hola Lucía, ¿quieres probar gratis nuestra herramienta durante 14 días?"},
		{"feedback", "Hola Lucía, ¿podrías echarle un vistazo a mi portafolio y darme tu opinión?"},
		{"event", "Hola Lucía, nos encantaría que fueras ponente en nuestro meetup de mayo."},
		{"collaboration", "Olá Ana, você teria interesse em colaborar num projeto de código aberto?"},
		{"mentorship", "Olá Ana, você aceitaria ser minha mentora por alguns meses?"},
		{"purchase", "Olá Ana, quer testar grátis a nossa ferramenta por 14 dias?"},
		{"feedback", "Olá Ana, poderia dar uma olhada no meu portfólio e me dar um feedback?"},
		{"event", "Olá Ana, gostaríamos de convidá-la para palestrar no nosso meetup de maio."},
		{"collaboration", "李经理您好，不知您是否有兴趣和我们在开源项目上合作？"},
		{"mentorship", "李经理您好，不知您是否愿意做我的导师，指导我几个月？"},
		{"purchase", "李经理您好，欢迎免费试用我们的工具14天。"},
		{"feedback", "李经理您好，能否帮我看看我的作品集，给点意见？"},
		{"event", "李经理您好，诚邀您作为嘉宾在我们五月的技术沙龙上做分享。"},
		// And in English.
		{"advice", "Hi Dana, I'm weighing two offers and would value your perspective on which team to join."},
		{"advice", "Hi Dana, any tips for someone moving from support into product management?"},
		{"feedback", "Hi Dana, would you mind reviewing my resume and telling me what you'd change?"},
		{"feedback", "Hi Dana, could you take a look at our landing page and share your honest thoughts?"},
		{"collaboration", "Hi Dana, I think there's a great opportunity for us to co-host a webinar together."},
		{"collaboration", "Hi Dana, would you be interested in co-authoring a paper on evaluation methods?"},
		{"mentorship", "Hi Dana, I'd be grateful if you could mentor me as I grow into a staff role."},
		{"purchase", "Hi Dana, would you like to sign up for our beta? Spots are free this month."},
		{"event", "Hi Dana, we'd be honored to have you keynote our annual summit in June."},
		{"event", "Hi Dana, would you join us as a guest on our podcast next month?"},
		{"introduction", "Hi Dana, would you be willing to connect me with someone on the payments team at Stripe?"},
		{"referral", "Hi Dana, would you be comfortable referring me internally for the analyst position?"},
		{"job", "Hi Dana, I'm interested in the open backend role at your company and would love to be considered."},
		{"meeting", "Hi Dana, would you have time for a quick video call next Tuesday?"},
		{"connect", "Hi Dana, I'd love to add you to my network."},
		{"meeting", "Hey Dana, are you around next week? Would be great to grab a pint and catch up properly."},
		{"introduction", "Hi Dana, would you be able to point me to the right person on your partnerships team?"},
		{"mentorship", "Dear Dana, would you have space to take on a mentee this year?"},
		{"purchase", "Hi Dana, we're raising a seed round for our heat-battery startup; may I send you the deck?"},
		{"event", "Dear Dana, the committee would be honoured to have you deliver the closing keynote in November."},
		{"collaboration", "Hey Dana, what would you think of co-writing a piece on RAG setups? Or fancy teaming up on a talk?"},
		{"feedback", "Hi Dana, would you be willing to give my portfolio a once-over and tell me what falls flat?"},
		{"connect", "Hey Dana, we met at the hackathon; sending a request so we don't lose touch."},
		{"referral", "Hi Dana, the board asked for LinkedIn recommendations; would you write a short one for me?"},
		// A recruiter's offer, a connection, questions about a career.
		{"job", "Hallo Jana, ich bin Recruiterin bei Zalando und hätte eine spannende Position als Teamlead für Sie. Hätten Sie Interesse?"},
		{"job", "Bonjour Julie, je suis chasseuse de têtes et j'ai une opportunité de directrice technique qui pourrait vous intéresser."},
		{"job", "Hola Lucía, soy reclutadora en Mercado Libre y tengo una vacante de líder técnica que encaja con tu perfil."},
		{"job", "Olá Ana, sou recrutadora na Nubank e tenho uma vaga de gerente de engenharia que combina com seu perfil."},
		{"job", "李经理您好，我是猎头，有一个技术总监的机会想和您聊聊。"},
		{"connect", "Bonjour Julie, je serais ravie d'échanger et de rejoindre votre réseau."},
		{"connect", "Hola Lucía, me gustaría sumarte a mi red de contactos."},
		{"connect", "Olá Ana, gostaria de adicionar você à minha rede."},
		{"advice", "Hallo Jana, darf ich Ihnen ein paar Fragen zu Ihrem Werdegang stellen?"},
		{"advice", "Bonjour Julie, pourrais-je vous poser quelques questions sur votre parcours ?"},
		{"advice", "Hola Lucía, ¿podría hacerte unas preguntas sobre tu trayectoria?"},
		{"advice", "Olá Ana, posso te fazer algumas perguntas sobre sua carreira?"},
		// Introducing oneself is no ask to be introduced.
		{"", "Hallo Jana, darf ich mich kurz vorstellen? Ich bin Data Engineer in Berlin."},
		{"", "Hola Lucía, me gustaría presentarme: soy ingeniera de datos en Madrid."},
		// Naming a talk heard or a partnership that failed asks for neither.
		{"!event", "您好，上周在技术分享会上听了您的演讲，收获很大。"},
		{"!collaboration", "您好，我们公司和贵公司之前有过合作的可能，但没谈成。"},
		// Indirect asks, colloquial ones and the ways a pitch raises money, in
		// five languages; and the traps beside them: a sales opener's "quick
		// question" asks no advice, connecting with the reader introduces
		// nobody, a self-introduction asks for none.
		{"job", "Hola Lucía, ¿están contratando en tu equipo de datos? Me encantaría formar parte de su empresa."},
		{"job", "Bonjour Julie, vous recrutez en ce moment ? J'aimerais que vous puissiez envisager ma candidature."},
		{"job", "李经理您好，市场部今年还有HC吗？如果有合适的岗位，希望能被纳入考虑。"},
		{"purchase", "Hola Lucía, estamos abriendo una ronda pre seed y buscamos inversores. ¿Te interesaría invertir?"},
		{"purchase", "Olá Ana, estamos a abrir uma rodada seed. Teria interesse em investir?"},
		{"purchase", "Bonjour Julie, essayez notre outil de paie gratuitement pendant un mois."},
		{"purchase", "李经理您好，我们正在进行天使轮融资，想问您是否有兴趣参与这一轮投资？"},
		{"referral", "Hallo Jana, könntest du bei der Recruiterin ein gutes Wort für mich einlegen?"},
		{"referral", "Salut Julie, tu pourrais me laisser une petite recommandation sur mon profil ?"},
		{"referral", "李经理您好，想请您在领英上帮我写一段推荐语。"},
		{"introduction", "Liebe Jana, könntest du uns miteinander bekannt machen?"},
		{"introduction", "Bonjour Julie, pourriez-vous m'introduire auprès de votre directrice RSE ?"},
		{"connect", "Hola Lucía, te envío una invitación para conectar."},
		{"connect", "Hallo Jana, lass uns doch hier connecten."},
		{"connect", "您好，冒昧发个好友申请，交个朋友。"},
		{"event", "Hola Lucía, te invito a unirte a nuestra comunidad de mujeres en datos."},
		{"event", "Bonjour Julie, nous serions honorées que vous rejoigniez notre cercle de dirigeantes."},
		{"collaboration", "Hola Lucía, buscamos socios del sector privado para un proyecto europeo."},
		{"collaboration", "Olá Ana, se fizer sentido, gostaria de trabalharmos juntos no futuro."},
		{"collaboration", "老刘，要不我们今年联合申报一下省里的科技专项？"},
		{"feedback", "Hola Lucía, ¿podrías echarle un ojo a mi CV y decirme qué mejorarías?"},
		{"feedback", "您好，我做了一份作品集，能否抽空帮我看一眼，指出哪里不够专业？"},
		{"mentorship", "Bonjour Julie, est-ce que tu serais partante pour me mentorer sur le management ?"},
		{"mentorship", "学长您好，不知您是否愿意作为mentor给我一些长期的指导？"},
		{"meeting", "Hola Lucía, me gustaría conversar 15 minutos; ¿tienes hueco esta semana?"},
		{"meeting", "Bonjour Julie, comme promis, je vous propose un déjeuner pour poursuivre la conversation."},
		{"advice", "Hola Rafa, una duda rápida: ¿cómo se negocia el salario en remoto?"},
		{"advice", "刘老师，备考期间要不要换工作？想再听听您的看法。"},
		{"!advice", "Olá Ana, uma pergunta rápida: quanto tempo a vossa equipa perde com faturas em papel?"},
		{"!introduction", "Guten Tag Frau Weber, gerne würde ich mich mit Ihnen vernetzen."},
		{"!introduction", "您好，很高兴认识您！简单介绍一下自己：我在深圳做采购。"},
		{"!job", "您好，我们是做海外渠道的，不知道贵司是否有兴趣在中东市场合作？"},
		// The third round: other professions, longer messages, an ask at
		// the end.
		{"introduction", "Hola Teresa, conoces a Ramón, el director de la planta. ¿Te importaría que nos pusieras en contacto?"},
		{"purchase", "Buenos días, desarrollamos un software para farmacias hospitalarias. ¿Le interesaría ver una demostración con su equipo?"},
		{"event", "Buenas, Sofía. Estamos armando una comunidad de contadoras en Chile. ¿Te gustaría sumarte?"},
		{"job", "Olá Sr. Tavares, sou chef de partie. Haveria lugar para mim na brigada de cozinha do novo hotel?"},
		{"feedback", "Oi Tiago, montei uma planilha de fluxo de caixa e queria muito seu olhar crítico. Se puder revisar, te mando."},
		{"mentorship", "Salut Marc, je me lance comme luthier : est-ce que tu serais partant pour me parrainer quelques mois ?"},
		{"referral", "Bonjour Hugo, je postule au Mucem ; accepterais-tu que je te cite comme référence ?"},
		{"advice", "Hallo Frau Yilmaz, ich stehe vor genau diesem Schritt: worauf sollte ich in den ersten Monaten besonders achten?"},
		{"collaboration", "Hallo Jana, ich würde mit deinem Ensemble gern ein gemeinsames Projekt für den Kultursommer auf die Beine stellen."},
		{"purchase", "卢先生您好，我们正在做天使轮融资，计划募集五百万元，不知您是否有兴趣了解？"},
		// The fifth round: trades, retail, sport, media, public sector.
		{"referral", "Estimado Andrés, ¿conoce usted a alguien en Bogotá que esté buscando un ingeniero de redes?"},
		{"job", "Oi Diego, vcs tao contratando eletricista ai na construtora? Se tiver vaga me avisa."},
		{"purchase", "Bonjour Pauline, on ouvre une souscription au capital de notre coopérative. Ça te dirait d'investir à nos côtés ?"},
		{"connect", "Salut ! Je vois qu'on bosse dans le même milieu, je t'ajoute à mes contacts."},
		{"advice", "Hallo Frau Dietrich, ich wechsle in die Beratung – hätten Sie ein paar Hinweise für mich?"},
		{"meeting", "您好！我有十年的供应链管理经验，期待能与您深入沟通，谢谢。"},
		{"!meeting", "我们的团队希望在明年深入研究这个方向。"},
		// European Portuguese puts the pronoun after the verb.
		{"referral", "Olá Rui, vi que a tua equipa está a contratar. Podes recomendar-me para a vaga?"},
		{"referral", "Bom dia, poderia indicar-me para a vaga de analista?"},
		{"introduction", "Olá Rui, podes apresentar-me ao diretor de engenharia?"},
		{"!introduction", "Olá Rui, na reunião vou apresentar-me como o novo responsável."},
		{"!referral", "Olá Rui, podes recomendar-me um bom livro sobre liderança?"},
	} {
		res := Assess(p, model.Request{Text: c.text})
		not, negated := strings.CutPrefix(c.want, "!")
		switch {
		case c.want == "" && slices.Contains(res.Asks, "introduction"):
			t.Errorf("%q: asks %v, wrongly an introduction", c.text, res.Asks)
		case negated && slices.Contains(res.Asks, not):
			t.Errorf("%q: asks %v, wrongly %s", c.text, res.Asks, not)
		case c.want != "" && !negated && !slices.Contains(res.Asks, c.want):
			t.Errorf("%q: asks %v, want %s among them", c.text, res.Asks, c.want)
		}
	}
}

// The usual red flags and green signals in the other languages, written for
// this test: each message shows the one named (want "": no red flag).
func TestFindingsInLanguages(t *testing.T) {
	p := pack(t)
	for _, c := range []struct{ want, text string }{
		{"personalized", "Hallo Jana, ich habe Ihren Vortrag auf der JSConf gesehen und fand ihn großartig."},
		{"mutual_connection", "Hallo Jana, Thomas Berger hat mir empfohlen, mich bei Ihnen zu melden."},
		{"reciprocity", "Hallo Jana, falls ich Ihnen irgendwie helfen kann, sagen Sie gern Bescheid."},
		{"follow_up", "Hallo Jana, ich wollte mich nur noch einmal zu meiner letzten Nachricht melden."},
		{"prior_relationship", "Hallo Jana, schön, nach unserer gemeinsamen Zeit bei Siemens wieder von dir zu hören."},
		{"personalized", "Bonjour Julie, j'ai lu votre article sur la sobriété numérique, il m'a beaucoup plu."},
		{"mutual_connection", "Bonjour Julie, c'est Marc Dupont qui m'a conseillé de vous contacter."},
		{"reciprocity", "Bonjour Julie, si je peux vous aider en retour, n'hésitez pas."},
		{"follow_up", "Bonjour Julie, je me permets de revenir vers vous suite à mon précédent message."},
		{"personalized", "Hola Lucía, leí tu artículo sobre diseño de APIs y me pareció muy útil."},
		{"mutual_connection", "Hola Lucía, Javier Ruiz me sugirió que te escribiera."},
		{"reciprocity", "Hola Lucía, si puedo ayudarte en algo a cambio, dímelo."},
		{"follow_up", "Hola Lucía, te escribo de nuevo por si no viste mi mensaje anterior."},
		{"personalized", "Olá Ana, li o seu artigo sobre liderança e gostei muito."},
		{"mutual_connection", "Olá Ana, o Pedro Santos me sugeriu que eu falasse com você."},
		{"follow_up", "Olá Ana, estou voltando a entrar em contato sobre a minha última mensagem."},
		{"personalized", "李经理您好，拜读了您关于微服务的文章，收获很大。"},
		{"mutual_connection", "李经理您好，是王强推荐我联系您的。"},
		{"reciprocity", "李经理您好，如果有我能帮上忙的地方，请随时告诉我。"},
		{"follow_up", "李经理您好，想跟进一下上周给您发的消息。"},
		{"selling", "Hallo Jana, wir bieten eine Plattform, mit der Ihr Vertrieb 30 % mehr Termine bucht. Hätten Sie Zeit für eine kurze Demo?"},
		{"selling", "Bonjour Julie, notre solution aide les équipes RH à réduire le temps de recrutement de 40 %. Une démo de 15 minutes ?"},
		{"selling", "Hola Lucía, nuestra agencia ayuda a empresas como la tuya a conseguir más clientes. ¿Agendamos una llamada?"},
		{"selling", "Olá Ana, nossa plataforma ajuda empresas como a sua a vender mais. Posso te mostrar em 15 minutos?"},
		{"selling", "李经理您好，我们公司专注于企业数字化转型，可以为贵司提供定制化的解决方案，方便约个时间给您演示一下吗？"},
		{"reputation", "Hola, tengo una oportunidad de inversión en criptomonedas con rendimientos garantizados del 20% mensual."},
		{"reputation", "Olá, invista em criptomoedas com retorno garantido de 10% ao mês. Me chama no WhatsApp."},
		{"reputation", "Hola, buscamos personas para trabajo remoto de 2 horas al día, pagamos 120 dólares diarios. ¿Te interesa?"},
		{"", "Hola Lucía, cobro 40 euros por hora como contable; ¿conoces a alguien que necesite ayuda con su declaración?"},
		{"reputation", "Bonjour, investissez dans notre projet crypto avec un rendement garanti de 15 % par mois."},
		{"reputation", "Hallo, investieren Sie in unser Krypto-Projekt mit garantierter Rendite von 10 % im Monat."},
		{"reputation", "您好，我们有一个保本高收益的理财项目，每月收益10%，加我微信了解。"},
		{"premature_ask", "Hallo Jana, wir kennen uns nicht, aber könnten Sie mich für die offene Stelle bei Ihnen empfehlen?"},
		{"premature_ask", "Bonjour Julie, nous ne nous connaissons pas, mais pourriez-vous me recommander pour le poste ?"},
		{"premature_ask", "Hola Lucía, no nos conocemos, pero ¿podrías recomendarme para el puesto en tu empresa?"},
		{"premature_ask", "Olá Ana, não nos conhecemos, mas você poderia me indicar para a vaga na sua empresa?"},
		{"premature_ask", "李经理您好，我们素不相识，冒昧请您帮我内推一下贵公司的岗位。"},
		{"prior_relationship", "Hallo Sam, wir haben zusammen bei Siemens gearbeitet! Könntest du mich für die Stelle als Data Engineer in deinem Team empfehlen?"},
		// More signals in their usual words.
		{"personalized", "Hallo Jana, Ihr Beitrag über Teamkultur in Remote-Teams hat mich sehr angesprochen."},
		{"personalized", "Bonjour Julie, félicitations pour votre nouveau poste chez Doctolib !"},
		{"personalized", "Hola Lucía, vi tu publicación sobre liderazgo técnico y me encantó."},
		{"personalized", "Olá Ana, parabéns pela promoção! Vi seu post no LinkedIn."},
		{"personalized", "李经理您好，看了您在QCon上的演讲，很受启发。"},
		{"mutual_connection", "Hallo Jana, wir sind beide in der Gruppe \"Women in Data\" aktiv."},
		{"mutual_connection", "Bonjour Julie, nous avons fait la même école, l'ESSEC."},
		{"mutual_connection", "Hola Lucía, ambos estudiamos en la Universidad de Buenos Aires."},
		{"mutual_connection", "Olá Ana, estudamos na mesma faculdade, a USP."},
		{"mutual_connection", "李经理您好，我们都是清华的校友。"},
		{"reciprocity", "Bonjour Julie, en échange, je peux vous présenter à quelques investisseurs."},
		{"reciprocity", "Hola Lucía, a cambio puedo compartirte nuestra plantilla de onboarding."},
		{"reciprocity", "Olá Ana, posso te ajudar com o que precisar também."},
		{"reciprocity", "Olá Ana, parabéns pelo novo cargo! Se eu puder ajudar em algo, é só falar."},
		{"reciprocity", "Olá Ana, adorei a palestra. Pode contar comigo no que precisar."},
		{"follow_up", "Hallo Jana, ich hake noch einmal nach, ob Sie meine Nachricht gesehen haben."},
		{"follow_up", "Hola Lucía, solo quería saber si pudiste ver mi mensaje anterior."},
		{"follow_up", "Olá Ana, só queria saber se você viu minha mensagem."},
		{"prior_relationship", "Bonjour Julie, cela fait longtemps depuis notre projet commun chez Thales !"},
		{"prior_relationship", "Hola Lucía, ¡qué alegría saber de ti después de tanto tiempo!"},
		{"prior_relationship", "Olá Ana, que bom falar com você de novo depois de tantos anos!"},
		{"prior_relationship", "李经理您好，还记得我吗？我们以前是同事。"},
		{"follow_up", "Bonjour Julie, je me permets de vous relancer concernant mon message de la semaine dernière."},
		{"follow_up", "Hallo Jana, kurze Erinnerung an meine Nachricht von letzter Woche."},
		{"selling", "Hallo Jana, nur eine kurze Erinnerung an unser Angebot für Ihr Team. Passt es diese Woche für eine Demo?"},
		// Pitches and scams in Spanish, Portuguese and Chinese.
		{"selling", "Hola Carlos, somos una agencia de marketing digital especializada en clínicas dentales. ¿Te interesaría conseguir más pacientes este trimestre?"},
		{"selling", "Hola Carlos, ofrecemos desarrollo de software a medida con equipos en Colombia a precios muy competitivos."},
		{"selling", "Hola Carlos, te escribo porque nuestra herramienta automatiza la facturación de pymes. ¿Te muestro cómo funciona en 20 minutos?"},
		{"selling", "Olá Carlos, somos uma consultoria especializada em redução de custos tributários. Podemos agendar uma conversa?"},
		{"selling", "Olá Carlos, temos uma solução de atendimento com IA que reduz em 40% o tempo de resposta. Posso te mostrar?"},
		{"reputation", "Hola, gana hasta 2.000 euros al mes trabajando desde tu móvil solo 2 horas al día. Escríbeme y te explico."},
		{"reputation", "Hola Carlos, invierte en nuestro fondo de bitcoin con rentabilidad garantizada del 30% anual."},
		{"reputation", "Te seleccionamos para un empleo remoto, solo debes pagar 50 dólares de inscripción para empezar."},
		{"reputation", "Olá, ganhe dinheiro avaliando produtos no Instagram, pagamento diário via Pix. Me chama no WhatsApp."},
		{"reputation", "Olá Carlos, trabalho remoto com salário de 5 mil por mês, só precisa pagar a taxa do treinamento."},
		{"premature_ask", "Hola Carlos, no te conozco, pero ¿me podrías pasar mi CV a tu equipo de recursos humanos?"},
		{"premature_ask", "Olá Carlos, sei que não nos conhecemos, mas poderia encaminhar meu currículo para o RH?"},
		{"selling", "王总您好，我们是一家专业的SEO优化公司，可以帮助贵司网站排名提升到首页，费用优惠，有兴趣可以聊聊。"},
		{"selling", "您好，我们提供海外仓储和物流一站式服务，价格实惠，欢迎随时咨询。"},
		{"selling", "李经理好，我司的CRM系统已服务超过500家企业，能否约个时间给您做个线上演示？"},
		{"selling", "您好，我们是专业的招聘外包团队，可以帮贵司快速招到合适的工程师，按成功入职收费。"},
		{"selling", "您好，我们公司提供专业的外包开发服务，价格优惠，质量保证。请问您近期有相关需求吗？"},
		{"reputation", "Hallo Lena, wir suchen Investoren: mit nur 1.000 € Einlage garantieren wir 15 % Rendite pro Monat."},
		{"reputation", "Hola, ¿te interesa ganar dinero extra desde casa? Solo necesitas tu celular y 2 horas al día. Escríbeme y te explico."},
		{"reputation", "Olá! Quer ganhar dinheiro extra trabalhando poucas horas por dia? Me chama!"},
		{"reputation", "您好，我们的客户想就贵公司的产品路线图做一次付费访谈，一小时报酬2000元，绝对保密。"},
		{"reputation", "亲，在家动动手指就能日赚500元，宝妈学生都可以做，加我微信了解详情。"},
		{"reputation", "您好，我是某知名投资机构的分析师，带你炒股稳赚，进群免费领取牛股。"},
		{"reputation", "兼职刷单，佣金日结，一单一结，无需押金，加QQ联系。"},
		{"reputation", "恭喜您被我司录用为远程客服，上岗前需缴纳300元培训费。"},
		{"premature_ask", "张老师您好，我们不认识，但我很想进贵公司，能帮我内推一下吗？"},
		{"premature_ask", "您好，冒昧打扰，能否抽空帮我看看简历，顺便推荐一下贵司的岗位？"},
		{"premature_ask", "您好，我想请您当我的导师，指导我的职业发展。"},
		{"personalized", "您好，拜读了您在知乎上关于分布式系统的回答，受益匪浅。"},
		{"mutual_connection", "您好，是我们共同的朋友刘洋推荐我联系您的。"},
		{"prior_relationship", "老同学，好久不见！上次见面还是毕业典礼的时候。"},
		{"follow_up", "您好，不知道您是否看到了我上周发的消息，想再跟进一下。"},
		// Pitches, scams and favours in French and German.
		{"selling", "Bonjour Claire, nous accompagnons les PME dans leur transformation digitale. Seriez-vous disponible pour un échange de 20 minutes ?"},
		{"selling", "Bonjour Claire, je suis consultant en cybersécurité et je propose un audit gratuit de votre infrastructure."},
		{"selling", "Bonjour Claire, notre cabinet de recrutement peut vous présenter des profils de développeurs qualifiés sous 48 heures."},
		{"selling", "Hallo Claudia, wir unterstützen mittelständische Unternehmen bei der Digitalisierung ihrer Prozesse. Hätten Sie Interesse an einem kurzen Austausch?"},
		{"selling", "Hallo Claudia, als Personalvermittlung können wir Ihnen innerhalb einer Woche qualifizierte Entwickler vorstellen."},
		{"selling", "Hallo Claudia, ich biete ein kostenloses Erstgespräch zur Optimierung Ihrer LinkedIn-Präsenz an."},
		{"reputation", "Bonjour, devenez rentier grâce à notre formation trading, jusqu'à 3000 euros par mois sans effort."},
		{"reputation", "Bonjour, je recherche des personnes motivées pour un complément de revenu depuis chez soi, contactez-moi sur WhatsApp."},
		{"reputation", "Hallo, mit unserem Krypto-Bot verdienen Sie passiv bis zu 500 Euro pro Woche. Schreiben Sie mir auf Telegram."},
		{"reputation", "Hallo, wir suchen Mitarbeiter im Homeoffice, die Pakete annehmen und weiterleiten, 50 Euro pro Paket."},
		{"premature_ask", "Bonjour Claire, je suis étudiant et j'aimerais beaucoup que vous transmettiez ma candidature à votre équipe RH."},
		{"premature_ask", "Hallo Claudia, ich bin auf Jobsuche und wäre sehr dankbar, wenn Sie meinen Lebenslauf an Ihre Personalabteilung weiterleiten könnten."},
		// Pitches, scams and favours in Spanish, in words the first rules missed.
		{"selling", "Hola Marta, soy consultor de ciberseguridad y ayudo a pymes a proteger sus datos. ¿Te interesaría una auditoría sin coste?"},
		{"selling", "Hola, ¿quién se encarga del área de compras en tu empresa? Tenemos una propuesta que les puede interesar."},
		{"reputation", "Hola, estoy armando un equipo para un negocio digital desde casa. Se gana en dólares con solo 2 horas al día."},
		{"reputation", "Buen día, necesitamos personas para recibir transferencias en su cuenta y reenviarlas; comisión del 10%."},
		{"premature_ask", "Hola, ¿me podrías presentar a tu director de producto? Me encantaría trabajar con él."},
		{"", "Hola Ana, fue un gusto coincidir en la conferencia de Python en Madrid. Me encantaría seguir en contacto."},
		{"", "Hola Carlos, trabajamos juntos en BBVA hace años. ¡Enhorabuena por el nuevo puesto!"},
		{"", "Hola Lucía, ¿me podrías presentar en la reunión del jueves? Yo llevo las diapositivas."},
		// The same in Portuguese, French, German and Chinese: a buyer sought,
		// a business from home, a money mule, a crypto robot; then a
		// proposal to speak and a wish to earn in dollars, which are none.
		{"selling", "Olá, quem é o responsável pela área de compras aí? Temos uma proposta que pode interessar."},
		{"reputation", "Oi! Estou montando uma equipe para um negócio digital de casa. Dá para ganhar em dólar trabalhando 2 horas por dia."},
		{"reputation", "Precisamos de pessoas para receber transferências na sua conta e repassar; comissão de 10%."},
		{"selling", "Bonjour Claire, je travaille avec des cliniques comme la vôtre pour réduire les rendez-vous manqués. Cela aurait-il du sens d'en parler ?"},
		{"reputation", "Bonjour ! Je monte une équipe pour une activité en ligne depuis chez soi, on gagne en dollars avec 2 heures par jour."},
		{"reputation", "Nous cherchons des personnes pour recevoir des virements sur leur compte et les reverser, commission de 10 %."},
		{"selling", "Hallo Herr Weber, ich bin Berater für Online-Marketing und helfe kleinen Unternehmen, mehr Kunden zu gewinnen. Darf ich Ihnen in 15 Minuten zeigen, wie?"},
		{"selling", "Hallo, wer ist bei Ihnen für den Einkauf zuständig? Wir haben ein Angebot, das Sie interessieren könnte."},
		{"reputation", "Hallo! Ich baue ein Team für ein Online-Business von zu Hause auf, man verdient in Dollar mit 2 Stunden am Tag."},
		{"reputation", "Investieren Sie ab 100 Euro in unseren Krypto-Roboter und erhalten Sie garantiert 10 % Rendite im Monat."},
		{"reputation", "Wir suchen Personen, die Überweisungen auf ihrem Konto empfangen und weiterleiten, 10 % Provision."},
		{"premature_ask", "Hallo, wir kennen uns nicht, aber könnten Sie mich für die Analystenstelle bei der Allianz empfehlen?"},
		{"selling", "王总您好，我是做数字营销的，帮助中小企业获客。能否占用您15分钟介绍一下我们的方案？"},
		{"selling", "您好，我们刚推出一款自动化薪酬管理工具，可以为贵公司免费演示。"},
		{"selling", "您好，请问贵公司采购是哪位负责？我们有一个方案您可能会感兴趣。"},
		{"reputation", "你好！我在组建团队做线上项目，在家就能赚美元，每天只要两小时。"},
		{"reputation", "投资100元起，我们的数字货币机器人保证每月10%收益。"},
		{"", "Olá Ana, temos uma proposta de palestra para você no nosso meetup de dados em março. Topa?"},
		{"", "Hola Lucía, tenemos una propuesta para que des una charla en nuestro evento de mayo. ¿Te animas?"},
		{"", "Bonjour Claire, nous avons une proposition de conférence pour vous lors de notre meetup en mai."},
		{"", "Hallo Anna, wir haben ein Angebot für dich: Möchtest du beim Meetup im Mai einen Vortrag halten?"},
		{"", "您好，我们有一个方案想请您在五月的技术沙龙上做分享。"},
		{"", "Oi Ana, meu irmão quer ganhar em dólar trabalhando para fora, você conhece alguma vaga remota internacional?"},
		{"personalized", "您好，上周在技术分享会上听了您的演讲，收获很大。"},
		{"personalized", "Hallo Jana, ich habe deinen Podcast über Produktmanagement gehört und fand die Folge über Roadmaps super."},
		{"mutual_connection", "Hallo Jana, Thomas Meier meinte, ich solle mich unbedingt bei Ihnen melden."},
		{"reciprocity", "Bonjour Julie, si je peux vous rendre service à mon tour, n'hésitez surtout pas."},
		{"personalized", "Olá Ana, assisti à sua palestra no TDC sobre observabilidade e adorei."},
		{"prior_relationship", "Olá Ana, quanto tempo! Desde a nossa época na Ambev muita coisa mudou."},
		{"reciprocity", "Olá Ana, se eu puder retribuir de alguma forma, é só me avisar."},
		{"follow_up", "Olá Ana, estou voltando aqui sobre a minha mensagem da semana passada."},
		// Like words that are no scam.
		{"", "Hola Carlos, solo tienes que pagar la cena la próxima vez, jaja. ¿Café el jueves?"},
		{"", "Hallo Claudia, was verdienen Sie aktuell im Monat? Wir hätten eine spannende Position."},
		{"premature_ask", "Hola Lucía, después de tanto tiempo buscando trabajo, ¿podrías recomendarme para el puesto?"},
		// Mules, parcel reshipping and a lonely stranger's lure; a franchise
		// consultant, a staffing firm and training sold to a company. Then the
		// traps: an engineer on a rig who asks a real question, a copy of
		// one's own CV sent after an interview.
		{"reputation", "Hola Luis, buscamos un representante financiero: recibirás en tu cuenta bancaria los pagos de nuestros clientes y te quedas un 10%."},
		{"reputation", "Boa tarde, procuramos alguém para receber pagamentos de clientes na sua conta pessoal e repassá-los, com 10% de comissão."},
		{"reputation", "Hallo, Sie empfangen Zahlungen unserer Kunden auf Ihrem Privatkonto und leiten sie weiter, 10 % Provision."},
		{"reputation", "Bonjour, vous recevez des colis à votre adresse et les réexpédiez avec nos étiquettes. 2 500 € par mois."},
		{"reputation", "Hola, tu sonrisa me llamó la atención. Trabajo en una plataforma petrolera y paso mucho tiempo sola aquí. ¿Me das tu WhatsApp?"},
		{"reputation", "Bonsoir Marc, votre sourire m'a touchée. Je suis ingénieure offshore et je me sens un peu seule ici."},
		{"selling", "Hola Roberto, asesoro a emprendedores para elegir franquicias de restaurantes, y la primera consulta no tiene costo."},
		{"selling", "Olá Cláudia, temos 6 engenheiros de dados já avaliados e disponíveis para início imediato; cobramos taxa apenas em caso de contratação."},
		{"selling", "Saludos Javier, organizamos talleres in company de Power BI, bonificables por FUNDAE. ¿Quién sería la persona adecuada para hablarlo?"},
		{"", "Hola Andrés, trabajo en una plataforma petrolera en el Mar del Norte. ¿Qué certificaciones de seguridad valoran más en tu empresa?"},
		{"", "Hola Marta, gracias por la entrevista de ayer; te adjunto una copia de mi CV actualizado como me pediste."},
		// The fourth round: professions outside tech.
		{"selling", "Hola José Luis, ayudamos a explotaciones agrícolas a bajar la factura eléctrica. Con una foto de tu factura te hacemos un estudio gratis."},
		{"selling", "Oi Dr. Paulo! Somos um escritório de contabilidade focado em médicos e fazemos uma revisão gratuita da sua tributação."},
		{"selling", "Hallo Herr Haas, wir liefern Ihnen jeden Monat qualifizierte Anfragen aus Ihrer Region, Sie zahlen nur pro Mandat."},
		{"reputation", "Olá Joana! Descobri um método para ganhar dinheiro online com 2h por dia e deixar de depender do ordenado."},
		{"reputation", "Hola Diego, buscamos representantes: recibirías las transferencias de clientes en tu cuenta personal y las reenviarías."},
		{"reputation", "Hallo Frau Schmid, ich hätte eine Möglichkeit für Sie. Es hat nichts mit Ihrer aktuellen Tätigkeit zu tun und lässt sich gut nebenher machen."},
	} {
		findings(t, p, c.want, c.text)
	}
}
