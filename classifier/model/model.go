// Package model holds the token-weight model that labels blocks: its
// feature pipeline, prediction, training and file format.
//
// The model is a multinomial logistic regression over hashed block features
// (normalised token unigrams and bigrams, block shape, HTML structure,
// position, neighbours), followed by a stacked second logistic regression
// over the first pass's class probabilities of the neighbouring blocks, then
// temperature scaling. Both passes are trained in pure Go by [Train].
//
// Limits: features are hashed, so distinct tokens may share a weight; only
// the first 48 and last 16 tokens of a block are read; the model knows the
// languages and page types of its training data and nothing else.
package model

import (
	_ "embed"
	"errors"
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/classifier/token"
)

// NumClasses is the number of block categories the model predicts. Class k
// is classifier.Category(k+1); ClassNames gives their names.
const NumClasses = 10

// ClassNames are the category names, in class order.
var ClassNames = [NumClasses]string{"title", "body", "metadata", "share", "ad", "related", "navigation", "comments", "legal", "other"}

// Class indexes.
const (
	ClassTitle = iota
	ClassBody
	ClassMetadata
	ClassShare
	ClassAd
	ClassRelated
	ClassNavigation
	ClassComments
	ClassLegal
	ClassOther
)

// ClassIndex returns the class named name, or -1.
func ClassIndex(name string) int {
	for k, n := range ClassNames {
		if n == name {
			return k
		}
	}
	return -1
}

// Content reports whether class k is a content class (title or body).
func Content(k int) bool { return k == 0 || k == 1 }

// Contribution is a feature's weight in a decision.
type Contribution struct {
	Feature string
	Weight  float64
}

// Prediction is the model's output for one block.
type Prediction struct {
	// Probs are calibrated class probabilities (sum 1).
	Probs [NumClasses]float64
	// ContentProb is the probability the block is content.
	ContentProb float64
	// Explain lists the strongest features for and against the predicted
	// class when asked for.
	Explain []Contribution
}

// Info describes a model.
type Info struct {
	FormatVersion int
	Version       string
	// Fingerprint identifies the feature pipeline the model was trained
	// for (see ContentSHA256 for the weights).
	Fingerprint string
	// ContentSHA256 is the hex SHA-256 of the model file's contents, the
	// checksum the file carries: it names the weights. Empty for a model
	// that was trained but not yet encoded.
	ContentSHA256 string
	Languages     []string
	// Training summarises the training data: documents and blocks per source.
	Training map[string]int
	// Metrics are dev-set numbers stored at training time.
	Metrics map[string]float64
	// TokenProbe identifies the token pipeline the model was trained
	// with; TokenProbeCurrent tells whether it still matches.
	TokenProbe string
}

// TokenProbeCurrent reports whether the token package still cuts tokens
// as it did when the model was trained (a mismatch means the model should
// be retrained: its token weights are partly misplaced).
func (m *Model) TokenProbeCurrent() bool { return m.info.TokenProbe == tokenProbe() }

// Model labels the blocks of a segmented document. A Model is immutable
// and safe for concurrent use.
type Model struct {
	info        Info
	threshold   float64
	temperature float64
	groups      int
	bits1       uint
	bits2       uint
	w1          []float32 // (1<<bits1) x NumClasses, while training
	q1          []int16   // the same, quantised (decoded models): weight = q1 * s1
	s1          float32
	w2          []float32 // (1<<bits2) x NumClasses; nil without the second pass
	stop        *token.Stopwords
	// shift is added to the content classes' calibrated logits, per
	// dominant script of the document (docScript), so that one threshold
	// serves scripts on which the model is more or less confident.
	shift [numScripts]float32
	// splitter is the plain-text splitter the model was trained with
	// (WithSplitter); nil means segment.DefaultSplitter().
	splitter *segment.Splitter
	// longSplitter cuts the sentences of a page written on one line
	// (segment.TextOptions.LongSplitter; WithLongSplitter); nil: splitter.
	longSplitter *segment.Splitter
	// page is the page-kind model; nil in files without one.
	page *pageModel
	// span is the article-span decoder (span.go); zero: none.
	span Span
	// trainBlank: the extractor reads the blank line before a text block
	// (Config.TrainBlank); set while training only, never stored.
	trainBlank bool
}

