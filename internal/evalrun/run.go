// Package evalrun runs the evaluation behind `winnow eval`: it scores a
// classifier on the shared corpora, the synthetic Persian dev pages and the
// seed example with package eval's metrics, and writes the markdown report
// (docs/quality.md). It is tooling, not API.
package evalrun

import (
	"context"
	"fmt"
	"html"
	"io"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/classifier/decode"
	"github.com/winnowhq/winnow/classifier/eval"
	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/internal/corpus"
	"github.com/winnowhq/winnow/internal/dataset"
)

// Unit is a labelled span of a document's text, for category accuracy.
type Unit struct {
	Text     string
	Category classifier.Category
}

// Options say what Run evaluates.
type Options struct {
	// Corpora is the folder of the shared corpora.
	Corpora string
	// Sets to evaluate (default: every set under Corpora).
	Sets []string
	// Modes: "html", "text", "titled", "nodes", "textcontent", "markdown",
	// "markdown-wrapped", "markdown-turndown", "dump", "clean", "brief"
	// and/or "fragment" (default all twelve): the page, its
	// visible-text rendition, the same with the page's og:title or <title>
	// sent beside it as Input.Title (pageTitle: as a scraper that saves the
	// title with the text sends it), its text nodes one a line (nodesOf:
	// BeautifulSoup's get_text("\n", strip=True)), the same run together
	// (textContentOf: get_text() without a separator, the DOM's
	// textContent), its markdown rendition (markdownOf: links, images,
	// headings, list items, blank lines between blocks, as scrapers that
	// feed language models save pages), the same hard-wrapped at
	// wrappedWidth runes (as html2text writes it), the same written as
	// turndown writes it (Jina Reader's converter: setext headings,
	// escaped marks; markdownStyles), the page as lynx -dump writes it
	// (numbered links and their list of addresses after the text), its gold text alone (clean text: what a scraper that already
	// removed the boilerplate saves; article pages with a gold only, every
	// word of which should be kept), or an article's headline and first
	// paragraph alone (a brief, as a CMS sends a short item; briefOf),
	// or the same brief as an HTML fragment without <head> (fragmentOf:
	// the headline in <h1>, the paragraph in <p>, as a CMS sends an
	// article's body).
	Modes []string
	// Persian is the shared Persian folder: its synthetic dev pages (sites
	// the model did not train on) are evaluated when set.
	Persian string
	// Seed is the synthetic pages' seed.
	Seed uint64
	// Examples is the folder holding seed-fa-news.txt and its labels.
	Examples string
	// MaxPages bounds pages per set (0: all).
	MaxPages int
	// Threshold overrides the model's content threshold when > 0.
	Threshold float64
	// KeepContent keeps the content of every page, whatever the page
	// model says (ClassifyOptions.KeepContentWithoutArticle): the token
	// scores then measure the block model alone.
	KeepContent bool
	// NoURL classifies the corpus pages without their manifest address
	// (Input.URL), as a caller that sends none.
	NoURL bool
	// Log receives progress lines when non-nil.
	Log func(format string, args ...any)
}

// SetResult is one set in one mode.
type SetResult struct {
	Set, Mode string
	// DevOnly says only dev-split pages (sites not trained on) were scored.
	DevOnly bool
	// Pages counts the pages classified (with or without gold).
	Pages   int
	Tokens  eval.Mean
	PerLang map[string]*eval.Mean
	// PerType holds the token scores per page type (the manifest's
	// page_type; "article" for the news sets, which carry none).
	PerType map[string]*eval.Mean
	// ArticleLang holds the article pages' token scores per language.
	ArticleLang map[string]*eval.Mean
	// PageConf counts the pages whose kind is known (dataset.PageKindOf)
	// and that the model judged, by true kind (row) and judged kind
	// (column), both indexed like classifier.PageKind (pageCounts sums
	// it). NoArticle counts those judged to hold no article, and ArticleN
	// / ArticleMissed the article pages and those of them judged to hold
	// none (their content is dropped by default).
	PageConf                           [classifier.NumPageKinds][classifier.NumPageKinds]int
	NoArticle, ArticleN, ArticleMissed int
	// Snippets: With found / total, Without absent / total.
	SnipFound, SnipWith, SnipClean, SnipWithout int
	// Category accuracy over labelled units, and content/boilerplate
	// accuracy over the same units.
	CatCorrect, LabelCorrect, Units int
	PerCat                          map[classifier.Category]*[2]int
	// PerPage holds every page with a gold text, in the order scored.
	PerPage []PageScore
	Errors  int
	Bytes   int
	Elapsed time.Duration
}

