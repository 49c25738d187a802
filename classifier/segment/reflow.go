package segment

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Reflow (TextOptions.Reflow) undoes two habits of scrapers.
//
// Hard-wrapped paragraphs. Scrapers and converters such as html2text and
// lynx -dump break paragraphs into lines of at most some width (60 to 100
// columns), so one paragraph arrives as several short lines, each of
// which, alone, looks like a menu item or a teaser. unwrap joins such
// lines back into one block.
//
// Lines are joined only when they read as one wrapped paragraph: at least
// three consecutive lines (no blank line among them; a line the splitter
// cut is read whole) of which all
// but the last are full — words separated by spaces, within wrapSlack
// runes of the widest, between wrapMin and wrapMax runes long, too long to
// have taken the next line's first word, and seldom ending a sentence (at
// most one in three) — and the last ends a sentence. Lists of titles or
// questions of similar length rarely are all of that, and paragraphs kept
// on one line never are (on the shared corpora's one-line-per-paragraph
// renditions, 70 of 119,035 blocks are joins, mostly of <pre> text, which
// was wrapped: TestCorpora). On a page that is hard-wrapped — at least
// openPage paragraphs joined so — a paragraph may also end on a line
// without sentence punctuation (its end glued to a heading, a quote):
// when at least openLines full lines, within openSpread runes of each
// other, one of them with a sentence end inside it, come before that
// line. Limits: paragraphs of two lines stay two blocks; elsewhere a
// wrapped paragraph whose last line ends without sentence punctuation (a
// list) stays one block per line.
//
// Chinese and Japanese are written without spaces and wrapped anywhere
// between two characters, so a full line of theirs is as wide as the
// widest, give or take the wrapSlackCJK characters that line-breaking
// rules move, and the next line's first character would never have fitted:
// lines mostly of Han, kana and full-width characters (cjkLine) are joined
// by the same rule with those measures and without the test on spaces.
// Thai, also written without spaces, is never joined.
//
// Markdown (TextOptions.Markdown) is measured as it was written: html2text
// wraps at 78 runes counting each link's address, which the plain text
// lost, and cannot break an address, so a line that is a link's address
// (with its text or the end of it) is full at any width, and the line
// before it may end short where the address did not fit. Chinese and
// Japanese lines keep their plain measures.

const (
	wrapMin   = 30  // runes: shorter lines are not full wrapped lines
	wrapMax   = 130 // runes: longer lines were not wrapped
	wrapSlack = 12  // runes: full lines are this close to the widest
	wrapLines = 3   // lines a joined paragraph has at least (but two set apart or on a hard-wrapped page: wrapRun)

	wrapMinCJK   = 28 // characters: shorter CJK lines are not full wrapped lines (60-column wraps are 30 wide; lists of headlines are shorter)
	wrapSlackCJK = 2  // characters: full CJK lines are this close to the widest

	openPage   = 3 // paragraphs joined the ordinary way that make a page hard-wrapped
	openLines  = 3 // full lines before a last line without sentence punctuation
	openSpread = 6 // runes: the widest and the narrowest of those full lines differ by at most this
)

// unwrap joins the blocks of hard-wrapped paragraphs in d (plain text).
// It reads the text line by line: a line the splitter cut into pieces (a
// wrapped line that happens to read like a title followed by the rest of
// a sentence) is read whole, and when it belongs to a wrapped paragraph
// its pieces are joined with the other lines.
//
// md, when d.Text is PlainMarkdown's plain text, is its offsets in the
// markdown: line widths are then read from the markdown (TextOptions.Markdown).
func unwrap(d *Doc, md *MarkdownOffsets) {
	bs := d.Blocks
	if len(bs) < wrapLines {
		return
	}
	ls := wrapLinesOf(bs)
	ls.md = md
	paras, chained := wrapParagraphs(d.Text, &ls, false, nil)
	if len(paras) >= openPage && chained {
		// a hard-wrapped page, with a chain of full lines long enough
		// for a paragraph ending without punctuation: read it again
		paras, _ = wrapParagraphs(d.Text, &ls, true, paras[:0])
	}
	if paras != nil {
		d.Blocks = joinLines(bs, &ls, paras)
	}
}

