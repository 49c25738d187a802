package model

import (
	"math"
	"strings"

	"github.com/winnowhq/winnow/classifier/segment"
)

// The page model says what kind of page a document is (an article, a
// listing or front page, a forum thread, a product page, or other) from
// aggregates of the page that do not depend on its language: how much of
// it the first pass takes for content and how that content is laid out
// (one long run or many short repeated items), link density, repetition,
// the first pass's class mass, block counts and lengths. It is a small
// multinomial logistic regression trained on the training pages with a
// known kind, on their out-of-fold first-pass probabilities.

// Page kinds: 0 is unknown; the others index PageKindNames from 1 (the
// numbering of classifier.PageKind and the API's enum).
const (
	PageUnknown int8 = iota
	PageArticle
	PageListing
	PageForum
	PageProduct
	PageOther
)

// NumPageKinds is the number of page kinds the page model predicts.
const NumPageKinds = 5

// PageKindNames are the page kinds' names; kind k is PageKindNames[k-1].
var PageKindNames = [NumPageKinds]string{"article", "listing", "forum", "product", "other"}

// numPageFeats is the length of a page's feature vector (the first is the
// bias; numURLFeats from numPageFeatsV5 read the page's address, url.go;
// the last numTitleFeats its title, title.go); files written before the
// schema features hold rows of numPageFeatsV3 weights, files written
// before the run features rows of numPageFeatsV4, files written before
// the URL features rows of numPageFeatsV5, files written before the title
// features rows of numPageFeatsV6: they decode with zero weights for the
// rest.
const (
	numPageFeats   = numPageFeatsV6 + numTitleFeats
	numPageFeatsV6 = numPageFeatsV5 + numURLFeats // files with the URL features
	numPageFeatsV5 = 56                           // files with the run features, before the URL features
	numPageFeatsV4 = 52                           // files with the schema features, before the run features
	numPageFeatsV3 = 44
)

// runTokens is the length (in tokens) from which a block counts as a
// paragraph for the run features: an article's paragraphs follow each
// other, a listing's summaries are one between two titles.
const runTokens = 15

// pageSchemaBits are the segment.Schema bits that are page features, in
// feature order from numPageFeatsV3.
var pageSchemaBits = [numPageFeats - numPageFeatsV3]segment.Schema{
	segment.SchemaArticle, segment.SchemaProduct, segment.SchemaForum, segment.SchemaComment,
	segment.SchemaListing, segment.SchemaOther, segment.SchemaPerson, segment.SchemaPublished,
}

// PagePrediction is the page model's output for one document.
type PagePrediction struct {
	// Kind is the most probable page kind (PageArticle …), or PageUnknown
	// when the model has no page model.
	Kind int8
	// Probs are the page kinds' probabilities, in PageKindNames order.
	Probs [NumPageKinds]float64
	// Article says the page holds an article: Kind is PageArticle, or the
	// logistic page model's probability of an article reaches its article
	// cut (a cut fitted on dev pages so that an article is rarely taken
	// for a page without one: that costs the whole article), unless the
	// model has a page forest and both are sure of another kind
	// (sureKind). True when the model has no page model.
	Article bool
	// DominantArticle says the page holds an article if one region
	// dominates its content (the article-span decoder acts, DecideAll):
	// the article probability reaches the page model's lower cut for such
	// pages. A listing whose items run together as one region is told
	// from an article by it. True when the model has no page model.
	DominantArticle bool
}

// HasArticle reports whether the page was judged to hold an article.
func (p PagePrediction) HasArticle() bool { return p.Article || p.Kind == PageUnknown }

// pageModel holds the page model's weights.
type pageModel struct {
	w [NumPageKinds][numPageFeats]float32
	// width is the number of weights a row of the file held (0: all of
	// them): a file written before the latest page features decodes with
	// zero weights for them and encodes as it was written.
	width int
	// article is the cut on the article probability (Article); dominant
	// the cut for pages with a dominant region (DominantArticle; 0 in
	// files written before it: every such page holds an article).
	article, dominant float32
	// forest, when not nil, is a boosted forest over the same features
	// (trainForest): the kinds' probabilities are then the mean of the
	// logistic model's and the forest's.
	forest *forest
}