// PageScore is one page's scores in one set and mode: its token scores
// against its gold, what the page model judged, and its labelled units
// (winnow eval --pages writes them as JSON lines). Only pages with a gold
// text have one.
type PageScore struct {
	Set  string `json:"set"`
	Mode string `json:"mode"`
	ID   string `json:"id"`
	// Lang is the manifest's language guess; Type the page type
	// (wcxb's; "article" for the news sets).
	Lang string `json:"lang,omitempty"`
	Type string `json:"type,omitempty"`
	// Precision, Recall and F1 are the page's bag-of-tokens scores.
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// HasArticle and PageKind are the page model's judgement.
	HasArticle bool   `json:"has_article"`
	PageKind   string `json:"page_kind,omitempty"`
	// Units and UnitsRight count the page's labelled units and those
	// given their category (Persian pages, l3s_gn1, the seed example).
	Units      int `json:"units,omitempty"`
	UnitsRight int `json:"units_right,omitempty"`
	// Error is the classification error, if any (the page then scores as
	// an empty extraction).
	Error string `json:"error,omitempty"`
}

// newPageScore returns the page score of cnt for one page of r, with the
// page model's judgement from res (nil: the classification failed with
// err).
func (r *SetResult) newPageScore(id, lang, typ string, cnt eval.Counts, res *classifier.Result, err error) PageScore {
	p, rc, f := cnt.PRF()
	ps := PageScore{Set: r.Set, Mode: r.Mode, ID: id, Lang: lang, Type: typ, Precision: p, Recall: rc, F1: f}
	if err != nil {
		ps.Error = err.Error()
	} else if res != nil {
		ps.HasArticle = res.HasArticle
		if res.PageKind != classifier.PageUnspecified {
			ps.PageKind = res.PageKind.String()
		}
	}
	return ps
}

// scorePage adds one page's counts to r's token scores and its page score
// (newPageScore) to PerPage, and returns the page score, whose units the
// caller may then set.
func (r *SetResult) scorePage(id, lang, typ string, cnt eval.Counts, res *classifier.Result, err error) *PageScore {
	r.Tokens.Add(cnt)
	r.PerPage = append(r.PerPage, r.newPageScore(id, lang, typ, cnt, res, err))
	return &r.PerPage[len(r.PerPage)-1]
}

// Report is a whole evaluation.
type Report struct {
	Model   string
	Results []*SetResult
}

// Run evaluates c on the shared corpora, the Persian dev pages and the
// seed example. Pages of the trainable corpora are scored only when their
// site is in the dev split; eval-only corpora are scored on all pages.
func Run(ctx context.Context, c *classifier.Classifier, opt Options) (*Report, error) {
	if opt.Log == nil {
		opt.Log = func(string, ...any) {}
	}
	modes := opt.Modes
	if len(modes) == 0 {
		modes = []string{"html", "text", "titled", "nodes", "textcontent", "markdown", "markdown-wrapped", "markdown-turndown", "dump", "clean", "brief", "fragment"}
	}
	rep := &Report{Model: c.Info().Version}
	sets := opt.Sets
	if len(sets) == 0 && opt.Corpora != "" {
		dirs, err := corpus.Sets(opt.Corpora)
		if err != nil {
			return nil, err
		}
		for _, d := range dirs {
			sets = append(sets, filepath.Base(d))
		}
	}
	for _, name := range sets {
		switch name {
		case "persian":
			for _, mode := range modes {
				if _, md := markdownStyles[mode]; md || mode == "clean" || mode == "brief" || mode == "fragment" || mode == "titled" || nodeStyles[mode] != nil {
					continue // the Persian pages' own styles are text and clean
				}
				r, err := runPersian(ctx, c, opt, mode)
				if err != nil {
					return nil, err
				}
				rep.Results = append(rep.Results, r)
			}
			continue
		case "persian-heldout":
			rs, err := runPersianHeldout(ctx, c, opt, modes)
			if err != nil {
				return nil, err
			}
			rep.Results = append(rep.Results, rs...)
			continue
		case "seed":
			for _, mode := range modes {
				if mode != "text" {
					continue
				}
				r, err := runSeed(ctx, c, opt)
				if err != nil {
					return nil, err
				}
				rep.Results = append(rep.Results, r)
			}
			continue
		}
		set, err := corpus.Open(filepath.Join(opt.Corpora, name))
		if err != nil {
			return nil, err
		}
		for _, mode := range modes {
			r, err := runSet(ctx, c, set, mode, opt)
			if err != nil {
				return nil, err
			}
			rep.Results = append(rep.Results, r)
			_, _, f := r.Tokens.Means()
			opt.Log("eval: %s %s: %d pages, mean F1 %.4f", name, mode, r.Tokens.N, f)
		}
	}
	rep.Results = append(rep.Results, newsDev(rep.Results, modes)...)
	return rep, nil
}

// newsDevSets are the sets whose article pages make the news-article dev
// suite: the trainable sets' dev sites and the held-out newspaper4k.
var newsDevSets = map[string]bool{"wcxb-dev-clean": true, "readability": true, "zh_webce": true, "fundus": true, "postlight": true, "newspaper4k_fixtures": true}

// trainedLangs are the languages the shipped model has training text in
// (20 or more training pages each: the corpora's dev split aside, and
// the synthetic Persian pages); news-dev/new-lang pools the others.
var trainedLangs = map[string]bool{"en": true, "de": true, "zh": true, "fa": true, "es": true, "fr": true, "pl": true}