// joinLines returns bs with the lines of each of paras (in order, apart)
// made one block, in bs's own array: the first block of its first line,
// ending where its last line ends.
func joinLines(bs []Block, ls *wlines, paras []wpara) []Block {
	out, k := bs[:0], 0
	for _, p := range paras {
		b := bs[ls.first(p.k)]
		out = append(out, bs[ls.first(k):ls.first(p.k)]...)
		b.End = ls.end(p.k + p.n - 1)
		b.Split = SplitNone
		out = append(out, b)
		k = p.k + p.n
	}
	out = append(out, bs[ls.first(k):]...)
	clear(bs[len(out):])
	return out
}

// A wpara is a hard-wrapped paragraph: n lines from line k.
type wpara struct{ k, n int }

// wrapParagraphs appends the hard-wrapped paragraphs of the lines ls to
// paras (wrapRun with open), and reports whether a chain of full lines
// reached openLines lines past its first: without one, open ends change
// nothing.
func wrapParagraphs(text string, ls *wlines, open bool, paras []wpara) ([]wpara, bool) {
	chained := false
	for k := 0; k < ls.n; {
		n, reached := wrapRun(text, ls, k, open)
		chained = chained || reached-k >= openLines
		if n >= 2 { // wrapLines or more, or two (wrapRun says when)
			paras = append(paras, wpara{k, n})
			k += n
			continue
		}
		// No paragraph starts at line k, nor, but for the one line the
		// chain broke on, anywhere before the line it reached: skip to
		// it, so that every line is read at most twice (linear time on a
		// document of thousands of same-length lines).
		k = max(k+1, reached)
	}
	return paras, chained
}

// wlines is a plain-text document's blocks read line by line, as unwrap
// reads them: line k spans from its first block's start to its last
// block's end.
type wlines struct {
	bs []Block
	n  int              // lines
	fb []int32          // the first block of each line, and len(bs) (nil: block k is line k)
	md *MarkdownOffsets // the markdown the text came from, or nil
}

// wrapLinesOf groups bs (plain-text blocks, in order) by line.
func wrapLinesOf(bs []Block) wlines {
	ls := wlines{bs: bs, n: len(bs)}
	for i := 1; i < len(bs); i++ {
		if bs[i].Line == bs[i-1].Line {
			ls.fb = make([]int32, 0, len(bs)+1)
			break
		}
	}
	if ls.fb == nil {
		return ls
	}
	for i := range bs {
		if i == 0 || bs[i].Line != bs[i-1].Line {
			ls.fb = append(ls.fb, int32(i))
		}
	}
	ls.n = len(ls.fb)
	ls.fb = append(ls.fb, int32(len(bs)))
	return ls
}

// first is the index of line k's first block (k == n: len(bs)).
func (l *wlines) first(k int) int {
	if l.fb == nil {
		return k
	}
	return int(l.fb[k])
}

func (l *wlines) start(k int) int        { return l.bs[l.first(k)].Start }
func (l *wlines) end(k int) int          { return l.bs[l.first(k+1)-1].End }
func (l *wlines) line(k int) int         { return l.bs[l.first(k)].Line }
func (l *wlines) blankBefore(k int) bool { return l.bs[l.first(k)].BlankBefore }

// written is line k as it was written, for its width: text's line, or,
// from markdown, the markdown's bytes from the line's first to its last
// (the addresses of links inside the line included).
func (l *wlines) written(text string, k int) string {
	if l.md == nil {
		return text[l.start(k):l.end(k)]
	}
	return l.md.Source(l.start(k), l.end(k))
}

