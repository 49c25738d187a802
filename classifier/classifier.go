package classifier

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/winnowhq/winnow/classifier/decode"
	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/classifier/token"
)

// Config holds the classifier's limits.
type Config struct {
	// MaxDocumentBytes bounds Input.Data; 0 means DefaultMaxDocumentBytes.
	MaxDocumentBytes int
}

// DefaultMaxDocumentBytes is the default document size limit (16 MiB).
const DefaultMaxDocumentBytes = 16 << 20

// MaxTitleBytes bounds Input.Title: a longer title is not read (the
// server rejects one with INVALID_ARGUMENT).
const MaxTitleBytes = 2048

// The block limit: a document may have up to MinBlockLimit blocks, and
// more only when they average at least BlockLimitBytes bytes of text
// each (MaxBlocks). Every block costs a few hundred bytes of memory while
// it is classified, so a document of tiny blocks (one word or one tag
// each) would otherwise cost well over 20 times its size; the limit keeps
// the peak memory of a call under about 20 times the document (plus a
// fixed allowance for the first MinBlockLimit blocks). Real pages are far
// inside it: the largest of the 5,247 pages of the shared corpora has
// 6,571 blocks.
const (
	MinBlockLimit   = 1 << 15
	BlockLimitBytes = 64
)

// MaxBlocks returns the most blocks a document of textBytes bytes (of
// decoded text, or HTML source) may have: MinBlockLimit, or one per
// BlockLimitBytes when that is more (262,144 for 16 MiB). A document
// with more fails with an error of kind KindTooLarge.
func MaxBlocks(textBytes int) int { return max(MinBlockLimit, textBytes/BlockLimitBytes) }

// Classifier labels documents with one model. It is safe for concurrent use.
type Classifier struct {
	model *model.Model
	cfg   Config
}

// withModel returns a classifier using m; Default and Load are the
// exported ways in (a freshly trained model goes through Encode and Load).
func withModel(m *model.Model, cfg Config) *Classifier {
	if cfg.MaxDocumentBytes <= 0 {
		cfg.MaxDocumentBytes = DefaultMaxDocumentBytes
	}
	warmTables()
	return &Classifier{model: m, cfg: cfg}
}

var defaultModel = sync.OnceValues(model.Default)

// warmTables builds, once per process, the tables the tokeniser and the
// language guesser otherwise build on first use (NFKC changes, scripts,
// stop words: several milliseconds of CPU), so that loading a model pays
// for them rather than the first document.
var warmTables = sync.OnceFunc(func() {
	token.Normalize("é")
	token.DetectLanguage("the news of the day")
})

// Default returns a classifier using the embedded default model, which is
// decoded once, on first use.
func Default() (*Classifier, error) {
	m, err := defaultModel()
	if err != nil {
		return nil, &Error{Op: "load model", Kind: KindOther, Err: err}
	}
	return withModel(m, Config{}), nil
}

// Load returns a classifier using the model file data.
func Load(data []byte, cfg Config) (*Classifier, error) {
	m, err := model.Decode(data)
	if err != nil {
		return nil, &Error{Op: "load model", Kind: KindInvalid, Err: err}
	}
	return withModel(m, cfg), nil
}

// Info describes a classifier's model: what GetModel reports and logs
// print.
type Info struct {
	// Version names the model (and, for a stamped model, its weights).
	Version string
	// FormatVersion is the model file's format version.
	FormatVersion int
	// Fingerprint identifies the feature pipeline the model was trained
	// with.
	Fingerprint string
	// ContentSHA256 is the hex SHA-256 of the model file's contents (the
	// checksum the file carries): it names the weights.
	ContentSHA256 string
	// Threshold is the model's default content threshold.
	Threshold float64
	// Categories are the categories the model labels blocks with, in
	// Category order.
	Categories []Category
	// Languages are the language codes of the training data.
	Languages []string
	// Training counts the training documents and blocks per source.
	Training map[string]int
	// Metrics are dev-set numbers stored at training time.
	Metrics map[string]float64
	// PageKinds are the page kinds the model tells apart (Result.PageKind);
	// empty when the model has no page model.
	PageKinds []PageKind
}