// knownLang reports whether lang names a language (not an undetermined
// guess such as "latn-und", "und" or "?").
func knownLang(lang string) bool {
	return lang != "" && lang != "?" && lang != "und" && !strings.HasSuffix(lang, "-und")
}

// newsDev pools the article pages of newsDevSets into one result per mode
// (news-dev): articles of sites the model never trained on, across
// corpora and languages; and, as news-dev/new-lang, those of them in a
// language without training text (trainedLangs).
func newsDev(results []*SetResult, modes []string) []*SetResult {
	var out []*SetResult
	for _, mode := range modes {
		r := newResult("news-dev", mode)
		r.DevOnly = true
		nl := newResult("news-dev/new-lang", mode)
		nl.DevOnly = true
		for _, s := range results {
			if s.Mode != mode || !newsDevSets[s.Set] {
				continue
			}
			m := s.PerType["article"]
			if m == nil {
				continue
			}
			r.Tokens.Merge(m)
			if r.PerType[s.Set] == nil {
				r.PerType[s.Set] = &eval.Mean{}
			}
			r.PerType[s.Set].Merge(m)
			r.Pages += m.N
			r.ArticleN += s.ArticleN
			r.ArticleMissed += s.ArticleMissed
			for lang, lm := range s.ArticleLang {
				if !knownLang(lang) {
					continue
				}
				if r.PerLang[lang] == nil {
					r.PerLang[lang] = &eval.Mean{}
				}
				r.PerLang[lang].Merge(lm)
				if trainedLangs[lang] {
					continue
				}
				nl.Tokens.Merge(lm)
				nl.Pages += lm.N
			}
		}
		if r.Pages > 0 {
			out = append(out, r)
		}
		if nl.Pages > 0 {
			out = append(out, nl)
		}
	}
	return out
}

// markdownStyles are the markdown modes and how each writes its
// rendition.
var markdownStyles = map[string]mdStyle{
	"markdown":          {},
	"markdown-wrapped":  {width: wrappedWidth},
	"markdown-turndown": {turndown: true},
	"dump":              {dump: true},
}

// linkNumbers are the numbers the dump mode writes before each link's
// text.
var linkNumbers = regexp.MustCompile(`\[[0-9]+\]`)

// wrappedWidth is the width the markdown-wrapped mode hard-wraps lines
// at: html2text's default.
const wrappedWidth = 78

// briefOf returns an article's headline and first paragraph: title (the
// manifest's headline, "" when the set records none) and the first
// non-empty line of gold when gold does not start with title (wcxb's
// golds leave the headline out), else the first two non-empty lines of
// gold; and whether it has two lines.
func briefOf(title, gold string) (string, bool) {
	var lines []string
	if title = strings.TrimSpace(title); title != "" && !strings.HasPrefix(strings.TrimSpace(gold), title) {
		lines = append(lines, title)
	}
	for l := range strings.Lines(gold) {
		if l = strings.TrimRight(l, "\r\n"); strings.TrimSpace(l) != "" {
			if lines = append(lines, l); len(lines) == 2 {
				return strings.Join(lines, "\n"), true
			}
		}
	}
	return "", false
}

// fragmentOf writes a brief (briefOf: a headline line, then a paragraph
// line) as an HTML fragment without <head>: the headline in <h1>, the
// paragraph in <p>.
func fragmentOf(brief string) string {
	head, para, _ := strings.Cut(brief, "\n")
	return "<h1>" + html.EscapeString(head) + "</h1>\n<p>" + html.EscapeString(para) + "</p>\n"
}

func newResult(set, mode string) *SetResult {
	return &SetResult{Set: set, Mode: mode, PerLang: map[string]*eval.Mean{}, PerType: map[string]*eval.Mean{}, ArticleLang: map[string]*eval.Mean{}, PerCat: map[classifier.Category]*[2]int{}}
}