// wrapRun returns how many lines from line i form one hard-wrapped paragraph
// (0 or 1 when none), and the last line its chain of full lines reached. A
// paragraph has wrapLines lines or more, or two when blank lines (or the
// text's start and end) set them apart (markdown and many scrapers put a
// blank line between paragraphs) or, with open, on a page found
// hard-wrapped: a paragraph wrapped into two lines read as two short ones.
// With open, the paragraph may end on a line without sentence punctuation
// (unwrap's comment says when).
func wrapRun(text string, ls *wlines, i int, open bool) (n, reached int) {
	if ls.end(i)-ls.start(i) < min(wrapMin, wrapMinCJK) {
		// (a line of fewer bytes has fewer runes than a full line, CJK
		// or not, so the loop below would stop at it)
		return 0, i
	}
	width, ends := 0, 0
	narrow, inner := wrapMax+1, 0 // the narrowest full line; full lines with a sentence end inside
	best := 0
	reached = i
	cjk := cjkLine(text[ls.start(i):ls.end(i)])
	// (a line of three spaces or more is never a CJK line: cjkLine stops
	// there, and the other lines of a spaced run are not read again)
	minW, slack := wrapMin, wrapSlack
	if cjk {
		minW, slack = wrapMinCJK, wrapSlackCJK
	}
	nNext := -1            // wrapRunes of line j, when step j-1 counted it
	wsNext, wsAt := "", -1 // line wsAt as written, when step wsAt-1 read it
	for j := i; j < ls.n; j++ {
		if j > i && (ls.line(j) != ls.line(j-1)+1 || ls.blankBefore(j)) {
			break
		}
		reached = j
		s := text[ls.start(j):ls.end(j)]
		ws := s
		if wsAt == j { // (set only for lines that are not CJK)
			ws = wsNext
		} else if !cjk {
			ws = ls.written(text, j) // s as wide as it was written
		}
		full := j - i // full lines before line j
		if full+1 >= wrapLines && EndsSentence(s) && ends <= full/3 {
			best = j - i + 1 // lines i..j make a paragraph ending here
		} else if full == 1 && EndsSentence(s) && ends == 0 && (open || apart(ls, i, j)) {
			best = 2 // two lines on a hard-wrapped page, or set apart by blank lines
		} else if open && !cjk && full >= openLines && width-narrow <= openSpread && inner > 0 && ends <= full/3 {
			best = j - i + 1 // ... or ends here, without punctuation
		}
		// can line j continue onto line j+1? (the cheap tests first: a
		// line has at most as many runes as bytes)
		// a markdown line that is a link's address, with its text or
		// the end of it (a word the converter could not break): full,
		// whatever its width, and no measure of the paragraph's
		addr := !cjk && j > i && ls.md != nil && addressLine(s, ws)
		if !addr && (len(ws) < minW || len(ws) > utf8.UTFMax*wrapMax) || j+1 >= ls.n || !cjk && strings.Count(s, " ") < 3 && !addr {
			break
		}
		n := nNext
		if n < 0 {
			n = wrapRunes(ws)
		}
		nNext = -1
		if !addr && (n < minW || n > wrapMax) || cjk && j > i && !cjkLine(s) {
			break
		}
		if EndsSentence(s) {
			ends++
		}
		if open && sentenceInside(s) {
			inner++
		}
		if addr {
			continue
		}
		next := text[ls.start(j+1):ls.end(j+1)]
		if !cjk {
			next = ls.written(text, j+1)
			wsNext, wsAt = next, j+1
		}
		narrow = min(narrow, n)
		width = max(width, n)
		if n < width-slack && !(ls.md != nil && addressNext(n, width, slack, next)) {
			break
		}
		// A next line of fewer bytes than width-slack is shorter than
		// that in runes too, and than wrapMax: only its first word counts.
		nn := 0
		if len(next) >= width-slack {
			nn = wrapRunes(next)
			nNext = nn
		}
		// (a next line that is a link's address does not measure the
		// paragraph either)
		nextAddr := ls.md != nil && !cjk && addressLine(next, next)
		if nn > wrapMax && !nextAddr {
			break // a paragraph on one line follows
		}
		w := width
		if nn >= width-slack && !nextAddr {
			w = max(w, nn)
		}
		// a real break: the next line's first word would have fitted (a
		// CJK line, which can break before any character, fell short of
		// the width by more than the slack)
		if cjk && n < w-slack || !cjk && n+1+firstWordRunes(next) <= w {
			break
		}
	}
	return best, reached
}

// wrapRunes is the length of s in runes when it is at most wrapMax, and
// some length over wrapMax otherwise: a line of more than 4*wrapMax
// bytes is not counted.
func wrapRunes(s string) int {
	if len(s) > utf8.UTFMax*wrapMax {
		return wrapMax + 1
	}
	return runeCountMax(s, wrapMax)
}

// runeCount is utf8.RuneCountInString (an invalid byte counts as one
// rune) with the one- and two-byte runes of Latin, Cyrillic, Arabic …
// text counted inline, and ASCII eight bytes at a time.
func runeCount(s string) int { return runeCountMax(s, len(s)) }

