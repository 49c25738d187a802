package classifier

import (
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/classifier/token"
)

// The article's body as the page declares it. News sites write the plain
// text of an article's body into their JSON-LD for search engines
// (schema.org's "articleBody", segment.Doc.ArticleBody; 72 of fundus's 257
// pages, 5 of newspaper4k's 21). Where the page shows that text, a block
// that holds it is the article's, whatever the model made of its words,
// and a block after the body that does not hold it (a teaser's summary, a
// comment, a newsletter box) is not, however much it reads like prose.
//
// Blocks are compared with the declared body by pairs of consecutive
// tokens (shingles): an article's paragraph shares nearly all of its
// pairs with the body, a teaser's summary few, although most of its words
// are in the article too. The declared body is followed only when the
// page shows it: the blocks that hold it must hold half of it (a
// paywall's page shows a teaser of a body it declares in full) and half of
// what the model kept (a body declared in part, a live blog's older
// entries, leaves the rest of the article alone). The lead and whatever
// precedes the body's first block stay as decided (sites leave the title,
// the standfirst and the lead paragraph out of articleBody), and inside
// the body only blocks of innerPairs pairs or more are taken out
// (subheadings, often left out of articleBody, stay).
//
// Limits: HTML only (plain text carries no markup); the declared body is
// read up to maxBodyBytes (each of its shingles costs a slot of a set);
// shingles of scripts written without spaces are single letters, so
// their pairs are letter bigrams; a page whose declared body holds
// boilerplate (a "Read more" line a CMS appends) gets that boilerplate as
// body.

// Bounds of followBody.
const (
	minBodyBytes = 200     // shortest declared body followed
	maxBodyBytes = 1 << 20 // longest read: the rest of a longer one is ignored
	minBodyPairs = 40      // fewest token pairs it must have
	heldShare    = 0.7     // a block holds the body from this share of its pairs
	promoteShare = 0.8     // a boilerplate block becomes body from this share (and 3 pairs)
	foreignShare = 0.2     // a body block does not hold it under this share (and 2 pairs)
	shownShare   = 0.5     // the blocks that hold it hold this share of its pairs
	keptShare    = 0.5     // and this share of the pairs of the blocks decided content
	innerPairs   = 8       // inside the body, only blocks of this many pairs are taken out
	minPromote   = 3       // fewest pairs of a block made body
	minForeign   = 2       // fewest pairs of a block taken out
)

// appendShingles appends to dst a hash (token.AddWord's FNV-1a rounds)
// of every pair of consecutive tokens of s: runs of letters, marks and digits, lower-cased, and single
// Han, kana and Thai letters (scripts written without spaces).
func appendShingles(dst []uint64, s string) []uint64 {
	var cur, prev uint64
	inTok, havePrev := false, false
	emit := func(h uint64) {
		if havePrev {
			dst = append(dst, token.AddWord(token.AddWord(token.HashOffset, prev), h))
		}
		prev, havePrev = h, true
	}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case r < utf8.RuneSelf:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				if !inTok {
					cur, inTok = token.HashOffset, true
				}
				cur = token.AddWord(cur, uint64(r))
				continue
			}
		case r >= 0x0E00 && (r <= 0x0E7F || r >= 0x2E80) && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai):
			if inTok {
				emit(cur)
				inTok = false
			}
			emit(token.AddWord(token.HashOffset, uint64(r)))
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if !inTok {
				cur, inTok = token.HashOffset, true
			}
			cur = token.AddWord(cur, uint64(unicode.ToLower(r)))
			continue
		}
		if inTok {
			emit(cur)
			inTok = false
		}
	}
	if inTok {
		emit(cur)
	}
	return dst
}

// shingleSet is a set of shingle hashes: open addressing with linear
// probing in a power-of-two table at most half full. 0 marks an empty
// slot, so the hash 0 is stored as 1 (the two are one shingle here).
type shingleSet []uint64

// newShingleSet holds the shingles hs.
func newShingleSet(hs []uint64) shingleSet {
	n := 16
	for n < 2*len(hs) {
		n *= 2
	}
	s := make(shingleSet, n)
	for _, h := range hs {
		if h == 0 {
			h = 1
		}
		for i := h & uint64(n-1); ; i = (i + 1) & uint64(n-1) {
			if s[i] == 0 {
				s[i] = h
				break
			}
			if s[i] == h {
				break
			}
		}
	}
	return s
}

// has reports whether h is in the set.
func (s shingleSet) has(h uint64) bool {
	if h == 0 {
		h = 1
	}
	mask := uint64(len(s) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s[i] {
		case h:
			return true
		case 0:
			return false
		}
	}
}