func runSet(ctx context.Context, c *classifier.Classifier, set *corpus.Set, mode string, opt Options) (*SetResult, error) {
	r := newResult(set.Name, mode)
	r.DevOnly = dataset.Trained(set.Name)
	n := 0
	for _, p := range set.Pages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if r.DevOnly && !dataset.IsDev(dataset.Group(set.Name, p)) {
			continue
		}
		if opt.MaxPages > 0 && n >= opt.MaxPages {
			break
		}
		n++
		gold, hasGold, err := set.Gold(p)
		if err != nil {
			return nil, err
		}
		kind := dataset.PageKindOf(set.Name, p)
		var raw []byte
		brief := mode == "brief" || mode == "fragment"
		clean := mode == "clean" || brief
		if clean {
			if !hasGold || kind != model.PageArticle && kind != model.PageUnknown || strings.TrimSpace(gold) == "" {
				continue // clean text is an article's gold text (postlight's pages have no kind)
			}
		} else if raw, err = set.HTML(p); err != nil {
			return nil, err
		}
		gold = dataset.TitledGold(set.Name, p, gold)
		if brief {
			var ok bool
			if gold, ok = briefOf(p.Title, gold); !ok {
				continue
			}
		}
		r.Pages++
		sn, hasSn, err := set.Snippets(p)
		if err != nil {
			return nil, err
		}
		if brief {
			hasSn = false // the snippets are the whole article's
		}
		typ := p.PageType
		if typ == "" {
			typ = "article"
		}
		// The page's gold is its main content; for the pages that are no
		// article (wcxb's forums, products, listings …) that is the main
		// list, which the classifier keeps only when asked to. Article
		// pages are scored with the defaults: an article judged to be no
		// article loses its content.
		co := opt.classifyOptions()
		co.KeepContentWithoutArticle = kind != model.PageArticle || opt.KeepContent
		t0 := time.Now()
		u := p.URL
		if opt.NoURL {
			u = ""
		}
		var res *classifier.Result
		if mode == "fragment" {
			frag := fragmentOf(gold)
			res, err = c.Classify(ctx, classifier.Input{ID: p.ID, Data: []byte(frag), Mode: classifier.ModeHTML, URL: u, Options: co})
			r.Bytes += len(frag)
		} else if clean {
			res, err = c.Classify(ctx, classifier.Input{ID: p.ID, Data: []byte(gold), Mode: classifier.ModeText, URL: u, Options: co})
			r.Bytes += len(gold)
		} else if st, md := markdownStyles[mode]; md || nodeStyles[mode] != nil {
			// a scraper's text rendition of the page, classified as text
			var text string
			if md {
				st.base = p.URL
				text, err = markdownRendition(raw, st)
			} else {
				text, err = nodesRendition(raw, nodeStyles[mode])
			}
			if err == nil {
				t0 = time.Now()
				res, err = c.Classify(ctx, classifier.Input{ID: p.ID, Data: []byte(text), Mode: classifier.ModeText, URL: u, Options: co})
				r.Bytes += len(text)
			}
		} else {
			res, err = c.Classify(ctx, classifier.Input{ID: p.ID, Data: raw, Raw: true, Mode: classifier.ModeHTML, URL: u, Options: co})
			if err == nil && (mode == "text" || mode == "titled") {
				vis := res.Text
				title := ""
				if mode == "titled" {
					title = pageTitle(raw)
				}
				t0 = time.Now()
				res, err = c.Classify(ctx, classifier.Input{ID: p.ID, Data: []byte(vis), Mode: classifier.ModeText, URL: u, Title: title, Options: co})
				r.Bytes += len(vis)
			} else {
				r.Bytes += len(raw)
			}
		}
		if err == nil && kind != model.PageUnknown {
			r.addPage(res, kind)
		}
		r.Elapsed += time.Since(t0)
		extracted := ""
		if err != nil {
			r.Errors++
		} else {
			extracted = res.MainText()
			if st, md := markdownStyles[mode]; md && st.dump {
				// scored as words: a link's number is no word of the page
				extracted = linkNumbers.ReplaceAllString(extracted, "")
			} else if md {
				// scored as words: the kept links' addresses are no words
				// of the page
				if plain, _, ok := segment.PlainMarkdown(extracted); ok {
					extracted = plain
				}
			}
		}
		var ps *PageScore
		if hasGold {
			cnt := eval.Compare(extracted, gold)
			ps = r.scorePage(p.ID, p.LangHint, typ, cnt, res, err)
			lang := p.LangHint
			if lang == "" {
				lang = "?"
			}
			if r.PerLang[lang] == nil {
				r.PerLang[lang] = &eval.Mean{}
			}
			r.PerLang[lang].Add(cnt)
			if r.PerType[typ] == nil {
				r.PerType[typ] = &eval.Mean{}
			}
			r.PerType[typ].Add(cnt)
			if typ == "article" {
				if r.ArticleLang[lang] == nil {
					r.ArticleLang[lang] = &eval.Mean{}
				}
				r.ArticleLang[lang].Add(cnt)
			}
		}
		if hasSn {
			f, cl := eval.SnippetScore(extracted, sn.With, sn.Without)
			r.SnipFound += f
			r.SnipClean += cl
			r.SnipWith += len(sn.With)
			r.SnipWithout += len(sn.Without)
		}
		if err == nil && !brief {
			if lb, ok, err := set.Labels(p); err != nil {
				return nil, err
			} else if ok {
				units := make([]Unit, 0, len(lb))
				for _, b := range lb {
					units = append(units, Unit{Text: b.Text, Category: l3sCategory(b.Label)})
				}
				n, right := r.addUnits(res, units)
				if ps != nil {
					ps.Units, ps.UnitsRight = n, right
				}
			}
		}
	}
	return r, nil
}

// pageCounts returns how many pages of a known kind were judged, and how
// many of them were judged right.
func (r *SetResult) pageCounts() (ok, n int) {
	for k, row := range r.PageConf {
		for j, c := range row {
			n += c
			if j == k {
				ok += c
			}
		}
	}
	return ok, n
}

