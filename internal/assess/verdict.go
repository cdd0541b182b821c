package assess

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"politely/internal/model"
	"politely/internal/rules"
	"politely/internal/text"
)

// verdict applies the policy in a fixed order: firm flags first (a pitch from
// someone the user knows is softened to "not now"), then flags and cues that
// leave the door open, else accept. Each step says why in plain words.
// reasons is where to write them: an empty slice with room for a few.
func (a *judge) verdict(res *model.Result, reasons []string) (string, []string) {
	ix := &a.ix
	// The reasons are written one after another into a.line and made
	// strings together (lines): one allocation for them all.
	a.line, a.ends = a.line[:0], a.ends[:0]
	firm, softened := -1, false
	for _, id := range ix.firm {
		if !a.holds(id) {
			continue
		}
		if id == ix.selling && (a.anyHolds(ix.softenFirm) || a.known) {
			softened = true
			continue
		}
		if firm < 0 {
			firm = id
		}
		a.reasonLine(id, true, "")
	}
	if firm >= 0 {
		return model.DeclineFirm, a.lines(reasons)
	}
	if softened {
		a.reasonLine(ix.selling, true, a.sp.Softened)
	}
	door := false
	for _, id := range ix.doorFlags {
		if a.holds(id) {
			door = true
			a.reasonLine(id, true, "")
		}
	}
	if len(a.ends) > 0 {
		door = true // a softened pitch
	}
	if !door {
		for _, id := range ix.doorCues {
			// A weak cue gives way to a green signal, or to knowing each
			// other (the thread shows the user wrote to them).
			isWeak := slices.Contains(ix.weakCues, id)
			weak := isWeak && (a.goodSignals(res) > 0 || a.known)
			if a.holds(id) && !weak && !(id == ix.recruiter && a.known) {
				if !door || !isWeak {
					// A weak cue's reason ("too little here to say
					// yes to") adds nothing to a specific one.
					a.reasonLine(id, false, "")
				}
				door = true
				res.Cues = append(res.Cues, a.p.Labels()[id].ID)
			}
		}
	}
	if door {
		return model.DeclineDoorOpen, a.lines(reasons)
	}
	if len(res.Signals) == 0 && (len(res.Asks) == 0 || len(res.Asks) == 1 && res.Asks[0] == "connect") && a.f.Words() < int(a.pol.MinWords) {
		// "Hi", "Hello there": nothing to say yes to, and nothing against
		// them; wanting to connect is what a greeting this short implies.
		return model.DeclineDoorOpen, append(reasons, a.sp.TooShort)
	}
	if len(res.Signals) == 0 {
		return model.Accept, append(reasons, a.sp.Plain)
	}
	b := a.favours[:0]
	n := 0
	for _, i := range a.shownAt {
		if !a.flag[i] && a.holds(i) { // res.Signals, in the same order
			if n++; n > 1 {
				b = append(b, a.sp.ListSep...)
			}
			b = append(b, a.sp.Labels[i].Inline...)
		}
	}
	a.favours = b
	a.line = replace(a.line[:0], a.sp.GoodSigns, "{signals}", b)
	// The line names only the signals, in the request's language: the
	// same few lines come back, and a judge keeps the ones it has made.
	line, ok := a.signs[string(a.line)]
	if !ok {
		if a.signs == nil {
			a.signs = map[string]string{}
		}
		line = string(a.line)
		a.signs[line] = line
	}
	return model.Accept, append(reasons, line)
}

// lines appends the reasons written into a.line (each ending at the next
// of a.ends) to reasons, as strings sharing one allocation.
func (a *judge) lines(reasons []string) []string {
	all, at := a.keep(a.line), 0
	for _, end := range a.ends {
		reasons = append(reasons, all[at:end])
		at = end
	}
	return reasons
}

// title is a label's title, or its id when it has none.
func (a *judge) title(i int) string {
	if t := a.sp.Labels[i].Title; t != "" {
		return t
	}
	return a.p.Labels()[i].ID
}

