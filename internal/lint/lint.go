// Package lint checks a draft reply, generated or written by the user,
// against the advice politely follows: thank them early, give one honest
// reason, apologise at most once, promise nothing you will not do, leave no
// placeholder, do not hedge, and keep it neither too long nor curt.
//
// The phrases behind each rule are data (data/LANG.json, embedded), so a
// language or a phrase is added without touching Go. Rule ids are stable:
// missing_thanks, excessive_apology, over_explaining, false_promise,
// placeholder, too_long, too_short, hedging.
package lint

import (
	"embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/tidwall/gjson"

	"politely/internal/model"
)

// Rule ids, in the order Rules lists them.
const (
	MissingThanks    = "missing_thanks"
	ExcessiveApology = "excessive_apology"
	OverExplaining   = "over_explaining"
	FalsePromise     = "false_promise"
	Placeholder      = "placeholder"
	TooLong          = "too_long"
	TooShort         = "too_short"
	Hedging          = "hedging"
)

// Rules lists the rule ids in a stable order.
func Rules() []string {
	return []string{MissingThanks, ExcessiveApology, OverExplaining, FalsePromise, Placeholder, TooLong, TooShort, Hedging}
}

// Langs lists the languages lint has phrases for, in a stable order:
// English, Chinese, Spanish, French, German and (Brazilian) Portuguese.
func Langs() []string { return []string{"en", "zh", "es", "fr", "de", "pt"} }

//go:embed data/*.json
var files embed.FS

// table is the compiled phrase data of one language plus the shared limits.
type table struct {
	thanks, apology, reasons, decline, promise, hedgeAlways, hedge []phrase
	notDecline, contrast, counter                                  []phrase // read by Declines only
	placeholders                                                   placeholders
	minWords, maxWords, maxApologies, maxReasons                   int
	messages                                                       map[string]string
}

// tables compiles the embedded data once; the data is part of the binary, so
// an error here is a build defect that the tests catch.
var tables = sync.OnceValues(func() (map[string]*table, error) {
	common, err := files.ReadFile("data/common.json")
	if err != nil {
		return nil, err
	}
	if !gjson.ValidBytes(common) {
		return nil, fmt.Errorf("lint: data/common.json is not valid JSON")
	}
	c := gjson.ParseBytes(common)
	places, err := parsePlaceholders(c.Get("placeholders"), "data/common.json")
	if err != nil {
		return nil, err
	}
	msgs := map[string]string{}
	for _, id := range Rules() {
		m := c.Get("messages." + id).String()
		if m == "" {
			return nil, fmt.Errorf("lint: data/common.json has no message for %s", id)
		}
		msgs[id] = m
	}
	out := map[string]*table{}
	for _, lang := range Langs() {
		name := "data/" + lang + ".json"
		b, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if !gjson.ValidBytes(b) {
			return nil, fmt.Errorf("lint: %s is not valid JSON", name)
		}
		v := gjson.ParseBytes(b)
		list := func(key string) []phrase {
			var ps []phrase
			for _, s := range v.Get(key).Array() {
				if p := compilePhrase(s.String()); len(p.runes) > 0 {
					ps = append(ps, p)
				}
			}
			return ps
		}
		t := &table{
			thanks: list("thanks"), apology: list("apology"), reasons: list("reasons"),
			decline: list("decline"), promise: list("promise"),
			hedgeAlways: list("hedge_always"), hedge: list("hedge"),
			notDecline: list("not_decline"), contrast: list("contrast"), counter: list("counter_offer"),
			placeholders: places,
			minWords:     int(c.Get("min_words").Int()), maxWords: int(c.Get("max_words").Int()),
			maxApologies: int(c.Get("max_apologies").Int()), maxReasons: int(c.Get("max_reasons").Int()),
			messages: msgs,
		}
		// A language's own placeholders come after the shared ones.
		own, err := parsePlaceholders(v.Get("placeholders"), name)
		if err != nil {
			return nil, err
		}
		t.placeholders.brackets = append(slices.Clip(places.brackets), own.brackets...)
		t.placeholders.words = append(slices.Clip(places.words), own.words...)
		if len(t.thanks) == 0 || len(t.apology) == 0 || len(t.decline) == 0 {
			return nil, fmt.Errorf("lint: %s lacks thanks, apology or decline phrases", name)
		}
		out[lang] = t
	}
	return out, nil
})