// followBody relabels the blocks of an HTML page (classes, the decided
// classes, one per block) by the page's declared article body (body,
// segment.Doc.ArticleBody) when the page shows it (see the comment
// above): a boilerplate block that holds it (promoteShare of minPromote
// pairs or more), written once on the page, becomes body; a body block
// that does not hold it (under foreignShare, minForeign pairs or more)
// after the last block that does, or after the first and of innerPairs
// pairs or more, becomes its most probable boilerplate class
// (boilerplate(i)). Title blocks keep their class. It reports whether it
// acted. The caller applies it to pages judged to hold an article.
//
// Same weights, winnow eval -q, seed 1 / seed 2 models: news-dev html
// 0.925 → 0.928 / 0.925 → 0.927, newspaper4k 0.932 → 0.943 / 0.931 →
// 0.939, fundus 0.930 → 0.935 / 0.935 → 0.939; no text row and no
// eval-only row moves (docs/model.md, "The declared article body").
func followBody(text string, blocks []segment.Block, classes []int, body string, boilerplate func(i int) int) bool {
	if len(body) < minBodyBytes {
		return false
	}
	if len(body) > maxBodyBytes {
		n := maxBodyBytes
		for n > 0 && !utf8.RuneStart(body[n]) {
			n--
		}
		body = body[:n]
	}
	hs := appendShingles(nil, body)
	total := len(hs)
	if total < minBodyPairs {
		return false
	}
	set := newShingleSet(hs)
	pairs := make([]int32, len(blocks))
	held := make([]int32, len(blocks))
	for i, b := range blocks {
		hs = appendShingles(hs[:0], text[b.Start:b.End])
		pairs[i] = int32(len(hs))
		for _, h := range hs {
			if set.has(h) {
				held[i]++
			}
		}
	}
	share := func(i int) float64 { return float64(held[i]) / float64(max(pairs[i], 1)) }
	holds := func(i int) bool { return pairs[i] >= 2 && share(i) >= heldShare }
	shown, kept, keptHeld := 0, 0, 0
	first, last := -1, -1
	for i := range blocks {
		if holds(i) {
			shown += int(held[i])
			if first < 0 {
				first = i
			}
			last = i
		}
		if model.Content(classes[i]) {
			kept += int(pairs[i])
			if holds(i) {
				keptHeld += int(pairs[i])
			}
		}
	}
	if float64(shown) < shownShare*float64(total) || float64(keptHeld) < keptShare*float64(kept) {
		return false
	}
	var seen map[string]int
	once := func(i int) bool {
		if seen == nil {
			seen = make(map[string]int, len(blocks))
			for _, b := range blocks {
				seen[text[b.Start:b.End]]++
			}
		}
		return seen[text[blocks[i].Start:blocks[i].End]] == 1
	}
	for i := range blocks {
		switch {
		case !model.Content(classes[i]) && pairs[i] >= minPromote && share(i) >= promoteShare && once(i):
			classes[i] = model.ClassBody
		case classes[i] == model.ClassBody && pairs[i] >= minForeign && share(i) < foreignShare &&
			(i > last || i > first && pairs[i] >= innerPairs):
			classes[i] = boilerplate(i)
		}
	}
	return true
}

// followMarkedBody relabels the blocks of an HTML page (classes, the
// decided classes) by the element the page marks as the article's body
// (microdata itemprop="articleBody", RDFa property="articleBody":
// segment.Block.MarkedBody), for pages where followBody did not act:
// when the blocks inside it hold keptShare of the bytes of the blocks
// decided content, a body block outside it, after its first block, of
// minForeign token pairs or more, becomes its most probable boilerplate
// class (boilerplate(i)) when it comes after its last block or has
// innerPairs pairs or more. Nothing is made body: the element also holds
// the in-article widgets that the model already takes out. The caller
// applies it to pages judged to hold an article.
//
// Same weights, winnow eval -q, seed 1 / seed 2 models: fundus html
// 0.935 → 0.937 / 0.939 → 0.940, news-dev 0.928 → 0.928 (+0.0005) / 0.927
// → 0.928, readability 0.935 → 0.935 / 0.936 → 0.935; 8 news-dev and
// wcxb-dev pages move, 7 gain (docs/model.md, "The declared article
// body").
func followMarkedBody(text string, blocks []segment.Block, classes []int, boilerplate func(i int) int) {
	first, last := -1, -1
	kept, keptMarked := 0, 0
	for i, b := range blocks {
		if b.MarkedBody {
			if first < 0 {
				first = i
			}
			last = i
		}
		if model.Content(classes[i]) {
			kept += b.End - b.Start
			if b.MarkedBody {
				keptMarked += b.End - b.Start
			}
		}
	}
	if first < 0 || float64(keptMarked) < keptShare*float64(kept) {
		return
	}
	var hs []uint64
	for i := first + 1; i < len(blocks); i++ {
		b := &blocks[i]
		if classes[i] != model.ClassBody || b.MarkedBody {
			continue
		}
		hs = appendShingles(hs[:0], text[b.Start:b.End])
		if len(hs) >= minForeign && (i > last || len(hs) >= innerPairs) {
			classes[i] = boilerplate(i)
		}
	}
}