// reasonLine writes one reason, "Title: why." when titled, then tail, at
// the end of a.line, and notes where it ends in a.ends.
func (a *judge) reasonLine(i int, titled bool, tail string) {
	b := a.line
	if titled {
		b = append(append(b, a.title(i)...), a.sp.TitleSep...)
	}
	at := len(b)
	b = a.reason(b, i)
	if a.sp.FullStop != "." && len(b) > at && b[len(b)-1] == '.' {
		b = append(b[:len(b)-1], a.sp.FullStop...) // a sentence ended by finish, in Chinese
	}
	b = append(b, tail...)
	if titled && a.sp.LowerAfterTitle {
		b = lowerAt(b, at) // "Venta: el mensaje…", as Spanish and French write after a colon
	}
	a.line, a.ends = b, append(a.ends, len(b))
}

// reason appends to b, as one sentence, why a flag or cue holds: where a
// context flag came from, or the label's reason template filled with the
// asks and the first phrases of evidence.
func (a *judge) reason(b []byte, i int) []byte {
	if src := a.ctx[i]; src != "" {
		return appendSentence(b, src)
	}
	a.settle(i)
	w := &a.sp.Labels[i]
	if w.Reason == "" {
		return appendSentence(b, w.Why)
	}
	// Quote the two strongest phrases, in the order they appear, each on
	// one line however the message broke it.
	q := a.quote[:0]
	// A rule's phrase says why better than a vocabulary's single word, and
	// either better than a word the model weighs: the best kind there is
	// gets quoted.
	a.tmp = a.tmp[:0]
	for pass := 0; pass < 3 && len(a.tmp) == 0; pass++ {
		for _, h := range a.hits[i] {
			if pass == 2 || h.rule >= 0 && (pass == 1 || !h.weak) {
				a.tmp = append(a.tmp, h)
			}
		}
	}
	for n, h := range spans(strongest(spans(a.tmp, 1<<30), a.r.Text), 2) {
		if n > 0 {
			q = append(q, a.sp.ListSep...)
		}
		q = append(q, a.sp.QuoteOpen...)
		// A quote reads as the page shows it (text.Visible): an HTML
		// message's tags left out, its entities read; the evidence span
		// itself stays on the text as given, where a page highlights it.
		q = appendFields(q, text.Visible(a.r.Text[h.start:h.end]))
		q = append(q, a.sp.QuoteClose...)
	}
	a.quote = q
	t := a.template(i)
	var favours []byte
	if t.asks {
		// "a referral, an introduction and advice": the favours asked, by
		// their titles.
		l := a.favours[:0]
		var buf [8]int
		asked := buf[:0]
		for _, x := range a.ix.favour {
			if a.asked(x) {
				asked = append(asked, x)
			}
		}
		for n, x := range asked {
			switch {
			case n == 0:
			case n == len(asked)-1:
				l = append(l, a.sp.And...)
			default:
				l = append(l, a.sp.ListSep...)
			}
			l = append(l, a.sp.Labels[x].Inline...)
		}
		if len(asked) == 0 {
			l = append(l, a.sp.Favour...)
		}
		a.favours, favours = l, l
	}
	a.fill = t.fill(a.fill[:0], q, favours)
	return appendSentence(b, a.fill)
}

// strongest is the two strongest of hs, by weight, in the order a stable
// sort by weight would put them first: of equal weights, the one found
// first. The second is the strongest whose words in s differ from the
// first's (in any case): a reason that quoted "platform" twice would say
// one thing as if it were two. A pass that picks them, not a sort: reasons
// quote two.
func strongest(hs []hit, s string) []hit {
	if len(hs) <= 1 {
		return hs
	}
	first := 0
	for j := 1; j < len(hs); j++ {
		if hs[j].weight > hs[first].weight {
			first = j
		}
	}
	quoted := s[hs[first].start:hs[first].end]
	second := -1
	for j := range hs {
		if j == first || strings.EqualFold(s[hs[j].start:hs[j].end], quoted) {
			continue
		}
		if second < 0 || hs[j].weight > hs[second].weight {
			second = j
		}
	}
	if second < 0 {
		hs[0] = hs[first]
		return hs[:1]
	}
	hs[0], hs[1] = hs[first], hs[second]
	return hs[:2]
}

