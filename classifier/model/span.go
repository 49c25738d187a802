package model

import (
	"slices"

	"github.com/winnowhq/winnow/classifier/segment"
)

// The article-span decoder: an article is mostly one region of the page.
// After the per-block decision (Decide), the content blocks are grouped
// into runs that boilerplate gaps of at most Gap blocks do not break, and
// each run's content mass is the sum of its blocks' content probability
// times their size. When the heaviest run holds at least Share of the
// page's content mass (one region dominates: an article page, not a
// listing, forum or product page whose main content is spread over many
// items), content blocks outside that run stay content only with a content
// probability of at least Outside; the others become the most probable
// boilerplate class. Teaser lists, related-story summaries and comment
// threads after the article are what it removes; pages without one
// dominant region are left as the per-block decision made them.
//
// A block that is link text (at least Link of its bytes in links: a
// headline of a teaser list, a menu item) counts as a gap, even when the
// per-block decision made it content: lists of linked headlines read
// like content when their words are unknown (a language nobody trained
// on), and on such a page the whole page was one region with nothing to
// cut at. Inside the chosen region such a block stays as decided.
//
// Plain text has no links. There, a run of headline-shaped lines (at
// least headlineRun in a row; runs.go), or of teaser cards (a headline,
// then a one-sentence summary, at least cardRun in a row), stands in for
// link text: the teaser lists and "more stories" blocks that follow an
// article, once a scraper has dropped their links, are runs of short
// lines that end without a sentence's punctuation, or of such lines each
// followed by one sentence. In both modes, so is an interleaved run:
// boilerplate (or link text) and content blocks alternating, unit after
// unit (a comment thread's author and date lines between its comments, a
// teaser list's related-class titles between their summaries), which the
// ordinary decoding bridges with its gaps. DecideDoc decodes a second
// time with the runs as gaps, and keeps that decoding when it acts and
// the chosen region also holds headlineShare of the content mass the
// runs included (a page whose article is itself a list, such as a
// changelog, keeps its list); otherwise the ordinary decoding stands.
// A list of dated headlines in text (an archive: at least headlineRun
// headlines, half of them ending with a year; runs.go) is never the
// article: when the other runs did not act, DecideDoc decodes once more
// with such runs as gaps and no share to hold.
//
// The parameters are chosen on the held-out dev sets (news articles of
// never-trained sites, Persian pages of held-out template families) and
// stored in the model file; a file without them decodes block by block.

// Span holds the article-span decoder's parameters.
type Span struct {
	// Gap is the longest run of non-content blocks inside one region.
	Gap int `json:"gap"`
	// Share is the share of the page's content mass the heaviest region
	// must hold for the decoder to act, in (0, 1].
	Share float64 `json:"share"`
	// Outside is the content probability a block outside the region
	// needs to stay content.
	Outside float64 `json:"outside"`
	// Link is the share of a block's bytes in links from which the
	// block counts as a gap when regions are formed, in [0, 1]; 0 (a
	// file without it) counts every content block.
	Link float64 `json:"link,omitempty"`
}

// DefaultSpan is the decoder that winnow train writes into a model
// (chosen on the dev sets: docs/model.md, "The article-span decoder").
var DefaultSpan = Span{Gap: 3, Share: 0.7, Outside: 0.9, Link: 0.9}

// valid reports whether s is a usable decoder.
func (s Span) valid() bool {
	return s.Gap >= 0 && s.Gap <= 1000 && s.Share > 0 && s.Share <= 1 && s.Outside >= 0 && s.Outside <= 1 &&
		s.Link >= 0 && s.Link <= 1
}

// linkText reports whether b counts as a gap: at least s.Link of its
// bytes are link text.
func (s Span) linkText(b *segment.Block) bool {
	n := b.End - b.Start
	return s.Link > 0 && n > 0 && float64(b.LinkBytes) >= s.Link*float64(n)
}

// Span returns the model's article-span decoder and whether it has one.
func (m *Model) Span() (Span, bool) {
	return m.span, m.span != (Span{})
}

// DecideAll labels every block: Decide with threshold t, then the
// model's article-span decoder when it has one. blocks are the
// document's blocks (their sizes weigh the regions); classes receives the
// class of each block and must be as long as preds. It reports whether one region dominated the
// page's content (the decoder acted): evidence that the page holds an
// article, which the page model's judgement is combined with.
func (m *Model) DecideAll(preds []Prediction, blocks []segment.Block, t float64, classes []int) (dominant bool) {
	return m.decideAll(func(i int, t float64) int { return Decide(preds[i], t) }, func(i int) float64 { return preds[i].ContentProb }, blocks, t, classes)
}

// DecideCompact is DecideAll over the compact form of the predictions.
func (m *Model) DecideCompact(preds *Predictions, blocks []segment.Block, t float64, classes []int) (dominant bool) {
	return m.decideAll(preds.decide, preds.contentProb, blocks, t, classes)
}

