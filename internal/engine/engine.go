// Package engine is politely's one entry point: it holds the compiled rule
// pack and answers assess, reply, lint and catalog calls. Every host (the CLI,
// the HTTP API natively, in WebAssembly and on Workers) goes through it, so
// they cannot drift apart. An Engine is immutable after New and safe for
// concurrent use; it reads no clock, network or environment.
package engine

import (
	"politely/internal/assess"
	"politely/internal/langid"
	"politely/internal/lint"
	"politely/internal/model"
	"politely/internal/reply"
	"politely/internal/rules"
)

// Engine assesses requests with one compiled rule pack.
type Engine struct {
	pack *rules.Pack
}

// Pack is a user's own rule pack: a file name for error messages and its JSON.
type Pack struct {
	Name string
	Data []byte
}

// New compiles the embedded default pack plus any user packs, in order.
// A broken pack is refused with its name, the rule and what is wrong.
func New(extra ...Pack) (*Engine, error) {
	p, err := rules.Default()
	if err != nil {
		return nil, err
	}
	for _, x := range extra {
		q, err := rules.Compile(x.Name, x.Data)
		if err != nil {
			return nil, err
		}
		if p, err = p.Merge(q); err != nil {
			return nil, err
		}
	}
	return &Engine{pack: p}, nil
}

// Restore is New with no extra pack, reading the pack's phrase index from
// img, an Image of an engine of this build, rather than building it: a host
// that keeps the image starts again in a fraction of the time. An image
// that does not fit is not used, and stale says why (nil: it was used); the
// engine is the same either way. It never panics.
func Restore(img []byte) (e *Engine, stale, err error) {
	p, stale, err := rules.Restore(img)
	if err != nil {
		return nil, nil, err
	}
	return &Engine{pack: p}, stale, nil
}

// Image is the engine's phrase index as bytes for Restore, or nil for an
// engine with extra packs (only the embedded pack has an image).
func (e *Engine) Image() []byte { return e.pack.Image() }

// Assess judges the request and attaches the suggested reply. The error is
// non-nil only when the request asks for a reply scenario, tone or language
// that does not exist (a *model.FieldError naming it).
func (e *Engine) Assess(r model.Request) (model.Result, error) {
	return withReply(r, e.Judge(r))
}

// withReply attaches the reply to res, the judgment of r.
func withReply(r model.Request, res model.Result) (model.Result, error) {
	rep, err := reply.Write(r, res)
	if err != nil {
		return res, err
	}
	res.Reply = &rep
	return res, nil
}

// Explain lists, for every label the learned model scores, its probability
// and the top features behind it (nil when the pack has no model).
func (e *Engine) Explain(r model.Request, top int) []assess.Explanation {
	return assess.Explain(e.pack, r, top)
}

// Judge is Assess without the reply, for callers that only need the verdict
// (evaluation, benchmarks of the detector alone).
func (e *Engine) Judge(r model.Request) model.Result {
	return detect(r, assess.Assess(e.pack, r))
}

// detect notes the message's language in res, which the reply follows
// when the profile names none.
func detect(r model.Request, res model.Result) model.Result {
	res.Lang = langid.Detect(r.Text)
	return res
}

// Reply writes only the reply, honouring r.Scenario, r.Tone and r.Lang.
func (e *Engine) Reply(r model.Request) (model.Reply, error) {
	return reply.Write(r, e.Judge(r))
}

// Worker answers one request after another for a host that is done with
// each answer before it asks the next: the API's handler, which encodes
// the answer first, or a batch. It judges into memory it reuses
// (assess.Worker), so an answer, and every list in it, is valid until the
// worker's next call; Clone what you keep. The answers are the Engine's,
// field for field. A Worker is not safe for concurrent use.
type Worker struct {
	w *assess.Worker
}

// Worker returns a new Worker of e.
func (e *Engine) Worker() *Worker { return &Worker{assess.NewWorker(e.pack)} }

// Assess is Engine.Assess, into the worker's memory.
func (w *Worker) Assess(r model.Request) (model.Result, error) { return withReply(r, w.Judge(r)) }

// Judge is Engine.Judge, into the worker's memory.
func (w *Worker) Judge(r model.Request) model.Result { return detect(r, w.w.Assess(r)) }

// Reply is Engine.Reply, judging into the worker's memory.
func (w *Worker) Reply(r model.Request) (model.Reply, error) { return reply.Write(r, w.Judge(r)) }

// Lint checks a draft reply in the given language ("" means English).
func (e *Engine) Lint(text, lang string) ([]model.Issue, error) {
	return lint.Check(text, lang)
}

// Catalog lists the labels a UI needs: flags, signals, asks and verdicts with
// titles and explanations from the active pack in lang (English when lang
// is not one the pack speaks, see rules.Lang), and the reply options.
func (e *Engine) Catalog(lang string) model.Catalog {
	c := e.pack.Catalog(lang)
	c.Scenarios = reply.Scenarios()
	c.Tones = reply.Tones()
	c.Langs = reply.Langs()
	return c
}

// Pack is the compiled rule pack the engine judges with (with its learned
// model), for training and cross-validation.
func (e *Engine) Pack() *rules.Pack { return e.pack }