// runeCountMax is runeCount when that is at most limit, and some count
// over limit otherwise (it stops counting there).
func runeCountMax(s string, limit int) int {
	n := 0
	for i := 0; i < len(s) && n <= limit; {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if i+8 <= len(s) && s[i+1] < utf8.RuneSelf && le64(s[i:])&0x8080808080808080 == 0 {
				i += 8
				n += 8
				continue
			}
			i++
			n++
		case c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			// a run of two-byte runes (Arabic, Cyrillic, …)
			i += 2
			n++
			for i+1 < len(s) && s[i]-0xC2 <= 0xDF-0xC2 && s[i+1]&0xC0 == 0x80 {
				i += 2
				n++
			}
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			n++
		}
	}
	return n
}

// cjkLine reports whether s is mostly Chinese or Japanese: at least two
// thirds of its letters are Han, kana or full-width forms, and it holds
// at most two spaces.
func cjkLine(s string) bool {
	var cjk, other, spaces int
	for _, r := range s {
		switch {
		case r == ' ':
			if spaces++; spaces > 2 {
				return false
			}
		case r >= 0x3000 && r <= 0x9FFF, r >= 0xF900 && r <= 0xFAFF, r >= 0xFF00 && r <= 0xFFEF:
			// CJK punctuation, kana, Han; compatibility ideographs;
			// full-width forms
			cjk++
		case r > ' ':
			other++
		}
	}
	return cjk >= 2*other && cjk > 0
}

// firstWordRunes is the length in runes of s's first word.
func firstWordRunes(s string) int { return runeCount(firstWord(s)) }

// firstWord is s up to its first space or tab.
func firstWord(s string) string {
	if k := strings.IndexAny(s, " \t"); k >= 0 {
		return s[:k]
	}
	return s
}

// Closing marks EndsSentence looks past: quotes and brackets that only
// close (Chinese and Japanese corner brackets and full-width ones too:
// "…と話した。」"), the spaces French sets before a closing guillemet
// ("… fin. »", a no-break or narrow no-break space), the direction marks
// text copied from right-to-left pages carries (U+200E, U+200F, U+202C,
// U+061C: "…است.\u200f"), and quotes that open in some languages and
// close in others: German, Czech and Slovak quote „so“ and ‚so‘, German
// also »so« and ›so‹, while Chinese and Japanese open with “ (a
// hard-wrapped Chinese line may end "…不恼。“", the next sentence's
// quote).
const (
	closers     = "\"'”’»)] \u00a0\u202f\u2009」』）】〕〉》\u200e\u200f\u202c\u061c"
	quoteEither = "“‘«›"
)

// EndsSentence reports whether s ends with sentence punctuation (a rune
// of sentenceEnds), perhaps followed by closing quotes or brackets; after
// a quote of quoteEither, only . ! ? or … ends one ("…sagte er.“").
func EndsSentence(s string) bool {
	s = strings.TrimRight(s, closers)
	if t := strings.TrimRight(s, quoteEither); len(t) < len(s) {
		r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(t, closers))
		return latinStop(r)
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return slices.Contains(sentenceEnds, r)
}

// Closer reports whether r is one of the closing marks EndsSentence looks
// past after a sentence's end (closers).
func Closer(r rune) bool { return strings.ContainsRune(closers, r) }