// pageFeatures computes the page aggregates of doc from its block stats
// and first-pass probabilities.
func pageFeatures(doc *segment.Doc, stats []blockStats, probs [][NumClasses]float32, f *[numPageFeats]float32) {
	*f = [numPageFeats]float32{}
	f[0] = 1
	n := len(doc.Blocks)
	if n == 0 {
		return
	}
	if doc.HTML {
		f[1] = 1
	}
	var total, cmass, ctoks, bytes, links, repTok, repCont, articleTok, formBlocks float64
	var digits, letters, listBlocks, headings, longBlocks, longEnds, bigRep float64
	var mass [NumClasses]float64
	nContent, maxTok, titles := 0, 0, 0
	first, last := -1, -1
	bestRun, run := 0.0, 0.0
	gap := 0
	// paragraph runs: consecutive blocks of runTokens tokens or more
	// (blocks of under 2 tokens are skipped), and title+paragraph pairs
	var paraRun, maxParaRun, paraTok, paraInRun, pairs float64
	prevTok, prevEnd := 0, false
	for i := range n {
		b := &doc.Blocks[i]
		st := &stats[i]
		tok := pageTokens(st)
		t := float64(tok)
		total += t
		pc := float64(probs[i][0] + probs[i][1])
		cmass += pc * t
		for k := range NumClasses {
			mass[k] += float64(probs[i][k]) * t
		}
		if probs[i][0] >= 0.3 {
			titles++
		}
		maxTok = max(maxTok, tok)
		digits += float64(st.digits)
		letters += float64(st.letters)
		bytes += float64(b.End - b.Start)
		if doc.HTML {
			// (a text's link bytes, from markdown, are no page evidence:
			// the page model learnt link shares from HTML pages only)
			links += float64(b.LinkBytes)
		}
		if b.Repeat >= 3 {
			repTok += t
			if pc >= 0.5 {
				repCont += t
			}
			if tok >= 20 {
				bigRep += t
			}
		}
		if b.Flags&segment.InArticle != 0 && pc >= 0.5 {
			articleTok += t
		}
		if b.Flags&segment.InForm != 0 {
			formBlocks++
		}
		if b.Flags&segment.InList != 0 {
			listBlocks++
		}
		if b.Heading > 0 {
			headings++
		}
		ends := false
		switch st.last {
		case '.', '!', '?', '。', '！', '？', '؟', '…':
			ends = true
		}
		if tok >= 8 {
			longBlocks++
			if ends {
				longEnds++
			}
		}
		if tok >= 2 {
			if tok >= runTokens {
				paraRun++
				paraTok += t
				if paraRun == 2 {
					paraInRun += float64(prevTok)
				}
				if paraRun >= 2 {
					paraInRun += t
				}
				if prevTok > 0 && prevTok < runTokens && !prevEnd {
					pairs++
				}
			} else {
				paraRun = 0
			}
			maxParaRun = max(maxParaRun, paraRun)
			prevTok, prevEnd = tok, ends
		}
		if pc >= 0.5 {
			ctoks += t
			nContent++
			if first < 0 {
				first = i
			}
			last = i
			run += t
			gap = 0
		} else if tok >= 3 {
			// a run of content survives one short boilerplate block
			gap++
			if gap > 1 {
				run = 0
			}
		}
		bestRun = max(bestRun, run)
	}
	lg := func(v float64, scale float64) float32 { return float32(math.Log2(1+v) / scale) }
	share := func(a, b float64) float32 {
		if b <= 0 {
			return 0
		}
		return float32(a / b)
	}
	nf := float64(n)
	f[2] = lg(nf, 10)
	f[3] = lg(total, 15)
	f[4] = share(cmass, total)
	f[5] = share(ctoks, total)
	f[6] = share(bestRun, ctoks)
	f[7] = lg(bestRun, 12)
	f[8] = lg(float64(nContent), 8)
	f[9] = lg(float64(maxTok), 10)
	f[10] = share(longBlocks, nf)
	f[11] = lg(longBlocks, 6)
	f[12] = share(links, bytes)
	f[13] = share(repTok, total)
	f[14] = share(repCont, ctoks)
	if first >= 0 {
		f[15] = float32(float64(first) / nf)
		f[16] = float32(float64(last) / nf)
	} else {
		f[15], f[16] = 1, 1
	}
	for k := range NumClasses {
		f[17+k] = share(mass[k], total)
	}
	f[27] = lg(float64(titles), 5)
	f[28] = share(headings, nf)
	f[29] = share(articleTok, ctoks)
	f[30] = share(longEnds, longBlocks)
	f[31] = share(listBlocks, nf)
	f[32] = share(total, nf) / 40
	f[33] = share(formBlocks, nf)
	f[34] = share(digits, digits+letters)
	f[35] = share(bigRep, total)
	f[36] = f[5] * f[6]
	f[37] = f[13] * f[12]
	f[38] = f[22] * f[5]  // related mass × content share
	f[39] = f[24] * f[13] // comments mass × repetition
	switch t := doc.OGType; {
	case t == "":
	case t == "article" || strings.HasPrefix(t, "article") || t == "blog" || strings.HasSuffix(t, "article"):
		f[40] = 1
	case t == "website" || t == "webpage":
		f[41] = 1
	case strings.Contains(t, "product"):
		f[42] = 1
	default:
		f[43] = 1
	}
	for i, bit := range pageSchemaBits {
		if doc.Schema&bit != 0 {
			f[numPageFeatsV3+i] = 1
		}
	}
	f[numPageFeatsV4] = lg(maxParaRun, 4)
	f[numPageFeatsV4+1] = share(paraInRun, paraTok)
	f[numPageFeatsV4+2] = min(1, share(2*pairs, nf))
	if !doc.HTML {
		f[numPageFeatsV4+3] = f[numPageFeatsV4]
	}
	urlFeatures(doc.URL, (*[numURLFeats]float32)(f[numPageFeatsV5:numPageFeatsV6]))
	titleFeatures(doc, (*[numTitleFeats]float32)(f[numPageFeatsV6:]))
}

