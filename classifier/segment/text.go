package segment

import (
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// TextOptions tune plain-text segmentation. The zero value is the default.
type TextOptions struct {
	// Splitter cuts lines into units; nil means DefaultSplitter().
	Splitter *Splitter
	// NoSplit keeps every line whole (one block per non-blank line).
	NoSplit bool
	// Reflow undoes two habits of scrapers (reflow.go; not with
	// NoSplit): the lines of a hard-wrapped paragraph are joined into one
	// block, and a line taken for a page glued on one line (Glued: 4 KiB or
	// more, or 1 KiB or more when it is the text's only line) is cut at
	// sentence ends before the splitter sees it. The classifier sets
	// it; training's renditions do not (they keep one paragraph a line),
	// the held-out Persian dev pages do.
	Reflow bool
	// LongSplitter, with Reflow, cuts the sentences of the lines taken for
	// a page glued on one line (Glued) instead of Splitter: a splitter
	// trained on the unit boundaries of whole pages written on one line
	// cuts glued menus, share bars and teasers that the line splitter,
	// trained on lines, leaves together — and would cut too much inside
	// ordinary lines. Nil means Splitter.
	LongSplitter *Splitter
	// Check, when set, is called every thousand lines or so (typically a
	// context's Err): when it returns an error, Text stops and returns it.
	Check func() error
	// Markdown, when text is PlainMarkdown's plain text, is its offsets
	// in the markdown: with Reflow, a line's width is read as the
	// markdown line was written, links' addresses and marks included, as
	// converters that hard-wrap markdown measure it (html2text wraps at
	// 78 runes counting the addresses; without them such lines read as
	// short ones that end a paragraph).
	Markdown *MarkdownOffsets
	// MaxBlocks, when positive, bounds the blocks of the document: Text
	// stops at the first line that passes it and returns a
	// *TooManyBlocksError.
	MaxBlocks int
}

// Text segments plain text. Doc.Text is text itself (not copied). Every
// non-blank line gives at least one block; a block spans several lines
// only when they are one hard-wrapped paragraph and Reflow is set.
// BlankBefore marks a blank line before a block's line. Inside a line the
// Splitter cuts metadata off the start or end of a paragraph
// (SplitMetadata) and cuts run-on lists of titles into one block per
// title (SplitTitle); see Splitter for what it can and cannot see.
//
// Block.Line counts "\n"-terminated lines; "\r\n" is handled because
// white space, "\r" included, is trimmed from blocks.
func Text(text string, opt TextOptions) (*Doc, error) {
	sp := opt.Splitter
	if sp == nil && !opt.NoSplit {
		sp = defaultSplitter()
	}
	check, lim := limited(opt.Check, opt.MaxBlocks)
	if sp == nil {
		return checked(segmentText(text, nil, nil, check, lim, false, nil), check)
	}
	ts := getScratch(sp)
	defer putScratch(ts)
	ts.sc.weights.fit(len(text))
	var long longLines
	if opt.Reflow && opt.LongSplitter != sp {
		long.sp = opt.LongSplitter
		defer long.release()
	}
	d := segmentText(text, sp, &ts.sc, check, lim, opt.Reflow, &long)
	if opt.Reflow && checkErr(check) == nil {
		unwrap(d, opt.Markdown)
		joinFragments(d)
	}
	return checked(d, check)
}

// longLines is the splitter that cuts the sentences of lines of
// LongLine bytes or more (nil: the line splitter) and its scratch,
// taken from longScratchPool at the first such line: most texts have
// none, and a scratch pooled for one splitter keeps its word cache warm.
type longLines struct {
	sp *Splitter
	ts *textScratch
}

// longScratchPool holds the scratches of long-line splitters apart from
// scratchPool, so that the two splitters of one model do not empty each
// other's word caches.
var longScratchPool = sync.Pool{New: func() any { return new(textScratch) }}

// scratch returns the long-line splitter's scratch, sized for text.
func (l *longLines) scratch(text string) *lineScratch {
	if l.ts == nil {
		l.ts = getScratchFrom(&longScratchPool, l.sp)
		l.ts.sc.weights.fit(len(text))
	}
	return &l.ts.sc
}

// release returns the scratch to its pool.
func (l *longLines) release() {
	if l.ts != nil {
		putScratchTo(&longScratchPool, l.ts)
		l.ts = nil
	}
}

// checked returns d, or check's error when segmentation stopped early.
func checked(d *Doc, check func() error) (*Doc, error) {
	if err := checkErr(check); err != nil {
		return nil, err
	}
	return d, nil
}

// segmentText is Text with splitter sp (nil for none) and its scratch sc;
// it stops early when check (nil: none) fails or the blocks pass lim
// (nil: no limit).
func segmentText(text string, sp *Splitter, sc *lineScratch, check func() error, lim *blockLimit, reflow bool, long *longLines) *Doc {
	d := &Doc{Text: text}
	est := blockEstimate(text)
	if lim != nil {
		est = min(est, lim.max+1)
	}
	d.Blocks = make([]Block, 0, est)
	line, blank := 0, false
	// only: the text has one non-blank line (a page glued whole?)
	only := false
	if ts, te := trimSpan(text, 0, len(text)); te-ts >= ShortPage {
		only = strings.IndexByte(text[ts:te], '\n') < 0
	}
	// glued: the text's elements were run together (glue.go); with
	// reflow, each glue joint of such a text, or of such a line, ends a
	// unit
	readGlue := sp != nil && reflow
	glued := readGlue && gluedText(text)
lines:
	for pos := 0; pos <= len(text); {
		if stopped(check, line) {
			break
		}
		end := lineEnd(text, pos)
		s, e := trimSpan(text, pos, end)
		if s >= e {
			blank = true
		}
		// the line's elements run together, or the whole text's
		lineGlued := glued || readGlue && s < e && gluedLine(text[s:e])
		for s < e {
			// An article's end marker ends a unit, whatever follows it
			// on the line (endmark.go): the line is segmented in parts.
			cut := e
			if sp != nil {
				if m := endMarkCut(text[s:e]); m > 0 {
					cut = s + m
				}
				if lineGlued && lim.room(len(d.Blocks)) {
					if g := nextGlue(text[s:cut]); g > 0 {
						cut = s + g
					}
				}
			}
			n := len(d.Blocks)
			if sp != nil && reflow && Glued(cut-s, only) {
				lsp, lsc := sp, sc
				if long != nil && long.sp != nil {
					lsp, lsc = long.sp, long.scratch(text)
				}
				d.Blocks = appendSentences(d.Blocks, lsp, text, s, cut, line, lsc, lim)
			} else if sp != nil {
				d.Blocks = sp.appendLine(d.Blocks, text, s, cut, line, sc)
			} else {
				d.Blocks = append(d.Blocks, Block{Start: s, End: cut, Line: line})
			}
			d.Blocks[n].BlankBefore = blank
			blank = false
			if lim.count(len(d.Blocks)) {
				break lines
			}
			s, e = trimSpan(text, cut, e)
		}
		line++
		pos = end + 1
	}
	return d
}

// blockEstimate guesses how many blocks text gives: its lines less the
// blank lines between paragraphs, and an eighth more for the units cut
// out of lines. A Block is large, so growing the slice (copying it, and
// clearing the larger one) costs more than a good guess.
func blockEstimate(text string) int {
	lines := strings.Count(text, "\n") + 1
	n := lines - strings.Count(text, "\n\n")
	return n + n/8 + 1
}

// textScratch is what Text keeps between calls: the splitter's scratch
// and its cache of word weights (lineScratch.weights), valid for one
// Splitter with the tables it had when the cache was filled.
type textScratch struct {
	sp *Splitter
	// endH, startH and coh are sp's word tables when the cache was
	// filled; holding them keeps their addresses from being reused by
	// the tables of a rebuilt Splitter.
	endH, startH map[uint64]float32
	coh          *Cohesion
	sc           lineScratch
}

// maxPooledWords bounds the buffers a pooled textScratch keeps: those
// of a line of more words are dropped (the word cache has a fixed size).
const maxPooledWords = 1 << 14

// scratchPool holds textScratch values. Pooling only saves work: a
// scratch's contents never change a result.
var scratchPool = sync.Pool{New: func() any { return new(textScratch) }}

// sameMap reports whether a and b are the same map (not equal contents).
func sameMap(a, b map[uint64]float32) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

// getScratch returns a scratch for sp. Its word cache is emptied unless
// it was filled for sp with sp's current word tables (prepare replaces
// them when a Splitter is built or rebuilt in place). The cache holds
// whatever lineScratch.weights holds; every splitter table its values
// depend on must be compared here.
func getScratch(sp *Splitter) *textScratch { return getScratchFrom(&scratchPool, sp) }

// getScratchFrom is getScratch from pool.
func getScratchFrom(pool *sync.Pool, sp *Splitter) *textScratch {
	ts := pool.Get().(*textScratch)
	if ts.sp != sp || !sameMap(ts.endH, sp.endH) || !sameMap(ts.startH, sp.startH) || ts.coh != sp.Cohesion {
		ts.sp, ts.endH, ts.startH, ts.coh = sp, sp.endH, sp.startH, sp.Cohesion
		ts.sc.weights.reset()
	}
	return ts
}

func putScratch(ts *textScratch) { putScratchTo(&scratchPool, ts) }

// putScratchTo is putScratch to pool.
func putScratchTo(pool *sync.Pool, ts *textScratch) {
	if cap(ts.sc.words) > maxPooledWords {
		ts.sc = lineScratch{weights: ts.sc.weights}
	}
	pool.Put(ts)
}

// trimSpan narrows text[s:e] to exclude leading and trailing white space
// (see isSpace).
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		c := text[s]
		if c < utf8.RuneSelf {
			if !isASCIISpace(c) {
				break
			}
			s++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		c := text[e-1]
		if c < utf8.RuneSelf {
			if !isASCIISpace(c) {
				break
			}
			e--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// isSpace reports white space: Unicode White_Space plus the invisible
// U+FEFF (BOM / zero-width no-break space), U+200B (zero-width space) and
// U+2060 (word joiner), which scrapers leave on otherwise empty lines.
// It is the cSpace bits of token.ClassOf (TestIsSpace), tested without
// computing the other bits.
func isSpace(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return isASCIISpace(byte(r))
	case r < 0x1680:
		return r == 0x85 || r == 0xA0
	}
	return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b' || r == '\u2060'
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'
}