// ClosesQuote reports whether r is a quote of quoteEither that closes a
// quoted sentence: the text before it ends with . ! ? or …
// ("Straßenkampf.“").
func ClosesQuote(r rune, before string) bool {
	if !strings.ContainsRune(quoteEither, r) {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(before)
	return latinStop(p)
}

// latinStop reports whether r is . ! ? or …, the sentence ends that a
// quote of quoteEither closes after.
func latinStop(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// Pages on one line. A scraper that takes an element's text without
// separators glues a whole page into one line; the splitter, which cuts
// titles and metadata off lines, then sees paragraphs, menus and teasers as
// one run. A line taken for such a page (Glued: LongLine bytes or more,
// or ShortPage bytes or more when it is the text's only line) is cut at
// sentence ends first, and each piece goes to the splitter as a line.
// Limits: boilerplate without sentence punctuation (menus, share bars)
// stays glued to the sentence after it; a paragraph of 4 KiB or more on
// its own line, or of 1 KiB or more sent alone, is cut too (its sentences
// are then blocks of their own).

// LongLine is the length (bytes) from which a line of plain text is taken
// for a page glued on one line: with Reflow it is cut at sentence ends,
// and the article-span decoder asks more of its pieces outside the
// article's region (model.DecideDoc).
const LongLine = 4096

// ShortPage is the length (bytes) from which the only line of a text is
// taken for a page glued on one line. Such a text is a short page glued
// whole or a paragraph sent alone; cut at its sentences, the first gets
// its teasers and menus apart, and the second stays content sentence by
// sentence (docs/segmentation.md, "Pages on one line").
const ShortPage = 1024

// Glued reports whether a line of n bytes is taken for a page glued on
// one line: LongLine bytes or more, or ShortPage or more when it is the
// text's only non-blank line (only).
func Glued(n int, only bool) bool {
	return n >= LongLine || only && n >= ShortPage
}

// sentenceEnds are the runes that end a sentence (EndsSentence,
// appendSentences): Latin, Greek and Cyrillic . ! ? and …, the Arabic
// question mark and the Urdu full stop, the ideographic and full-width
// stops and marks, and the full stops of the scripts that have their own:
// the Devanagari danda and double danda (Hindi, Marathi, Nepali; Bengali
// writes the danda too), the Myanmar, Ethiopic, Armenian and Khmer full
// stops. Without those, a Hindi or Burmese paragraph never ended a
// sentence, and hard-wrapped ones were never joined. sentenceLeads marks
// their first bytes; sentence2 tells the sentence ends of two bytes by
// their second byte (a bit table), and sentenceCodes holds, for each
// first byte, the encodings of the longer ones that start with it.
var (
	sentenceEnds = []rune{'.', '!', '?', '؟', '…', '۔', '。', '！', '？', '．',
		'।', '॥', '။', '።', '։', '។'}
	sentenceLeads = func() (t [256]bool) {
		for _, r := range sentenceEnds {
			t[utf8.AppendRune(nil, r)[0]] = true
		}
		return t
	}()
	// sentence2[c&0x1F] has bit b set when the two bytes c, 0x80|b
	// encode a sentence end.
	sentence2 = func() (t [32]uint64) {
		for _, r := range sentenceEnds {
			if b := utf8.AppendRune(nil, r); len(b) == 2 {
				t[b[0]&0x1F] |= 1 << (b[1] & 0x3F)
			}
		}
		return t
	}()
	sentenceCodes = func() (t [256][]string) {
		for _, r := range sentenceEnds {
			if b := utf8.AppendRune(nil, r); len(b) > 2 {
				t[b[0]] = append(t[b[0]], string(b))
			}
		}
		return t
	}()
)

// appendSentences appends the blocks of the long line text[s:e]: each run
// of text up to a sentence end (., !, ?, ؟, 。 … then white space), a
// title mark (plusMarkEnd), a metadata label (labelNext), a date stamp
// glued to the text beside it (stampNext) or a date and time set apart
// by spaces (timeStampNext; either stamp is a piece of its own) or the
// start of a phrase written twice (doubledNext) goes to the splitter as
// if it were a line of its own.
//
// It stops once lim is passed (the caller then sees the limit's error), so
// that a line of a million tiny sentences costs no more than the limit.
func appendSentences(bs []Block, sp *Splitter, text string, s, e, line int, sc *lineScratch, lim *blockLimit) []Block {
	// Each step appends text[from:to] cut at what it finds, the pieces
	// going to the next step; each reports whether lim is passed.
	emit := func(from, to int) bool {
		if ss, se := trimSpan(text, from, to); ss < se {
			bs = sp.appendLine(bs, text, ss, se, line, sc)
			return lim.count(len(bs))
		}
		return false
	}
	// doubled cuts before phrases written twice.
	doubled := func(from, to int) bool {
		last := -1 // the last cut at a doubled phrase
		for pos, skip := from, true; ; skip = false {
			at, resume, ok := doubledNext(text, pos, to, skip)
			if !ok {
				break
			}
			pos = resume
			if last >= 0 && at-last < minDoubledPiece {
				continue // "a b c a b c d a b c a b c d …": no cards
			}
			if emit(from, at) {
				return true
			}
			from, last = at, at
		}
		return emit(from, to)
	}
	// labels cuts before metadata labels.
	labels := func(from, to int) bool {
		for pos := from; ; {
			at, resume, ok := labelNext(text, pos, to)
			if !ok {
				break
			}
			pos = resume
			if at == from {
				continue // the piece starts with the label
			}
			if doubled(from, at) {
				return true
			}
			from = at
		}
		return doubled(from, to)
	}
	// around returns a step that cuts before and after each stamp find
	// finds, the pieces between stamps going to rest and each stamp to
	// labels.
	around := func(find func(text string, from, to int) (int, int, bool), rest func(from, to int) bool) func(from, to int) bool {
		return func(from, to int) bool {
			for {
				st, en, ok := find(text, from, to)
				if !ok {
					return rest(from, to)
				}
				if rest(from, st) || labels(st, en) {
					return true
				}
				from = en
			}
		}
	}
	// timed cuts before and after dates with a time set apart by white
	// space; stamps before and after date stamps glued to their
	// neighbours.
	timed := around(timeStampNext, labels)
	stamps := around(stampNext, timed)
	// piece cuts after title marks.
	piece := func(from, to int) bool {
		for {
			end, ok := plusMarkEnd(text, from, to)
			if !ok {
				return stamps(from, to)
			}
			if stamps(from, end) {
				return true
			}
			from = end
		}
	}
	from := s
	for i := s; i < e; {
		var ok bool
		if i, ok = nextSentenceEnd(text, i, e); !ok {
			break
		}
		if piece(from, i) {
			return bs
		}
		from = i
	}
	piece(from, e)
	return bs
}

// nextSentenceEnd returns the end of the first sentence end (a rune of
// sentenceEnds followed by white space or e) in text[i:e], read rune by
// rune from i, and whether there is one. It skips to the bytes of
// sentenceLeads: no rune of a sentence end holds another byte, and no
// rune holds one of them but as its first byte (they are ASCII or lead
// bytes), so the runes it looks at are the ones a rune-by-rune reading
// decodes (FuzzNextSentenceEnd). At a lead byte it compares the bytes
// with the encodings of the sentence ends that start with it
// (sentenceCodes) rather than decoding the rune: UTF-8 is prefix-free,
// and the bytes after a lead that begins no sentence end are no lead
// bytes when they belong to its rune. (Persian letters from U+0600 and
// from U+06C0 share their first bytes with ؟ and ۔.)
func nextSentenceEnd(text string, i, e int) (int, bool) {
	for i < e {
		c := text[i]
		if !sentenceLeads[c] {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			n := sentenceCodeAt(text, i, e)
			if n == 0 {
				i++
				continue
			}
			i += n
		} else {
			i++
		}
		if i < e {
			if r2, _ := utf8.DecodeRuneInString(text[i:e]); !isSpace(r2) {
				continue
			}
		}
		return i, true
	}
	return e, false
}

// sentenceCodeAt returns the length of the sentence end that starts at
// the lead byte text[i] (sentence2, sentenceCodes), or 0.
func sentenceCodeAt(text string, i, e int) int {
	c := text[i]
	if c < 0xE0 {
		// a two-byte sentence end: ؟, ۔ or ։, told by its second byte
		if i+1 < e && sentence2[c&0x1F]>>(text[i+1]&0x3F)&1 != 0 && text[i+1]&0xC0 == 0x80 {
			return 2
		}
		return 0
	}
	for _, code := range sentenceCodes[c] {
		if strings.HasPrefix(text[i:e], code) {
			return len(code)
		}
	}
	return 0
}

// sentenceInside reports whether a sentence ends inside s: ". ", "? ",
// "! " or "؟ " neither at its start nor at its end.
func sentenceInside(s string) bool {
	for _, p := range [...]string{". ", "? ", "! ", "؟ "} {
		if k := strings.Index(s, p); k > 0 && k+len(p) < len(s) {
			return true
		}
	}
	return false
}

// apart reports whether lines i..j are set apart from the text around
// them by blank lines (or its start and end).
func apart(ls *wlines, i, j int) bool {
	return (i == 0 || ls.blankBefore(i)) && (j+1 >= ls.n || ls.blankBefore(j+1))
}

// addressLine reports whether a markdown line, plain s as written ws, is
// a link's address with its text or the end of it: fewer than three
// spaces in its plain text, and "](" in what was written.
func addressLine(s, ws string) bool {
	return strings.Count(s, " ") < 3 && strings.Contains(ws, "](")
}

// addressNext reports whether a markdown line of n runes, short of the
// paragraph's width, was broken there because the next line's first word
// (as written, next) is a link's address, too long to fit after it.
func addressNext(n, width, slack int, next string) bool {
	w := firstWord(next)
	fw := runeCount(w)
	return fw > slack && n+1+fw > width && strings.Contains(w, "](")
}