// pageTokens is a block's length in words for the page features: its
// tokens, or, for Japanese text, one word per two of its Han and kana
// letters, whichever is more. A run of letters written without spaces is
// one token, so a Japanese paragraph of 100 letters had the length of a
// menu item, and the paragraph-run features read a Japanese article as a
// listing's short items (the page model named 15 of news-dev's Japanese
// articles listings). Japanese text here is a block of at least
// minKanaBlock kana that are a quarter or more of its Han and kana
// letters, with more than four such letters a space; Chinese text, which
// the page model learns from with its token counts, has no kana, and
// Korean is written with spaces. Chosen on the dev sets (docs/model.md,
// "Japanese paragraphs in the page features").
func pageTokens(st *blockStats) int {
	if st.kana >= minKanaBlock && 4*st.kana >= st.cjk && st.cjk > 4*(st.spaces+1) {
		return max(st.tokens, st.cjk/2)
	}
	return st.tokens
}

// minKanaBlock is the fewest kana of a block that pageTokens reads as
// Japanese.
const minKanaBlock = 8

// withoutURL is e as if its page had no address: the page model learns
// from every page both ways (see url.go).
func (e pageExample) withoutURL() pageExample {
	clear(e.f[numPageFeatsV5:numPageFeatsV6])
	return e
}

// predict returns the page kind probabilities for feature vector f.
func (pm *pageModel) predict(f *[numPageFeats]float32) PagePrediction {
	var out PagePrediction
	out.Probs = pm.linear(f)
	// the article cuts read the logistic model's article probability:
	// they were fitted on it, and it is the smoother of the two on pages
	// unlike the training pages (docs/model.md, "Page kind and article
	// presence")
	pa := out.Probs[PageArticle-1]
	if pm.forest != nil {
		var z, pf [NumPageKinds]float64
		pm.forest.logits(f, &z)
		softmaxPage(&z, &pf)
		for k := range out.Probs {
			out.Probs[k] = (out.Probs[k] + pf[k]) / 2
		}
	}
	best := 0
	for k := 1; k < NumPageKinds; k++ {
		if out.Probs[k] > out.Probs[best] {
			best = k
		}
	}
	out.Kind = int8(best + 1)
	out.Article = out.Kind == PageArticle || pa >= float64(pm.article)
	out.DominantArticle = out.Article || pa >= float64(pm.dominant)
	if pm.forest != nil && out.Article && out.Kind != PageArticle && out.Probs[out.Kind-1] >= sureKind && pa < sureArticle {
		// the cut keeps the page, but both models are sure of another
		// kind and the logistic one is not sure of an article
		out.Article, out.DominantArticle = false, false
	}
	return out
}

// With a page forest, a page whose logistic article probability reaches
// the article cut is still judged to hold no article (whether or not one
// region dominates it) when the kind the two models name together is not
// article, with a probability of at least sureKind, and that article
// probability is under sureArticle. Pages under the cut keep the
// judgement of the cuts. Chosen on the dev sets (docs/model.md, "The page
// forest"): held-out Persian listings as text emptied 9–13 → 23–26 of 60
// (seed 2: 6–7 → 15–16), no dev article emptied.
const (
	sureKind    = 0.85
	sureArticle = 0.4
)

