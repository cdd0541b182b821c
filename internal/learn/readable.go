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
		for _, w := range strings.Fields(name[2:]) {
			if !functionWords[w] && w != "#" {
				out[i] = true
				break
			}
		}
	}
	return out
}

// functionWords carry grammar, not meaning: a model may weigh them, but
// they are never shown as the reason for a finding.
var functionWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but if of to in on at by for with from as is are was were be been am
		i me my we us our you your he she it they them their this that these those there here what which who how when
		do does did have has had will would can could should may might must not no so than then too very just also
		im id ive ill youre youve youll its dont were theyre thats whats lets hi hello hey dear thanks thank
		about into over out up down more most some any all each other such only own same few both
		der die das und oder ein eine ich sie wir mit für von zu auf ist le la les et ou un une je vous nous de du des
		el los las y o un una yo usted nosotros con para por que en es 的 了 是 我 你 在 和`) {
		functionWords[w] = true
	}
}