// addPage scores the page kind of res against kind (model.PageArticle …).
func (r *SetResult) addPage(res *classifier.Result, kind int8) {
	if res.PageKind == classifier.PageUnspecified {
		return
	}
	r.PageConf[kind][res.PageKind]++
	if !res.HasArticle {
		r.NoArticle++
	}
	if kind == model.PageArticle {
		r.ArticleN++
		if !res.HasArticle {
			r.ArticleMissed++
		}
	}
}

// l3sCategory maps the L3S-GN1 labels (0 not content, 1 headline, 2 full
// text, 3 supplemental, 4 related content, 5 comments) to categories;
// not-content becomes CategoryUnspecified, meaning "any boilerplate".
func l3sCategory(l int) classifier.Category {
	switch l {
	case 1:
		return classifier.Title
	case 2, 3:
		return classifier.Body
	case 4:
		return classifier.Related
	case 5:
		return classifier.Comments
	}
	return classifier.CategoryUnspecified
}

// addUnits scores labelled units against the result: each unit is found,
// in order, in the result's token stream, and takes the majority category
// of the blocks its tokens fall in. A unit not found is skipped. A unit
// labelled CategoryUnspecified only needs a boilerplate category.
func (r *SetResult) addUnits(res *classifier.Result, units []Unit) (n, right int) {
	var al corpus.Aligner
	for _, b := range res.Blocks {
		al.Add(eval.Tokens(res.Text[b.Start:b.End]), int(b.Category))
	}
	for _, u := range units {
		c, found := al.Majority(eval.Tokens(u.Text), int(classifier.NumCategories))
		if !found {
			continue
		}
		got := classifier.Category(c)
		r.Units++
		n++
		want := u.Category
		ok := got == want || want == classifier.CategoryUnspecified && got.Label() == classifier.Boilerplate
		if ok {
			r.CatCorrect++
			right++
		}
		wantLabel := want.Label()
		if want == classifier.CategoryUnspecified {
			wantLabel = classifier.Boilerplate
		}
		if got.Label() == wantLabel {
			r.LabelCorrect++
		}
		if r.PerCat[want] == nil {
			r.PerCat[want] = &[2]int{}
		}
		r.PerCat[want][1]++
		if ok {
			r.PerCat[want][0]++
		}
	}
	return n, right
}