const numScripts = 5

//go:embed default.wnm
var defaultModel []byte

// Default decodes the embedded default model. Callers should decode it
// once (classifier.Default does).
func Default() (*Model, error) {
	if len(defaultModel) == 0 {
		return nil, errors.New("model: no embedded default model")
	}
	return Decode(defaultModel)
}

// Info describes the model.
func (m *Model) Info() Info { return m.info }

// Threshold is the default content-probability cut.
func (m *Model) Threshold() float64 { return m.threshold }

// Language guesses the document's language from its text, with the page's
// lang attribute as a prior (see token.LangSample.Language): it reads the
// blocks of at least langMinBlock bytes, then the shorter ones, up to
// token.DetectLimit bytes in all. "" when there is no evidence.
func (m *Model) Language(doc *segment.Doc) string {
	var ls token.LangSample
	for pass := 0; pass < 2 && !ls.Full(); pass++ {
		for _, b := range doc.Blocks {
			if long := b.End-b.Start >= langMinBlock; long == (pass == 0) {
				ls.Add(doc.Text[b.Start:b.End])
				if ls.Full() {
					break
				}
			}
		}
	}
	if l := ls.Language(doc.Lang); l != "und" {
		return l
	}
	return ""
}

// langMinBlock is the length in bytes of the blocks that Language reads
// first: navigation and buttons are often in another language than the
// text.
const langMinBlock = 80

func toLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

func (m *Model) newExtractor() *extractor {
	return &extractor{groups: m.groups, stop: m.stop, blank: m.trainBlank, s: sink{mask: 1<<m.bits1 - 1}}
}

// scoresQ adds the quantised weights of the sink's features to z. It
// panics if a feature index is outside the table (dotQ checks).
func scoresQ(w []int16, scale float32, s *sink, z *[NumClasses]float32) {
	if len(s.idx) > 0 {
		dotQ(w, s.idx, s.val[:len(s.idx)], scale, z)
	}
}

// errRows is the panic of a feature index outside the weight table.
var errRows = errors.New("model: feature index outside the weight table")

// weight1 returns the first-pass weight of bucket f for class k.
func (m *Model) weight1(f uint32, k int) float32 {
	if m.q1 != nil {
		return float32(m.q1[int(f)*NumClasses+k]) * m.s1
	}
	return m.w1[int(f)*NumClasses+k]
}

// scores adds the weights of the sink's features to z, as scoresQ.
func scores(w []float32, s *sink, z *[NumClasses]float32) {
	if len(s.idx) > 0 {
		dotF(w, s.idx, s.val[:len(s.idx)], z)
	}
}

func softmax(z *[NumClasses]float32, t float32, out *[NumClasses]float32) {
	if t == 1 {
		// x/1 == x for every float: the same numbers without the divisions
		softmax1(z, out)
		return
	}
	mx := z[0] / t
	for k := 1; k < NumClasses; k++ {
		mx = max(mx, z[k]/t)
	}
	var sum float32
	for k := range NumClasses {
		e := exp32(z[k]/t - mx)
		out[k] = e
		sum += e
	}
	for k := range NumClasses {
		out[k] /= sum
	}
}

func softmax1(z *[NumClasses]float32, out *[NumClasses]float32) {
	// the largest logit, by comparisons rather than the max builtin
	// (which orders -0 below +0 and propagates NaN, at a cost): where the
	// two differ, the result is -0 for +0 or a logit for NaN, and z[k]-mx
	// then differs at most in the sign of a zero, which exp32 maps to 1,
	// or is NaN either way
	mx := z[0]
	for k := 1; k < NumClasses; k++ {
		if z[k] > mx {
			mx = z[k]
		}
	}
	var sum float32
	for k := range NumClasses {
		// exp32, with its usual case inlined
		x := z[k] - mx
		var e float32
		if y := expNear(float64(x)); x > -87 && x < 0 && !nearMidpoint(y) {
			e = float32(y)
		} else {
			e = exp32(x)
		}
		out[k] = e
		sum += e
	}
	for k := range NumClasses {
		out[k] /= sum
	}
}