// Info describes the classifier's model.
func (c *Classifier) Info() Info {
	mi := c.model.Info()
	return Info{
		Version:       mi.Version,
		FormatVersion: mi.FormatVersion,
		Fingerprint:   mi.Fingerprint,
		ContentSHA256: mi.ContentSHA256,
		Threshold:     c.model.Threshold(),
		Categories:    Categories(),
		Languages:     slices.Clone(mi.Languages),
		Training:      maps.Clone(mi.Training),
		Metrics:       maps.Clone(mi.Metrics),
		PageKinds:     pageKinds(c.model),
	}
}

func pageKinds(m *model.Model) []PageKind {
	if !m.HasPageModel() {
		return nil
	}
	return PageKinds()
}

// WithConfig returns a classifier with c's model and cfg.
func (c *Classifier) WithConfig(cfg Config) *Classifier { return withModel(c.model, cfg) }

// Config returns the classifier's configuration with defaults filled in.
func (c *Classifier) Config() Config { return c.cfg }

// Classify labels every block of the document.
func (c *Classifier) Classify(ctx context.Context, in Input) (*Result, error) {
	const op = "classify"
	if err := ctx.Err(); err != nil {
		return nil, &Error{Op: op, Kind: KindCanceled, Err: err}
	}
	if len(in.Data) == 0 {
		return nil, errorf(op, KindInvalid, "document", "the document is empty")
	}
	if len(in.Data) > c.cfg.MaxDocumentBytes {
		return nil, errorf(op, KindTooLarge, "document", "%d bytes exceeds the limit of %d bytes", len(in.Data), c.cfg.MaxDocumentBytes)
	}
	if t := in.Options.Threshold; t != nil && !(*t >= 0 && *t <= 1) {
		return nil, errorf(op, KindInvalid, "options.threshold", "threshold %v is outside [0,1]", *t)
	}
	var text, enc string
	var shared bool // text is in.Data's own bytes
	isHTML := in.Mode == ModeHTML
	if in.Raw {
		d, err := decode.DecodeShared(in.Data, in.MediaType)
		if err != nil {
			return nil, &Error{Op: "decode", Kind: KindUnsupported, Field: "document", Err: err}
		}
		text, enc, shared = d.Text, d.Encoding, d.Shared
		if in.Mode == ModeAuto {
			isHTML = d.HTML
		}
	} else {
		text, shared = decode.UTF8Shared(in.Data)
		enc = "utf-8"
		if in.Mode == ModeAuto {
			isHTML = decode.SniffHTML(text)
		}
	}
	// HTML is read from the input's own bytes when they need no
	// conversion: segment.HTML keeps no part of its input (it copies the
	// visible text and every string it keeps), so that only a text's
	// result, whose offsets are into the decoded text, needs a copy
	// (TestClassifyKeepsNoInput).
	if shared && !isHTML {
		text = strings.Clone(text)
	}
	input := text // what the result's offsets index (text may be rewritten below)
	var doc *segment.Doc
	var err error
	var pos *segment.MarkdownOffsets // markdown's plain text offsets in the input, or nil
	list := -1                       // the offset of a link list after a text (segment.LinkList), or -1
	// Segmentation and scoring check ctx every thousand lines, nodes or
	// blocks, so abandoned work stops within a millisecond or so of CPU.
	// The block limit stops segmentation as soon as it is passed.
	maxBlocks := MaxBlocks(len(text))
	check := ctx.Err // one method value for every stage
	if isHTML {
		doc, err = segment.HTML(text, segment.HTMLOptions{Check: check, MaxBlocks: maxBlocks})
	} else {
		// Lines end at "\n": other line breaks are written so, bytes for
		// bytes (lineBreaks). Markdown is read as the plain text a
		// scraper would have saved; pos maps its offsets back to the
		// input's.
		// A link list after the text (lynx -dump's "References") is
		// not read: its lines become navigation blocks at the end.
		text = lineBreaks(text)
		if cut, n := segment.LinkList(text); n > 0 && n < maxBlocks {
			text, list, maxBlocks = text[:cut], cut, maxBlocks-n
		}
		var plain string
		var p *segment.MarkdownOffsets
		var ok bool
		if list >= 0 {
			// a text browser's dump: its links are numbered
			plain, p, ok = segment.PlainLinks(text)
		} else {
			plain, p, ok = segment.PlainMarkdown(text)
		}
		if !ok {
			plain = text
		}
		pos = p
		doc, err = segment.Text(plain, segment.TextOptions{Splitter: c.model.Splitter(), LongSplitter: c.model.LongSplitter(), Reflow: true, Markdown: pos, Check: check, MaxBlocks: maxBlocks})
		if err == nil && pos != nil {
			pos.SetLinks(doc.Blocks) // the decoder reads link text as in HTML
		}
	}
	if cerr := ctx.Err(); cerr != nil {
		return nil, &Error{Op: op, Kind: KindCanceled, Err: cerr}
	}
	if doc != nil {
		doc.URL = in.URL
		if doc.URL == "" {
			// the address the page gives itself, for the page model
			doc.URL = doc.CanonicalURL
		}
	}
	if tm := (*segment.TooManyBlocksError)(nil); err != nil && errors.As(err, &tm) {
		return nil, errorf("segment", KindTooLarge, "document",
			"the document has more than %d blocks, the most a document of %d bytes may have (%d, or one block per %d bytes when that is more; each block costs memory while it is classified); send fewer, longer lines or elements, or split the document",
			tm.Max, len(text), MinBlockLimit, BlockLimitBytes)
	}
	if err != nil {
		return nil, &Error{Op: "segment", Kind: KindInvalid, Field: "document", Err: err}
	}
	explain := 0
	if in.Options.Explain {
		explain = in.Options.MaxExplain
		if explain <= 0 {
			explain = 5
		}
	}
	preds, page, err := c.model.PredictCompact(doc, explain, check)
	if err != nil {
		return nil, &Error{Op: op, Kind: KindCanceled, Err: err}
	}
	threshold := c.model.Threshold()
	if in.Options.Threshold != nil {
		threshold = *in.Options.Threshold
	}
	res := &Result{
		Text:         doc.Text,
		Mode:         ModeText,
		Encoding:     enc,
		Language:     in.LanguageHint,
		ModelVersion: c.model.Info().Version,
		Blocks:       make([]Block, len(doc.Blocks)),
	}
	if doc.HTML {
		res.Mode = ModeHTML
	}
	if res.Language == "" {
		res.Language = c.model.Language(doc)
	}
	res.PageKind = PageKind(page.Kind)
	for k, p := range page.Probs {
		res.PageKindProbs[k+1] = p
	}
	classes := make([]int, len(doc.Blocks))
	dominant := c.model.DecideDoc(preds, doc, threshold, classes)
	// A page holds an article when the page model says so, or when one
	// region dominates its content (the article-span decoder acted) and
	// the page model's article probability reaches its lower cut for such
	// pages (a listing whose items run together is one region too).
	res.HasArticle = page.HasArticle() || dominant && page.DominantArticle
	dbl := newDoubled(doc.Text, doc.Blocks)
	if res.HasArticle && !isHTML && cardPage(dbl, classes) {
		// a page of teaser cards: a listing, whatever the page model says
		res.HasArticle = false
		if res.PageKind == PageArticle {
			res.PageKind = PageListing
		}
	}
	if res.HasArticle && !isHTML && cardListing(doc, classes, page) {
		// a listing of title-and-summary cards
		res.HasArticle = false
	}
	contentProb := func(i int) float64 { return preds.At(i).ContentProb }
	if (!res.HasArticle || res.PageKind != PageArticle) && shortArticle(doc.Text, doc.Blocks, classes, contentProb) {
		// a headline and a paragraph or two, as text or as an HTML
		// fragment: too short for the page model (which may also have
		// named a kind other than article for a text it let hold one)
		res.HasArticle = true
		res.PageKind = PageArticle
	}
	if !res.HasArticle {
		// No article: no block is content, whatever its probability; or,
		// with KeepContentWithoutArticle, every block keeps its own
		// decision: the article-span decoder, which keeps one region of
		// an article, does not apply to a listing's or a forum's items.
		t := 2.0
		if in.Options.KeepContentWithoutArticle {
			t = threshold
		}
		for i := range classes {
			classes[i] = model.Decide(preds.At(i), t)
		}
	}
	// Reader comments under an article are named so in the markup; a
	// forum's posts are its content.
	if res.HasArticle && page.Kind != model.PageForum {
		commentThreads(doc.Blocks, classes)
	}
	if res.HasArticle {
		longProse(doc.Text, doc.Blocks, classes, contentProb)
	}
	menuLines(doc.Text, doc.Blocks, classes)
	// the article's first words, counted once a block for the text rules
	// that look past them (an HTML page asks once)
	var para *paraWords
	if !isHTML {
		para = new(paraWords)
	}
	if res.HasArticle && !isHTML && page.Kind != model.PageForum {
		datedThreads(doc.Text, doc.Blocks, classes, para)
		countedThreads(doc.Text, doc.Blocks, classes, para)
	}
	// the rules below give a block they take out its best boilerplate
	// class
	boilerplate := func(i int) int { return model.Decide(preds.At(i), 2) }
	if res.HasArticle && !isHTML {
		// the caller's title, else the address's slug
		names := titleHint(in.Title)
		if (names == nil || !headline(doc.Text, doc.Blocks, classes, contentProb, boilerplate, names...)) && doc.URL != "" {
			slugHeadline(doc.Text, doc.Blocks, classes, contentProb, boilerplate, doc.URL)
		}
	}
	if !isHTML {
		titleRuns(doc.Text, doc.Blocks, classes)
	}
	if res.HasArticle && !isHTML {
		rejoinTail(doc.Text, doc.Blocks, classes, contentProb)
		subheadings(doc.Text, doc.Blocks, classes)
		proseTail(doc.Text, doc.Blocks, classes)
		closingParagraph(doc.Text, doc.Blocks, classes, contentProb)
		announcedLists(doc.Text, doc.Blocks, classes)
		leadTitle(doc.Text, doc.Blocks, classes, contentProb)
		shortLedes(doc.Text, doc.Blocks, classes, contentProb)
		if pos != nil && list < 0 {
			// markdown's links, read exactly (a dump's are not)
			linkParagraphs(doc.Blocks, classes)
			pointerLines(doc.Text, doc.Blocks, classes)
		}
	}
	if res.HasArticle && !isHTML && page.Kind != model.PageForum {
		formLabels(doc.Text, doc.Blocks, classes, boilerplate, para)
	}
	if res.HasArticle && page.Kind == model.PageArticle {
		doubledCards(dbl, classes, boilerplate)
		if !isHTML {
			cardRuns(dbl, classes, boilerplate)
			echoCards(doc.Text, doc.Blocks, classes, boilerplate)
		}
	}
	if res.HasArticle && isHTML {
		appendedArticles(doc.Blocks, classes, boilerplate)
		if page.Kind != model.PageForum {
			afterEnd(doc.Blocks, classes, boilerplate)
		}
		asides(doc.Blocks, classes, boilerplate)
		outsideArticle(doc.Blocks, classes, contentProb, boilerplate)
		outsideContainer(doc.Blocks, classes, contentProb, boilerplate)
		siblingTail(doc.Text, doc.Blocks, classes, contentProb)
		linkParagraphs(doc.Blocks, classes)
		pointerLines(doc.Text, doc.Blocks, classes)
		formControls(doc.Blocks, classes, boilerplate)
		// the page's own markup says which text, or which element, is
		// the article's body
		if !followBody(doc.Text, doc.Blocks, classes, doc.ArticleBody, boilerplate) {
			followMarkedBody(doc.Text, doc.Blocks, classes, boilerplate)
		}
		names := titleNames(doc.OGTitle, doc.Title)
		if hint := titleHint(in.Title); hint != nil && strings.TrimSpace(doc.OGTitle+doc.Title) == "" {
			// a fragment without <head>, as a CMS sends an article's
			// body: the caller's title stands for the page's
			names = hint
		}
		if !headline(doc.Text, doc.Blocks, classes, contentProb, boilerplate, names...) && doc.URL != "" {
			slugHeadline(doc.Text, doc.Blocks, classes, contentProb, boilerplate, doc.URL)
		}
	}
	marked := mayEndMark(doc.Text)
	if res.HasArticle && !isHTML && marked {
		beforeEndMark(doc.Text, doc.Blocks, classes, func(i int) int { return model.Decide(preds.At(i), threshold) })
		endMarked(doc.Text, doc.Blocks, classes, boilerplate)
	}
	if res.HasArticle && page.Kind != model.PageForum {
		teaserCards(doc.Text, doc.Blocks, classes, boilerplate, page.Kind == model.PageArticle, para)
	}
	if !isHTML {
		escapedMarkup(doc.Text, doc.Blocks, classes, boilerplate)
	}
	copyrightLines(doc.Text, doc.Blocks, classes)
	legalLinks(doc.Text, doc.Blocks, classes)
	shareMenus(doc.Text, doc.Blocks, classes)
	shareLines(doc.Text, doc.Blocks, classes)
	if marked {
		endMarkLines(doc.Text, doc.Blocks, classes)
	}
	for i, sb := range doc.Blocks {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil, &Error{Op: op, Kind: KindCanceled, Err: ctx.Err()}
		}
		if pos != nil {
			sb.Start, sb.End = pos.Span(sb.Start, sb.End)
		}
		res.Blocks[i] = makeBlock(sb, preds.At(i), classes[i])
	}
	if !isHTML {
		// the offsets are the input's (markdown's plain text, and line
		// breaks other than "\n", were read from a rewritten copy)
		res.Text = input
	}
	if list >= 0 {
		res.Blocks = linkListBlocks(res.Text, list, res.Blocks)
	}
	oneTitle(res.Text, res.Blocks)
	res.Title = findTitle(res, doc)
	res.Summary = summarize(res)
	return res, nil
}