// decideAll is DecideAll with dec(i, t) Decide of block i's prediction
// and cp(i) its content probability.
func (m *Model) decideAll(dec func(int, float64) int, cp func(int) float64, blocks []segment.Block, t float64, classes []int) (dominant bool) {
	for i := range classes {
		classes[i] = dec(i, t)
	}
	s, ok := m.Span()
	if !ok {
		return false
	}
	dominant = s.apply(dec, cp, blocks, classes)
	if t <= 0 {
		// A threshold of 0 makes every block content: the decoder only
		// says whether one region dominates.
		for i := range classes {
			classes[i] = dec(i, t)
		}
	}
	return dominant
}

// apply runs the decoder over classes (Decide's output; dec(i, t) is
// Decide of block i's prediction, cp(i) its content probability) and
// reports whether it acted.
func (s Span) apply(dec func(int, float64) int, cp func(int) float64, blocks []segment.Block, classes []int) bool {
	return s.applyRuns(dec, cp, blocks, classes, nil, ungated, nil, s.Gap, nil)
}

// A runGate says whether the decoding with runs as gaps must leave the
// region a share of the content mass, runs included (headlineShare): a
// page whose "runs" hold most of its text may be a list, or an article
// written as one.
type runGate uint8

const (
	// ungated: the region needs no share of the runs' mass.
	ungated runGate = iota
	// shareGate: the region must hold headlineShare of the content
	// mass, runs included.
	shareGate
	// textGate is shareGate, except that a region holding a paragraph
	// (paraBytes or more) with every run after it stands: in plain text,
	// a short article followed by a long "what to read next" list (a
	// headline and its source, fifty headlines) is the common page, and
	// such a list is no part of the article. HTML keeps shareGate: there
	// the same exception emptied articles (fundus html −0.004). Limit: a
	// list article whose introduction is one long paragraph and whose
	// items are bare headlines (or a headline and one sentence) loses its
	// items.
	textGate
)

// paraBytes is the length of a block that makes a region an article's
// for textGate.
const paraBytes = 200

// applyRuns is apply with the blocks marked in runs (nil: none) as gaps
// whose content mass counts, as gate says, in the total the region must
// hold headlineShare of, and with the blocks marked in long (nil: none)
// needing longOutside instead of Outside to stay content outside the
// region. Gaps of more than maxGap blocks break a region, and so does
// every non-content block marked in breaks (nil: none).
func (s Span) applyRuns(dec func(int, float64) int, cp func(int) float64, blocks []segment.Block, classes []int, runs []bool, gate runGate, long []bool, maxGap int, breaks []bool) bool {
	var best, total, mass, runMass float64
	bestFrom, bestTo := -1, -1
	from, last, gap := -1, -1, 0
	flush := func() {
		if from >= 0 && mass > best {
			best, bestFrom, bestTo = mass, from, last
		}
	}
	for i, k := range classes {
		if runs != nil && runs[i] && Content(k) {
			runMass += cp(i) * float64(blocks[i].End-blocks[i].Start)
		}
		if !Content(k) || s.linkText(&blocks[i]) || runs != nil && runs[i] {
			gap++
			if breaks != nil && breaks[i] && !Content(k) {
				gap = maxGap + 1
			}
			if from >= 0 && gap > maxGap {
				flush()
				from, mass = -1, 0
			}
			continue
		}
		if from < 0 {
			from = i
		}
		last, gap = i, 0
		w := cp(i) * float64(blocks[i].End-blocks[i].Start)
		mass += w
		total += w
	}
	flush()
	if bestFrom < 0 || best < s.Share*total {
		return false
	}
	if gate != ungated && best < headlineShare*(total+runMass) &&
		!(gate == textGate && articleBeforeRuns(blocks, classes, runs, bestFrom, bestTo)) {
		return false
	}
	for i, k := range classes {
		out := s.Outside
		if long != nil && long[i] {
			out = max(out, longOutside)
		}
		if !Content(k) || (i >= bestFrom && i <= bestTo) || cp(i) >= out {
			continue
		}
		classes[i] = dec(i, 2) // the most probable boilerplate class
	}
	return true
}

// wideGap is the longest gap inside a region when no region dominates
// with gaps of Gap blocks: an article cut into pieces by the widgets
// inside it (a "most popular" box of headlines, bylines and one-word
// sections, a newsletter form) is one region again. DecideDoc decodes
// once more with it when the ordinary decoding does not act; whether a
// region dominates the page (DecideDoc's result, the page's article
// presence) is still judged with Gap.
const wideGap = 15

// applyWide is applyRuns with Gap, then, when that does not act, with
// wideGap.
func (s Span) applyWide(dec func(int, float64) int, cp func(int) float64, blocks []segment.Block, classes []int, runs []bool, gate runGate, long []bool) bool {
	return s.applyRuns(dec, cp, blocks, classes, runs, gate, long, s.Gap, nil) ||
		s.applyRuns(dec, cp, blocks, classes, runs, gate, long, wideGap, nil)
}

// articleBeforeRuns reports whether the region from to to (classes)
// holds a content block of paraBytes or more and every block marked in
// runs comes after it (textGate).
func articleBeforeRuns(blocks []segment.Block, classes []int, runs []bool, from, to int) bool {
	if runs == nil || slices.Contains(runs[:to+1], true) {
		return false
	}
	for i := from; i <= to; i++ {
		if Content(classes[i]) && blocks[i].End-blocks[i].Start >= paraBytes {
			return true
		}
	}
	return false
}