// pass1 computes first-pass logits (when logits is not nil) and
// probabilities for every block.
func (m *Model) pass1(x *extractor, doc *segment.Doc, logits, probs [][NumClasses]float32) {
	x.s.mask = 1<<m.bits1 - 1
	for i := range doc.Blocks {
		if x.cancel.stop(i) {
			return
		}
		x.block(doc, i, false)
		var z [NumClasses]float32
		if m.q1 != nil {
			scoresQ(m.q1, m.s1, &x.s, &z)
		} else {
			scores(m.w1, &x.s, &z)
		}
		if logits != nil {
			logits[i] = z
		}
		softmax(&z, 1, &probs[i])
	}
}

// Predict labels every block of doc. explain > 0 asks for that many
// contributions per block (the strongest features for and against the
// predicted class, with the weight each added to that class's score).
func (m *Model) Predict(doc *segment.Doc, explain int) []Prediction {
	out, _ := m.predict(doc, explain, nil)
	return out.All()
}

// HasPageModel reports whether the model says what kind of page a
// document is (files written before format version 3 do not).
func (m *Model) HasPageModel() bool { return m.page != nil }

// PredictPage is Predict, and the page model's judgement of the whole
// document (Kind PageUnknown when the model has no page model).
func (m *Model) PredictPage(doc *segment.Doc, explain int) ([]Prediction, PagePrediction) {
	out, page := m.predict(doc, explain, nil)
	return out.All(), page
}

// Predictions are the model's output for every block of a document in
// compact form: 40 bytes a block (the calibrated probabilities as the
// model computes them, in float32) instead of a Prediction's 112, so that
// a document of many small blocks does not hold both. At expands one.
type Predictions struct {
	probs   [][NumClasses]float32
	explain [][]Contribution // nil unless asked for
}

// Len returns the number of blocks.
func (p *Predictions) Len() int { return len(p.probs) }

// At returns the prediction for block i: the same values Predict returns.
func (p *Predictions) At(i int) Prediction {
	var out Prediction
	for k := range NumClasses {
		out.Probs[k] = float64(p.probs[i][k])
	}
	out.ContentProb = p.contentProb(i)
	if p.explain != nil {
		out.Explain = p.explain[i]
	}
	return out
}

// contentProb is At(i).ContentProb.
func (p *Predictions) contentProb(i int) float64 {
	return float64(p.probs[i][0]) + float64(p.probs[i][1])
}

// decide is Decide(At(i), t), without building the Prediction.
func (p *Predictions) decide(i int, t float64) int {
	return mostProbable(&p.probs[i], p.contentProb(i) >= t)
}

// All returns every block's prediction.
func (p *Predictions) All() []Prediction {
	out := make([]Prediction, p.Len())
	for i := range out {
		out[i] = p.At(i)
	}
	return out
}

// predict is PredictPage, stopping early (with a partial result the
// caller drops) when c says so. Its working memory (block statistics,
// first-pass probabilities, context) is released before it returns: only
// the compact output outlives it.
func (m *Model) predict(doc *segment.Doc, explain int, c *canceler) (*Predictions, PagePrediction) {
	n := len(doc.Blocks)
	// out holds the first-pass logits when there is no second pass, and
	// then the final probabilities, block by block.
	out := &Predictions{probs: make([][NumClasses]float32, n)}
	var page PagePrediction
	if n == 0 {
		return out, page
	}
	sc := getScratch(m, n)
	defer sc.release()
	x, cs := &sc.x, &sc.cs
	x.cancel = c
	defer func() { x.cancel = nil }()
	x.prepare(doc)
	probs := sc.probs[:n]
	if c.stop(0) {
		return out, page
	}
	var logits [][NumClasses]float32
	if m.w2 == nil {
		logits = out.probs
	}
	m.pass1(x, doc, logits, probs)
	if c.stop(0) {
		return out, page
	}
	if m.page != nil {
		var f [numPageFeats]float32
		pageFeatures(doc, x.stats, probs, &f)
		page = m.page.predict(&f)
		page.sureOfTextKind(doc)
	}
	t := float32(m.temperature)
	if t <= 0 {
		t = 1
	}
	sh := m.shift[docScript(x.stats)]
	final := func(i int, z [NumClasses]float32) {
		for k := range NumClasses {
			z[k] /= t
		}
		z[0] += sh
		z[1] += sh
		softmax1(&z, &out.probs[i])
	}
	if m.w2 != nil {
		cs.prepare(doc, probs, x.stats)
		x.s.mask = 1<<m.bits2 - 1
		for i := range doc.Blocks {
			if c.stop(i) {
				return out, page
			}
			x.context(doc, probs, cs, i, false)
			var z [NumClasses]float32
			scores(m.w2, &x.s, &z)
			final(i, z)
		}
	} else {
		for i := range out.probs {
			final(i, out.probs[i])
		}
	}
	if explain > 0 {
		out.explain = make([][]Contribution, n)
		for i := range out.explain {
			if c.stopEvery(i, explainCheckEvery) {
				return out, page
			}
			p := out.At(i)
			out.explain[i] = m.explainBlock(x, doc, probs, cs, i, argmax64(&p.Probs), explain)
		}
	}
	return out, page
}