// tmplPart is a piece of a reason template: its text, then the slot that
// follows it (0: none).
type tmplPart struct {
	text string
	slot byte // slotEvidence or slotAsks
}

const (
	slotEvidence = 'e'
	slotAsks     = 'a'
)

// reasonTmpl is a label's reason template in one language, cut at its
// slots once: a reason is then filled by appending, where it was filled by
// searching the template for each slot, and the filled text for the
// parentheses an empty quote left, in every reason of every message.
type reasonTmpl struct {
	full []tmplPart // the template as written
	bare []tmplPart // with no evidence to quote: {evidence} and its parentheses left out
	asks bool       // it names the favours asked ({asks})
}

// template is label i's reason template in the request's language, cut
// (cutTemplate) the first time the judge needs a reason in that language,
// and kept for every language it has written in: a host whose requests
// change language cuts each language's templates once.
func (a *judge) template(i int) *reasonTmpl {
	ts, ok := a.tmpls[a.sp]
	if !ok {
		ts = make([]reasonTmpl, len(a.sp.Labels))
		for k, w := range a.sp.Labels {
			ts[k] = cutTemplate(w.Reason)
		}
		if a.tmpls == nil {
			a.tmpls = map[*rules.Speech][]reasonTmpl{}
		}
		a.tmpls[a.sp] = ts
	}
	return &ts[i]
}

// cutTemplate cuts a reason template at its slots ({evidence}, {asks}).
// Its bare form is the template with {evidence} taken out and the empty
// parentheses that leaves removed, " ()" and the full-width "（）".
func cutTemplate(tmpl string) reasonTmpl {
	bare := string(removeEmptyParens(replace(nil, tmpl, "{evidence}", nil)))
	t := reasonTmpl{full: slots(tmpl), bare: slots(bare)}
	t.asks = strings.Contains(tmpl, "{asks}")
	return t
}

// slots splits a template into its parts, each ending at a slot (the last at
// none).
func slots(tmpl string) []tmplPart {
	var parts []tmplPart
	for {
		e, k := strings.Index(tmpl, "{evidence}"), strings.Index(tmpl, "{asks}")
		switch {
		case e < 0 && k < 0:
			return append(parts, tmplPart{text: tmpl})
		case k < 0 || e >= 0 && e < k:
			parts = append(parts, tmplPart{tmpl[:e], slotEvidence})
			tmpl = tmpl[e+len("{evidence}"):]
		default:
			parts = append(parts, tmplPart{tmpl[:k], slotAsks})
			tmpl = tmpl[k+len("{asks}"):]
		}
	}
}

// fill appends the template to b, the evidence and the favours in their
// slots; with no evidence to quote, its bare form.
func (t *reasonTmpl) fill(b, evidence, favours []byte) []byte {
	parts := t.full
	if len(evidence) == 0 {
		parts = t.bare
	}
	for _, p := range parts {
		b = append(b, p.text...)
		switch p.slot {
		case slotEvidence:
			b = append(b, evidence...)
		case slotAsks:
			b = append(b, favours...)
		}
	}
	return b
}

// replace appends s, a template as text or as bytes, to b with every old
// replaced by new.
func replace[S string | []byte](b []byte, s S, old string, new []byte) []byte {
	for {
		k := indexOf(s, old)
		if k < 0 {
			return append(b, s...)
		}
		b = append(append(b, s[:k]...), new...)
		s = s[k+len(old):]
	}
}

// indexOf is strings.Index or bytes.Index, whichever s is, but -1 for an
// empty sub (a slot has a name).
func indexOf[S string | []byte](s S, sub string) int {
	if sub == "" {
		return -1
	}
	switch s := any(s).(type) {
	case string:
		return strings.Index(s, sub)
	case []byte:
		return bytes.Index(s, []byte(sub))
	}
	return -1
}