// Check returns the findings for a draft in lang ("" means English; a
// regional variant such as "pt-PT" reads as its language), sorted
// by position. Offsets are UTF-16 code units into text, with invalid UTF-8
// counted as U+FFFD the way a browser decodes it; Issue.Text is that piece.
// An unsupported language is a *model.FieldError naming the supported ones.
// Check never panics.
func Check(text, lang string) ([]model.Issue, error) {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if lang == "" {
		lang = "en"
	}
	ts, err := tables()
	if err != nil {
		return nil, err
	}
	t, ok := ts[lang]
	if !ok {
		// A regional variant ("pt-PT", "pt_br") is checked with its
		// language's phrases.
		_, l := model.LangTag(lang)
		t, ok = ts[l]
	}
	if !ok {
		return nil, &model.FieldError{Field: "lang", Msg: fmt.Sprintf("unsupported language %q; supported: %s", lang, strings.Join(Langs(), ", "))}
	}
	text = valid(text)
	d := newDoc(text)
	c := checker{d: d, t: t}
	c.thanks()
	c.apology()
	c.reasons()
	c.promise()
	c.placeholder()
	c.length()
	c.hedging()
	sort.SliceStable(c.out, func(i, j int) bool {
		if c.out[i].Start != c.out[j].Start {
			return c.out[i].Start < c.out[j].Start
		}
		return c.out[i].ID < c.out[j].ID
	})
	return c.out, nil
}

type checker struct {
	d   *doc
	t   *table
	out []model.Issue

	sents, declines []span // computed once, used by several rules
}

func (c *checker) sentences() []span {
	if c.sents == nil {
		c.sents = c.d.sentences()
	}
	return c.sents
}

func (c *checker) declined() []span {
	if c.declines == nil {
		c.declines = append(c.d.findAll(c.t.decline), span{-1, -1})
	}
	return c.declines[:len(c.declines)-1]
}

func (c *checker) add(id string, sp span, args ...any) {
	msg := c.t.messages[id]
	if len(args) > 0 {
		msg = fmt.Sprintf(msg, args...)
	}
	c.out = append(c.out, model.Issue{ID: id, Message: msg, Start: c.d.u16[sp.s], End: c.d.u16[sp.e], Text: c.d.slice(sp)})
}