// In plain text, a page of at least sureTextBlocks blocks that the page
// model judges to hold no article (under the article cut) and names
// another kind with a probability of at least sureTextKind is not saved by
// a dominant region (DominantArticle is false): text has no markup to set
// a front page's teaser list apart from an article, so its cards run
// together as one region as an article's paragraphs do. Shorter texts
// keep the lower cut: an article's text alone, a few paragraphs, reads
// like a listing to the page model. Chosen on the dev sets (docs/model.md,
// "Text pages sure of another kind"): held-out Persian listings as text
// emptied 23–26 → 35–37 of 60 (seed 2: 15–16 → 34), wcxb's dev pages
// without an article 52 → 55 (58 → 60), no dev article emptied.
const (
	sureTextKind   = 0.75
	sureTextBlocks = 8
)

// sureOfTextKind applies the text rule above to p, the page prediction
// of doc.
func (p *PagePrediction) sureOfTextKind(doc *segment.Doc) {
	if !doc.HTML && len(doc.Blocks) >= sureTextBlocks && !p.Article && p.Kind != PageUnknown &&
		p.Probs[p.Kind-1] >= sureTextKind {
		p.DominantArticle = false
	}
}

// linear returns the logistic page model's kind probabilities for f.
func (pm *pageModel) linear(f *[numPageFeats]float32) [NumPageKinds]float64 {
	var z, p [NumPageKinds]float64
	for k := range NumPageKinds {
		s := 0.0
		for j, v := range f {
			s += float64(pm.w[k][j] * v)
		}
		z[k] = s
	}
	softmaxPage(&z, &p)
	return p
}

func softmaxPage(z *[NumPageKinds]float64, p *[NumPageKinds]float64) {
	mx := z[0]
	for _, v := range z[1:] {
		mx = max(mx, v)
	}
	sum := 0.0
	for k, v := range z {
		p[k] = math.Exp(v - mx)
		sum += p[k]
	}
	for k := range p {
		p[k] /= sum
	}
}

// pageExample is one training page.
type pageExample struct {
	f    [numPageFeats]float32
	kind int8
	w    float64
	// dominant says the span decoder found a dominant region in the page
	// (dev examples made with pageDevExamples' decode only).
	dominant bool
}

// trainPage fits the page model by full-batch gradient descent with
// momentum (deterministic: no sampling). With balance, classes are
// balanced by the square root of their inverse frequency.
func trainPage(exs []pageExample, iters int, l2 float64, balance bool) *pageModel {
	pm := &pageModel{}
	if len(exs) == 0 {
		return pm
	}
	var mass [NumPageKinds]float64
	tot := 0.0
	for _, e := range exs {
		mass[e.kind-1] += e.w
		tot += e.w
	}
	var cw [NumPageKinds]float64
	for k := range NumPageKinds {
		switch {
		case mass[k] > 0 && balance:
			cw[k] = math.Min(4, math.Sqrt(tot/(NumPageKinds*mass[k])))
		case mass[k] > 0:
			cw[k] = 1
		}
	}
	var w, vel [NumPageKinds][numPageFeats]float64
	norm := 0.0
	for _, e := range exs {
		norm += e.w * cw[e.kind-1]
	}
	const lr, mom = 2.0, 0.9
	for range iters {
		var g [NumPageKinds][numPageFeats]float64
		for _, e := range exs {
			var z, p [NumPageKinds]float64
			for k := range NumPageKinds {
				for j, v := range e.f {
					z[k] += w[k][j] * float64(v)
				}
			}
			softmaxPage(&z, &p)
			sw := e.w * cw[e.kind-1] / norm
			for k := range NumPageKinds {
				d := p[k]
				if k == int(e.kind-1) {
					d--
				}
				d *= sw
				for j, v := range e.f {
					g[k][j] += d * float64(v)
				}
			}
		}
		for k := range NumPageKinds {
			for j := range numPageFeats {
				gr := g[k][j]
				if j > 0 {
					gr += l2 * w[k][j]
				}
				vel[k][j] = mom*vel[k][j] - lr*gr
				w[k][j] += vel[k][j]
			}
		}
	}
	for k := range NumPageKinds {
		for j := range numPageFeats {
			// rounded so that the JSON header is short and stable
			pm.w[k][j] = float32(math.Round(w[k][j]*1e5) / 1e5)
		}
	}
	return pm
}