func runPersian(ctx context.Context, c *classifier.Classifier, opt Options, mode string) (*SetResult, error) {
	r := newResult("persian-dev", mode)
	r.DevOnly = true
	if opt.Persian == "" {
		return r, nil
	}
	pages, err := dataset.PersianDevPages(opt.Persian, opt.Seed)
	if err != nil {
		return nil, err
	}
	for i, p := range pages {
		if opt.MaxPages > 0 && i >= opt.MaxPages {
			break
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r.Pages++
		in := classifier.Input{Data: []byte(p.Text(mode == "html")), Mode: classifier.ModeText, Options: opt.classifyOptions()}
		if mode == "html" {
			in.Mode = classifier.ModeHTML
		}
		r.classifyPersian(ctx, c, in, p, fmt.Sprintf("%s-%d", p.Site, i))
	}
	return r, nil
}

// classifyPersian classifies one synthetic Persian page and scores it (an
// error scores as an empty extraction); id names the page in PerPage.
func (r *SetResult) classifyPersian(ctx context.Context, c *classifier.Classifier, in classifier.Input, p *dataset.PPage, id string) {
	t0 := time.Now()
	res, err := c.Classify(ctx, in)
	r.Elapsed += time.Since(t0)
	r.Bytes += len(in.Data)
	if err != nil {
		r.Errors++
		r.scorePage(id, "fa", "article", eval.Compare("", p.Gold()), nil, err)
		return
	}
	r.scorePersian(res, p, id)
}

// scorePersian scores one synthetic Persian page's result: tokens, units,
// page kind (an article).
func (r *SetResult) scorePersian(res *classifier.Result, p *dataset.PPage, id string) {
	ps := r.scorePage(id, "fa", "article", eval.Compare(res.MainText(), p.Gold()), res, nil)
	units := make([]Unit, 0, len(p.Units))
	for _, u := range p.Units {
		units = append(units, Unit{Text: u.Text, Category: classifier.Category(u.Class + 1)})
	}
	ps.Units, ps.UnitsRight = r.addUnits(res, units)
	r.addPage(res, model.PageArticle)
}

// runPersianHeldout scores the held-out Persian dev pages
// (dataset.PersianHeldoutPages): as HTML, and as text in each scraper
// style (one result per style, "persian-heldout/STYLE").
func runPersianHeldout(ctx context.Context, c *classifier.Classifier, opt Options, modes []string) ([]*SetResult, error) {
	if opt.Persian == "" {
		return nil, nil
	}
	pages, err := dataset.PersianHeldoutPages(opt.Persian, opt.Seed)
	if err != nil {
		return nil, err
	}
	if opt.MaxPages > 0 && len(pages) > opt.MaxPages {
		pages = pages[:opt.MaxPages]
	}
	listings, err := dataset.PersianHeldoutListings(opt.Persian, opt.Seed)
	if err != nil {
		return nil, err
	}
	if opt.MaxPages > 0 && len(listings) > opt.MaxPages {
		listings = listings[:opt.MaxPages]
	}
	var out []*SetResult
	// run scores the pages in one form; listings (pages without an
	// article) give page-kind counts only.
	run := func(r *SetResult, pages []*dataset.PPage, listing bool, mode classifier.Mode, text func(i int, p *dataset.PPage) string) error {
		r.DevOnly = true
		for i, p := range pages {
			if err := ctx.Err(); err != nil {
				return err
			}
			r.Pages++
			in := classifier.Input{Data: []byte(text(i, p)), Mode: mode, Options: opt.classifyOptions()}
			if !listing {
				r.classifyPersian(ctx, c, in, p, fmt.Sprintf("%s-%d", p.Site, i))
				continue
			}
			res, err := c.Classify(ctx, in)
			if err != nil {
				r.Errors++
				continue
			}
			r.addPage(res, model.PageListing)
		}
		out = append(out, r)
		return nil
	}
	for _, listing := range []bool{false, true} {
		name, pp := "persian-heldout", pages
		if listing {
			name, pp = "persian-heldout-listing", listings
		}
		for _, mode := range modes {
			switch mode {
			case "html":
				if err := run(newResult(name, "html"), pp, listing, classifier.ModeHTML, func(_ int, p *dataset.PPage) string { return p.Text(true) }); err != nil {
					return nil, err
				}
			case "clean":
				if listing {
					continue // no gold text
				}
				if err := run(newResult(name+"/clean", "clean"), pp, false, classifier.ModeText, func(_ int, p *dataset.PPage) string { return p.Gold() }); err != nil {
					return nil, err
				}
			case "text":
				for _, style := range dataset.HeldoutStyles {
					err := run(newResult(name+"/"+style, "text"), pp, listing, classifier.ModeText, func(i int, p *dataset.PPage) string { return p.HeldoutText(style, uint64(i)) })
					if err != nil {
						return nil, err
					}
				}
			}
		}
	}
	return out, nil
}

// runSeed scores the canonical seed example (text mode): token F1 against
// its gold and category accuracy per labelled line; the run-on last line's
// glued titles are labelled related one by one.
func runSeed(ctx context.Context, c *classifier.Classifier, opt Options) (*SetResult, error) {
	r := newResult("seed-fa-news", "text")
	r.DevOnly = true
	if opt.Examples == "" {
		return r, nil
	}
	ex, err := dataset.LoadSeed(opt.Examples)
	if err != nil {
		return nil, err
	}
	r.Pages++
	t0 := time.Now()
	res, err := c.Classify(ctx, classifier.Input{Data: []byte(ex.Text), Mode: classifier.ModeText, Options: opt.classifyOptions()})
	r.Elapsed += time.Since(t0)
	r.Bytes += len(ex.Text)
	if err != nil {
		return nil, err
	}
	ps := r.scorePage("seed-fa-news", "fa", "article", eval.Compare(res.MainText(), ex.Gold), res, nil)
	ps.Units, ps.UnitsRight = r.addUnits(res, seedUnits(res, ex.Units))
	r.addPage(res, model.PageArticle)
	return r, nil
}

// seedUnits makes a labelled unit of every block of the result, labelled
// as the seed line that holds it: a line cut into glued titles gives one
// unit per title, each of which must have the line's category. Blocks in
// no labelled line are left out.
func seedUnits(res *classifier.Result, lines []dataset.PUnit) []Unit {
	var units []Unit
	j := 0
	for _, b := range res.Blocks {
		t := res.Text[b.Start:b.End]
		for k := j; k < len(lines); k++ {
			if strings.Contains(lines[k].Text, t) {
				units = append(units, Unit{Text: t, Category: classifier.Category(lines[k].Class + 1)})
				j = k
				break
			}
		}
	}
	return units
}

// Markdown writes the report as the body of docs/quality.md.
func (rep *Report) Markdown(w io.Writer, command string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Quality\n\nGenerated by `%s` — do not edit by hand.\n\n", command)
	fmt.Fprintf(&b, "Model: `%s`. Token scores are bag-of-tokens precision/recall/F1 against the gold text (`classifier/eval`), mean over pages and corpus micro average. ", rep.Model)
	b.WriteString("**Pages scored**: for the corpora the model trains on (`wcxb-dev-clean`, `readability`, `zh_webce`, `trafilatura_eval`) only the dev split — sites the model was not trained on (`dataset.IsDev`); the others (`l3s_gn1`, `daniel`, `htmltotext_bench` — eval only — and `newspaper4k_fixtures`, `fundus`, `postlight` — held out) on all pages; `fundus` and `postlight` golds get the manifest's title as first line (their golds leave it out). Pages that are no article (wcxb's forums, products, listings, …) are scored with `KeepContentWithoutArticle` (their gold is the main list); article pages with the defaults. `persian-dev` is synthetic pages composed from the `namnak` site, never trained on; `persian-heldout` is the same articles composed only from held-out phrase variants and phrase lists, template families (teaser cards, `X X` doubled titles, breadcrumbs, other CMSs' class names) and damage kinds no training page has, as HTML and as text in four scraper styles (`lines`: one block per line; `oneline`: the whole page on one line; `markdown`: bullets and `#` headings; `wrapped`: paragraphs hard-wrapped); `persian-heldout-listing` is 60 pages without an article (section and front pages of cards, `internal/dataset/listing.go`) composed from the same held-out families, scored for page kind and article presence only; `seed-fa-news` is the canonical example; `news-dev` pools the article pages of the sites the model never trained on (below), and `news-dev/new-lang` those of them in a language without training text (any but en, de, zh, fa, es, fr, pl: Japanese, Swedish, Turkish, Korean, Russian, Arabic …), where token weights know nothing and structure must decide. ")
	b.WriteString("Corpus pages are classified with their manifest address (`Input.URL`, whose shape the page model reads) where the manifest has one (all but `daniel`, `htmltotext_bench`, `readability` and a few others, whose HTML pages are read at the address they give themselves, their `<link rel=\"canonical\">` or og:url, as a caller that sends none gets). Mode `html` classifies the page bytes; mode `text` classifies the page's visible-text rendition as plain text (what a scraper saves); mode `titled` classifies the same rendition with the page's og:title, else its `<title>`, sent beside it as the title hint (`Input.Title`, `Document.title`), as a scraper that saves the title with the text sends it; mode `nodes` classifies the page's text nodes, each trimmed on a line of its own, as BeautifulSoup's `get_text(\"\\n\", strip=True)` writes them, the line most Python scrapers write (a link or a bold word inside a paragraph stands on a line of its own, and so does the rest of its sentence); mode `textcontent` classifies the same text nodes run together as they are, as BeautifulSoup's `get_text()` without a separator and the DOM's `textContent` write them (where a page's markup has no white space between two elements, a minified page's menus and paragraphs, their words run into each other: `PodcastInstagramFacebook`, `… on Monday.Next story`); mode `markdown` classifies the page rendered as markdown, as scrapers that feed language models save it (links as `[text](url)`, images, `#` headings, `* ` list items, a blank line between blocks but list items in a row; hidden elements included; the kept text is scored without the links' addresses); mode `markdown-wrapped` is the same hard-wrapped at 78 runes, as html2text writes it by default (a link's text then goes on over line breaks); mode `markdown-turndown` is the same written as turndown writes it by default, the converter of Jina Reader and of browser clippers (h1 and h2 as their text underlined with `=====` or `-----`, list items as `*   `, rules as `* * *`, and every `*`, `_`, `` ` ``, `[`, `]` and backslash of the page's text, and a line's leading `-`, `+ `, `=`, `# `, `>` or `1. `, escaped with a backslash); mode `dump` classifies the page written as `lynx -dump` writes it, the text browser scrapers run (no marks; paragraphs indented by three spaces and hard-wrapped at 76 columns, Chinese and Japanese between any two characters, headings flush left, list items as `* `, each link's text after its number in brackets, `[12]Sports`, images as their alt text in brackets, hidden elements included, and the links' addresses, resolved against the page's, numbered under `References` after the text; the kept text is scored without the links' numbers); mode `clean` classifies an article page's gold text alone as plain text (what a scraper that already removed the boilerplate saves: every word of it should be kept, so its precision is 1 and its recall is the score; `persian-heldout/clean` is the held-out pages' content units, one a line); mode `brief` classifies an article's headline (the manifest's, where the gold leaves it out) and the gold's first line after it alone, the headline and the first paragraph (a news brief, or a short item a CMS sends: every word should be kept, and the page judged to hold an article); mode `fragment` classifies the same brief as an HTML fragment without `<head>` (the headline in `<h1>`, the paragraph in `<p>`, as a CMS sends an article's body). docs/s is single-threaded classification time (text mode: the text classification only).\n\n")
	b.WriteString("| set | mode | pages | mean P | mean R | mean F1 | micro F1 | snippets with / without | category acc | label acc | errors | docs/s |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n")
	for _, r := range rep.Results {
		p, rc, f := r.Tokens.Means()
		_, _, mf := r.Tokens.Micro.PRF()
		snip := "—"
		if r.SnipWith+r.SnipWithout > 0 {
			snip = fmt.Sprintf("%.3f / %.3f", ratio(r.SnipFound, r.SnipWith), ratio(r.SnipClean, r.SnipWithout))
		}
		cat, lab := "—", "—"
		if r.Units > 0 {
			cat = fmt.Sprintf("%.3f", ratio(r.CatCorrect, r.Units))
			lab = fmt.Sprintf("%.3f", ratio(r.LabelCorrect, r.Units))
		}
		scores := fmt.Sprintf("%.3f | %.3f | %.3f | %.3f", p, rc, f, mf)
		if r.Tokens.N == 0 {
			scores = "— | — | — | —"
		}
		dps := "—"
		if r.Elapsed > 0 {
			dps = fmt.Sprintf("%.0f", float64(r.Pages)/r.Elapsed.Seconds())
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %s | %s | %s | %d | %s |\n", r.Set, r.Mode, r.Pages, scores, snip, cat, lab, r.Errors, dps)
	}
	b.WriteString("\n## Per language (mean F1, pages)\n\n| set | mode | language | pages | mean F1 |\n|---|---|---|---:|---:|\n")
	for _, r := range rep.Results {
		if len(r.PerLang) >= 2 {
			meanRows(&b, r, r.PerLang)
		}
	}
	b.WriteString("\n## Per page type (mean F1, pages)\n\n`news-dev` pools the article pages of the sites the model never trained on (dev sites of `wcxb-dev-clean`, `readability`, `zh_webce`, and all of the held-out `newspaper4k_fixtures`, `fundus` and `postlight`); its rows below are per corpus.\n\n| set | mode | page type | pages | mean F1 |\n|---|---|---|---:|---:|\n")
	for _, r := range rep.Results {
		if len(r.PerType) >= 2 || r.Set == "news-dev" {
			meanRows(&b, r, r.PerType)
		}
	}
	b.WriteString("\n## Page kind and article presence\n\nPages of a known kind (`wcxb-dev-clean`'s page types: article, forum, product, listing and collection → listing, service and documentation → other; the news sets' pages are articles): how often the page model names the kind, how many pages it judges to hold no article, and how many article pages it wrongly judges so (by default those lose all their content; their token F1 above counts that).\n\n| set | mode | pages | page kind acc | judged no article | article pages | articles judged no article |\n|---|---|---:|---:|---:|---:|---:|\n")
	for _, r := range rep.Results {
		pageOK, pageN := r.pageCounts()
		if pageN == 0 {
			continue
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %.3f | %d | %d | %d |\n", r.Set, r.Mode, pageN, ratio(pageOK, pageN), r.NoArticle, r.ArticleN, r.ArticleMissed)
	}
	b.WriteString("\n### Page kind confusion (pages; rows: the manifest's kind, columns: the page model's)\n\nSets with pages of more than one kind.\n\n| set | mode | kind |")
	for k := classifier.PageKind(1); k < classifier.NumPageKinds; k++ {
		fmt.Fprintf(&b, " → %s |", k)
	}
	b.WriteString("\n|---|---|---|" + strings.Repeat("---:|", int(classifier.NumPageKinds)-1) + "\n")
	for _, r := range rep.Results {
		rows := 0
		for k := range r.PageConf {
			for _, n := range r.PageConf[k] {
				if n > 0 {
					rows++
					break
				}
			}
		}
		if rows < 2 {
			continue
		}
		for k := classifier.PageKind(1); k < classifier.NumPageKinds; k++ {
			fmt.Fprintf(&b, "| %s | %s | %s |", r.Set, r.Mode, k)
			for j := classifier.PageKind(1); j < classifier.NumPageKinds; j++ {
				fmt.Fprintf(&b, " %d |", r.PageConf[k][j])
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("\n## Per category (accuracy on labelled units: correct / total)\n\n| set | mode | category | correct | total | accuracy |\n|---|---|---|---:|---:|---:|\n")
	for _, r := range rep.Results {
		cs := make([]int, 0, len(r.PerCat))
		for c := range r.PerCat {
			cs = append(cs, int(c))
		}
		sort.Ints(cs)
		for _, c := range cs {
			v := r.PerCat[classifier.Category(c)]
			name := classifier.Category(c).String()
			if c == 0 {
				name = "any boilerplate"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %d | %d | %.3f |\n", r.Set, r.Mode, name, v[0], v[1], ratio(v[0], v[1]))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// meanRows writes one row of r's mean F1 per key of means (a language or
// a page type), in key order.
func meanRows(b *strings.Builder, r *SetResult, means map[string]*eval.Mean) {
	for _, k := range slices.Sorted(maps.Keys(means)) {
		m := means[k]
		_, _, f := m.Means()
		fmt.Fprintf(b, "| %s | %s | %s | %d | %.3f |\n", r.Set, r.Mode, k, m.N, f)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// classifyOptions returns the classifier options the run asks for.
func (o Options) classifyOptions() classifier.Options {
	co := classifier.Options{KeepContentWithoutArticle: o.KeepContent}
	if o.Threshold > 0 {
		t := o.Threshold
		co.Threshold = &t
	}
	return co
}

// pageTitle returns the title an HTML page gives itself (og:title, else
// <title>), as a scraper saves it beside the page's text; "" when the page
// cannot be read or has none.
func pageTitle(raw []byte) string {
	d, err := decode.Decode(raw, "")
	if err != nil {
		return ""
	}
	doc, err := segment.HTML(d.Text, segment.HTMLOptions{})
	if err != nil {
		return ""
	}
	if doc.OGTitle != "" {
		return doc.OGTitle
	}
	return doc.Title
}