// greeting reports whether the first sentence is a salutation line ("Hi
// Lena," or "Lena，你好！"): a short line of its own followed by more text.
func (c *checker) greeting(sents []span) bool {
	if len(sents) < 2 {
		return false
	}
	s := sents[0]
	end := s.e
	for end < len(c.d.fold) && c.d.fold[end] != '\n' && c.d.fold[end] != '\r' {
		if !isSpace(c.d.fold[end]) {
			return false
		}
		end++
	}
	return Words(c.d.slice(s)) <= 5
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' }

// thanks wants a thank-you in the first two sentences after the greeting.
func (c *checker) thanks() {
	sents := c.sentences()
	first := 0
	if c.greeting(sents) {
		first = 1
	}
	last := first + 2
	if last > len(sents) {
		last = len(sents)
	}
	for _, sp := range c.d.findAll(c.t.thanks) {
		if last > 0 && sp.s < sents[last-1].e {
			return
		}
	}
	where := span{0, 0}
	if first < len(sents) {
		where = sents[first]
	}
	c.add(MissingThanks, where)
}

func (c *checker) apology() {
	for i, sp := range c.d.findAll(c.t.apology) {
		if i >= c.t.maxApologies {
			c.add(ExcessiveApology, sp)
		}
	}
}

func (c *checker) reasons() {
	r := c.d.findAll(c.t.reasons)
	if len(r) > c.t.maxReasons {
		c.add(OverExplaining, span{r[0].s, r[len(r)-1].e}, len(r))
	}
}

// promise flags a promise to meet in a reply that declines.
func (c *checker) promise() {
	if len(c.declined()) == 0 {
		return
	}
	for _, sp := range c.d.findAll(c.t.promise) {
		c.add(FalsePromise, sp)
	}
}

func (c *checker) placeholder() {
	for _, m := range c.t.placeholders.find(c.d.text) {
		c.add(Placeholder, span{c.runeAt(m[0]), c.runeAt(m[1])})
	}
}

// runeAt maps a byte offset (on a rune boundary) to its rune index.
func (c *checker) runeAt(b int) int {
	return sort.SearchInts(c.d.bytes, b)
}

func (c *checker) length() {
	units, over := wordUnits(c.d, c.t.maxWords)
	words := (units + wordUnits17/2) / wordUnits17
	if over >= 0 {
		end := len(c.d.fold)
		for end > over && unicode.IsSpace(c.d.fold[end-1]) {
			end--
		}
		c.add(TooLong, span{over, end}, words, c.t.maxWords)
	}
	if words < c.t.minWords {
		c.add(TooShort, span{0, len(c.d.fold)}, words, c.t.minWords)
	}
}

// hedging flags the phrases that always hedge, and the softer ones ("maybe",
// "vielleicht") only in a sentence that also declines: "perhaps we can meet
// there" is an offer, "maybe I can't" is an unclear no.
func (c *checker) hedging() {
	found := c.d.findAll(c.t.hedgeAlways)
	soft := c.d.findAll(c.t.hedge)
	if len(soft) > 0 {
		// A soft hedge counts inside a sentence that declines. Sentences,
		// declines and hedges are each sorted and disjoint, so one walk
		// over the three finds them all, where a pass over every hedge
		// for every sentence made a long draft quadratic.
		always := found
		dec := c.declined()
		di, si := 0, 0
		for _, s := range c.sentences() {
			for di < len(dec) && dec[di].s < s.s {
				di++
			}
			declines := di < len(dec) && dec[di].e <= s.e
			for ; si < len(soft) && soft[si].s < s.e; si++ {
				if sp := soft[si]; declines && sp.s >= s.s && sp.e <= s.e && !overlaps(always, sp) {
					found = append(found, sp)
				}
			}
		}
	}
	for _, sp := range found {
		c.add(Hedging, sp)
	}
}

// Declines reports whether text, a turn of the user's, says no in any
// supported language ("I can't", "leider nicht", "无法", "não posso"...).
// The reply writer reads the user's last turn with it to see that they
// already said no. Each language is read on its own, since the words of
// one mean other things in another ("mais" is "but" in French and "more"
// in Portuguese). Two things look like a no and are none: an idiom that
// holds a decline phrase ("I can't wait", 能不能 "could you"), and a no
// followed by a contrast and a counter-offer ("I'm not available on
// Tuesday, but Wednesday works"), which answers with another yes. A no
// that only defers ("but feel free to reach out in a few months") stays a
// no.
func Declines(text string) bool {
	ts, err := tables()
	if err != nil {
		return false
	}
	d := newDoc(valid(text))
	for _, lang := range Langs() {
		if d.declines(ts[lang]) {
			return true
		}
	}
	return false
}

// declines reports whether d says no in t's language: its last decline
// phrase outside an idiom is not followed by a contrast and, after it, a
// counter-offer.
func (d *doc) declines(t *table) bool {
	idioms := d.findAll(t.notDecline)
	last := -1
	for _, sp := range d.findAll(t.decline) {
		if !overlaps(idioms, sp) {
			last = sp.e
		}
	}
	if last < 0 {
		return false
	}
	for _, c := range d.findAll(t.contrast) {
		if c.s < last {
			continue
		}
		for _, o := range d.findAll(t.counter) {
			if o.s >= c.e {
				return false
			}
		}
		break
	}
	return true
}