// makeBlock turns a segment block, its prediction and its class (from
// model.DecideAll: the content/boilerplate cut on the content probability,
// the most probable category within the chosen label, then the article-span
// decoder) into a result block. Model class k is Category k+1
// (TestCategoryTable checks).
func makeBlock(sb segment.Block, p model.Prediction, class int) Block {
	b := Block{Start: sb.Start, End: sb.End, Path: sb.Path, ContentProb: p.ContentProb}
	b.Category = Category(class + 1)
	b.Label = b.Category.Label()
	if b.Label == Content {
		b.Score = p.ContentProb
	} else {
		b.Score = 1 - p.ContentProb
	}
	for _, c := range p.Explain {
		b.Explanation = append(b.Explanation, Contribution(c))
	}
	return b
}

// oneTitle keeps one title per page: once a title has been seen and the
// body has begun after it, a block labelled title is a subheading of the
// body and becomes body (its label, content, and score do not change); so
// does a block labelled title that follows the first title with only
// metadata between them (one block or more) and says something else: the
// article's standfirst after its byline or date, which the Persian pages
// of held-out templates showed called title 111 times in 2,064 body units
// (a title written twice, around its metadata, stays title; text is the
// blocks' text).
func oneTitle(text string, bs []Block) {
	seen, body := false, false
	first := ""
	between := 0 // metadata blocks since the last title; -1 after a block of another kind
	for i := range bs {
		switch bs[i].Category {
		case Title:
			t := text[bs[i].Start:bs[i].End]
			if seen && body {
				bs[i].Category = Body
			} else if seen && between >= 1 && t != first {
				bs[i].Category = Body
				body = true
			}
			if !seen {
				first = t
			}
			seen = true
			between = 0
		case Body:
			body = seen
		case Metadata:
			if between >= 0 {
				between++
			}
		default:
			between = -1
		}
	}
}

func findTitle(res *Result, doc *segment.Doc) string {
	for _, b := range res.Blocks {
		if b.Category == Title {
			return oneLine(res.Text[b.Start:b.End])
		}
	}
	return strings.TrimSpace(doc.Title)
}

func summarize(res *Result) Summary {
	var s Summary
	var total, boiler int
	firstBody, lastBody := -1, -1
	for i, b := range res.Blocks {
		s.Counts[b.Category]++
		n := b.End - b.Start
		total += n
		if b.Label == Boilerplate {
			boiler += n
		}
		if b.Category == Body {
			if firstBody < 0 {
				firstBody = i
			}
			lastBody = i
		}
	}
	if total > 0 {
		s.BoilerplateShare = float64(boiler) / float64(total)
	}
	for i := firstBody + 1; i < lastBody; i++ {
		switch res.Blocks[i].Category {
		case Ad:
			s.AdsInBody = true
		case Related:
			s.RelatedInBody = true
		}
	}
	return s
}

// Categories returns every category but CategoryUnspecified, in order.
func Categories() []Category {
	out := make([]Category, 0, NumCategories-1)
	for c := Title; c < NumCategories; c++ {
		out = append(out, c)
	}
	return out
}
