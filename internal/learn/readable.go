package learn

import "strings"

// readable lists, by feature, whether it reads as evidence to a person: a
// phrase with a word that is not a function word. Cues, rules and pieces of
// words are weighed but never shown as words.
func readable(names []string) []bool {
	out := make([]bool, len(names))
	for i, name := range names {
		if len(name) < 3 || name[0] != KindWord {
			continue
		}
		// The words one by one, with no list made of them: every name of
		// the model is asked at start-up.
		for rest := name[2:]; rest != "" && !out[i]; {
			var w string
			w, rest, _ = strings.Cut(strings.TrimLeft(rest, " "), " ")
			out[i] = w != "" && w != "#" && !functionWords[w]
		}
	}
	return out
}

// functionWords carry grammar, not meaning: a model may weigh them, but
// they are never shown as the reason for a finding. Those of the other
// languages matter most: the corpora hold few messages of each, from few
// sources, so a model weighs a language's commonest words by those sources
// ("te" was shown as the reason a Spanish note to an old friend was
// selling). Only English and the languages the replies speak are listed;
// a Han character alone is often a word of meaning (请, 推), so the list
// holds only a few particles. Greetings, thanks and sign-offs close every
// kind of message: "Best" under a pitch is no reason to call it one.
var functionWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but if of to in on at by for with from as is are was were be been am
		i me my we us our you your he she it they them their this that these those there here what which who how when
		do does did have has had will would can could should may might must not no so than then too very just also
		im id ive ill youre youve youll its dont were theyre thats whats lets hi hello hey dear thanks thank
		about into over out up down more most some any all each other such only own same few both
		ever never again still yet even well really much many quite rather already always often ago since while
		after before next said says tell told isnt arent wasnt chez via per
		where why whom whose being having doing because until though although whether either neither nor
		der die das und oder ein eine ich sie wir mit für von zu auf ist le la les et ou un une je vous nous de du des
		el los las y o un una yo usted nosotros con para por que en es 的 了 是 我 你 在 和
		den dem des einen einem einer im an am bei nicht auch sehr ihr ihre ihnen dich dir mich mir sich es sind
		war haben hat habe wie was wenn dass aber noch nur mein meine dein deine unser unsere euch du er uns
		à au aux ce cet cette ces dans sur pour par avec qui est sont votre vos notre nos mon ma mes ton ta tes
		il elle on ne pas plus très tu te toi moi se son sa ses
		lo le mi su sus al del muy más mas pero como este esta ese esa estos estas también tambien ti mí ya si sí
		os as um uma da do das dos na no nas em e você voce eu mas muito seu sua meu minha é são sao foi ao aos pra
		best regards cheers sincerely warmly kindest wishes yours grüße gruß grüßen beste viele freundlichen
		cordialement salutations bien saludos atentamente abrazo abraço abraços atenciosamente cumprimentos
		hola olá ola bonjour hallo salut gracias obrigado obrigada merci danke 此致 敬礼 谢谢`) {
		functionWords[w] = true
	}
}