// pageVariants are the page-model fits Train tries (L2, class balance);
// the one with the best dev accuracy (mean over sources) is kept.
var pageVariants = []struct {
	l2      float64
	balance bool
}{{1e-3, false}, {1e-2, false}, {1e-4, false}, {1e-3, true}}

// pageDevAccuracy is the page kind accuracy of pm on dev examples, the
// mean over sources (each source counts once).
func pageDevAccuracy(pm *pageModel, dev []pageExample, src []string) float64 {
	ok, n := map[string]int{}, map[string]int{}
	var order []string
	for i := range dev {
		if _, seen := n[src[i]]; !seen {
			order = append(order, src[i])
		}
		n[src[i]]++
		if pm.predict(&dev[i].f).Kind == dev[i].kind {
			ok[src[i]]++
		}
	}
	if len(order) == 0 {
		return 0
	}
	acc := 0.0
	for _, s := range order {
		acc += float64(ok[s]) / float64(n[s])
	}
	return acc / float64(len(order))
}

// fitArticleCut sets pm.article and pm.dominant, the cuts on the article
// probability for pages without and with a dominant region (dev[i].dominant;
// src[i] names dev[i]'s source): the
// pair that minimises, on dev, missCost times the share of article pages
// judged to hold no article plus the share of other pages judged to hold
// one, each share the mean over the sources that have such pages (so that
// a source with many easy pages, the synthetic Persian articles, does not
// dilute the few hard ones of another). Ties keep the lower cuts.
func fitArticleCut(pm *pageModel, dev []pageExample, src []string) {
	// A missed article loses the whole article, a kept listing only keeps
	// its items (as before there was a page model). 20 (10 before the
	// cuts were per source; docs/model.md): on the held-out dev sets 10
	// emptied articles and 30 caught fewer pages without one.
	const missCost = 20
	pm.article, pm.dominant = 0.5, 0
	// per source: index, article pages, other pages
	srcIdx := map[string]int{}
	var arts, others []float64
	idx := make([]int, len(dev))
	pa := make([]float64, len(dev))
	kindArt := make([]bool, len(dev))
	for i := range dev {
		k, ok := srcIdx[src[i]]
		if !ok {
			k = len(arts)
			srcIdx[src[i]] = k
			arts, others = append(arts, 0), append(others, 0)
		}
		idx[i] = k
		if dev[i].kind == PageArticle {
			arts[k]++
		} else {
			others[k]++
		}
		pa[i], kindArt[i] = pm.linear(&dev[i].f)[PageArticle-1], pm.predict(&dev[i].f).Kind == PageArticle
	}
	nArtSrc, nOtherSrc := 0, 0
	for k := range arts {
		if arts[k] > 0 {
			nArtSrc++
		}
		if others[k] > 0 {
			nOtherSrc++
		}
	}
	if nArtSrc == 0 || nOtherSrc == 0 {
		return
	}
	// article cuts 0.05, 0.10 … 0.95; dominant-region cuts also below
	var artCuts []float64
	for c := 0.05; c < 0.951; c += 0.05 {
		artCuts = append(artCuts, math.Round(c*100)/100)
	}
	domCuts := append([]float64{0, 0.01, 0.02, 0.03}, artCuts...)
	missed, kept := make([]float64, len(arts)), make([]float64, len(arts))
	best, bestA, bestD := math.Inf(1), 0.5, 0.0
	for _, a := range artCuts {
		for _, d := range domCuts {
			if d > a {
				break
			}
			clear(missed)
			clear(kept)
			for i := range dev {
				cut := a
				if dev[i].dominant {
					cut = d
				}
				has := pa[i] >= cut || kindArt[i]
				switch {
				case dev[i].kind == PageArticle && !has:
					missed[idx[i]]++
				case dev[i].kind != PageArticle && has:
					kept[idx[i]]++
				}
			}
			cost := 0.0
			for k := range arts {
				if arts[k] > 0 {
					cost += missCost * missed[k] / arts[k] / float64(nArtSrc)
				}
				if others[k] > 0 {
					cost += kept[k] / others[k] / float64(nOtherSrc)
				}
			}
			if cost < best-1e-12 {
				best, bestA, bestD = cost, a, d
			}
		}
	}
	pm.article, pm.dominant = float32(bestA), float32(bestD)
}