// scratch is Predict's working memory, reused across calls through
// scratchPool (documents of more than maxPooledBlocks blocks get their
// own, so the pool never holds on to a huge document's buffers).
type scratch struct {
	x      extractor
	cs     ctxScratch
	probs  [][NumClasses]float32
	pooled bool
}

const maxPooledBlocks = 1 << 14

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// getScratch returns scratch for an n-block document scored by m.
func getScratch(m *Model, n int) *scratch {
	var sc *scratch
	if n <= maxPooledBlocks {
		sc = scratchPool.Get().(*scratch)
		sc.pooled = true
	} else {
		sc = new(scratch)
	}
	sc.x.groups, sc.x.stop, sc.x.s.mask, sc.x.blank = m.groups, m.stop, 1<<m.bits1-1, m.trainBlank
	if cap(sc.probs) < n {
		sc.probs = make([][NumClasses]float32, n)
	}
	return sc
}

// release returns pooled scratch to the pool, without references into the
// document it served.
func (sc *scratch) release() {
	if !sc.pooled {
		return
	}
	sc.x.stop = nil
	sc.x.pathToks, sc.x.pathIdx = nil, sc.x.pathIdx[:0]
	clear(sc.cs.keys) // its keys are paths of the document
	clear(sc.x.s.names[:cap(sc.x.s.names)])
	sc.x.s.names = sc.x.s.names[:0]
	scratchPool.Put(sc)
}

func argmax64(p *[NumClasses]float64) int {
	best := 0
	for k := 1; k < NumClasses; k++ {
		if p[k] > p[best] {
			best = k
		}
	}
	return best
}

// explainBlock lists the n strongest contributions to class k's score,
// for (positive) and against (negative), merging features with the same
// name.
func (m *Model) explainBlock(x *extractor, doc *segment.Doc, probs [][NumClasses]float32, cs *ctxScratch, i, k, n int) []Contribution {
	var all []Contribution
	collect := func(w func(f uint32, k int) float32, prefix string) {
		byName := map[string]float64{}
		var order []string
		for j, f := range x.s.idx {
			c := float64(w(f, k) * x.s.val[j])
			name := prefix + x.s.names[j]
			if _, ok := byName[name]; !ok {
				order = append(order, name)
			}
			byName[name] += c
		}
		for _, name := range order {
			all = append(all, Contribution{Feature: name, Weight: byName[name]})
		}
	}
	x.s.mask = 1<<m.bits1 - 1
	x.block(doc, i, true)
	collect(m.weight1, "")
	if m.w2 != nil {
		x.s.mask = 1<<m.bits2 - 1
		x.context(doc, probs, cs, i, true)
		collect(func(f uint32, k int) float32 { return m.w2[int(f)*NumClasses+k] }, "context:")
	}
	sort.SliceStable(all, func(a, b int) bool { return math.Abs(all[a].Weight) > math.Abs(all[b].Weight) })
	// keep the strongest, but make room for the strongest one against
	if len(all) > n {
		top := all[:n]
		hasNeg := slices.ContainsFunc(top, func(c Contribution) bool { return c.Weight < 0 })
		if !hasNeg && n > 1 {
			if j := slices.IndexFunc(all, func(c Contribution) bool { return c.Weight < 0 }); j >= 0 {
				top = append(all[:n-1:n-1], all[j])
			}
		}
		all = top
	}
	return all
}