// removeEmptyParens deletes every " ()" from b, in place, as
// strings.ReplaceAll(s, " ()", "") would, and the full-width "（）" of a
// Chinese template. It looks for the rare "(" rather than the common space.
func removeEmptyParens(b []byte) []byte {
	if bytes.Contains(b, []byte("（）")) {
		b = bytes.ReplaceAll(b, []byte("（）"), nil)
	}
	out, rest := b[:0], b
	for {
		k := bytes.Index(rest, []byte("()"))
		if k < 0 {
			return append(out, rest...)
		}
		if k > 0 && rest[k-1] == ' ' {
			out, rest = append(out, rest[:k-1]...), rest[k+2:]
			continue
		}
		out, rest = append(out, rest[:k+2]...), rest[k+2:]
	}
}

// appendFields appends s with its runs of white space turned into single
// spaces and none at either end (strings.Fields joined by spaces).
func appendFields(b []byte, s string) []byte {
	if plain(s) {
		return append(b, s...)
	}
	space := false
	start := len(b)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f' {
				space = true
				continue
			}
			if space && len(b) > start {
				b = append(b, ' ')
			}
			space = false
			b = append(b, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = true
			i += n
			continue
		}
		if space && len(b) > start {
			b = append(b, ' ')
		}
		space = false
		b = append(b, s[i:i+n]...)
		i += n
	}
	return b
}

// plain reports whether s is ASCII with no white space but single spaces
// between words, so that appendFields can copy it whole. Eight bytes are
// tested at a time, by masks: a byte at a time, each space was a branch
// the text decides.
func plain(s string) bool {
	const ones, high, low7 = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f
	prev := uint64(1) // the byte before is a space: a leading one is not plain
	i := 0
	for ; i+8 <= len(s); i += 8 {
		v := text.Load64(s[i:])
		if v&high != 0 {
			return false // past ASCII
		}
		x := v ^ 0x20*ones
		space := ^((x&low7 + low7) | x) & high  // 0x80 in each byte that is a space
		below := ^(v + (0x80-0x21)*ones) & high // 0x80 in each byte below '!'
		if below&^space != 0 {
			return false // a control byte
		}
		if one := space >> 7; one&(one<<8|prev) != 0 {
			return false // a space after a space
		}
		prev = space >> 63
	}
	p := byte('x')
	if prev != 0 {
		p = ' '
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= utf8.RuneSelf { // rare: one test for the common bytes
			if c != ' ' || p == ' ' {
				return false
			}
		}
		p = c
	}
	return p != ' '
}

// appendSentence appends s, as text or as bytes, trimmed, ending with a
// full stop and starting with a capital.
func appendSentence[S string | []byte](b []byte, s S) []byte {
	at := len(b)
	b = append(b, s...)
	// Trimmed where it was copied to: the trimmed bytes move to at.
	return finish(append(b[:at], bytes.TrimSpace(b[at:])...), at)
}

// finish makes b[at:] a sentence.
func finish(b []byte, at int) []byte {
	if len(b) == at {
		return b
	}
	if b[len(b)-1] != '.' && !bytes.HasSuffix(b, []byte("。")) {
		b = append(b, '.')
	}
	if c := b[at]; c >= 'a' && c <= 'z' {
		b[at] = c - 'a' + 'A'
	}
	return b
}

// goodSignals counts the signals that speak for the sender; a follow-up
// nudge is a signal but says nothing for them.
func (a *judge) goodSignals(res *model.Result) int {
	n := 0
	for _, s := range res.Signals {
		if s.ID != "follow_up" {
			n++
		}
	}
	return n
}

// keep returns b as a string in the judge's slab of kept text: bytes written
// once and never again, so that a string may share them. A result's reasons
// were an allocation each, a few dozen bytes; they now take their bytes
// from a slab of slabSize, a new one when it is full (−1.6% a message).
func (a *judge) keep(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if cap(a.slab)-len(a.slab) < len(b) {
		a.slab = make([]byte, 0, max(slabSize, len(b)))
	}
	at := len(a.slab)
	a.slab = append(a.slab, b...)
	return unsafe.String(&a.slab[at], len(b))
}

// slabSize is the size of a slab of kept text: some fifty messages' reasons.
const slabSize = 4 << 10
