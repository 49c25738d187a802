package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/segment"
)

// DecideTextCompact is DecideCompact for a plain-text document (text is
// what the blocks' offsets refer to): the ordinary decoding, then, when
// the page has headline runs, a second decoding with the runs as gaps that
// replaces it where it acts (span.go's opening comment says when). The
// dominance it reports is the ordinary decoding's, which the page model's
// cuts were fitted on.
func (m *Model) DecideTextCompact(preds *Predictions, text string, blocks []segment.Block, t float64, classes []int) (dominant bool) {
	s, ok := m.Span()
	var runs []bool
	if ok {
		runs = headlineRuns(text, blocks)
	}
	if runs == nil {
		return m.decideAll(preds.At, blocks, t, classes)
	}
	alt := make([]int, len(classes))
	for i := range alt {
		alt[i] = Decide(preds.At(i), t)
	}
	copy(classes, alt)
	dominant = s.apply(preds.At, blocks, classes)
	if s.applyRuns(preds.At, blocks, alt, runs) {
		copy(classes, alt)
	}
	return dominant
}

// The text rule's constants (chosen on news-dev and the held-out Persian
// text styles: docs/model.md, "Which choices flip").
const (
	// headlineRun is the fewest headline-shaped blocks in a row that
	// count as gaps.
	headlineRun = 5
	// headlineWords is the fewest words of a headline, or a quarter of
	// its fewest letters (scripts written without spaces).
	headlineWords = 3
	// headlineRunes is the longest headline.
	headlineRunes = 160
	// headlineShare is the share of the content mass, runs included, the
	// region must hold for the text rule to stand.
	headlineShare = 0.4
)

// headlineShaped reports whether a block's text reads as a headline: at
// least headlineWords words (or 4×headlineWords letters), at most
// headlineRunes, not numbered like a section or list item ("11.2. Index
// Types", "3) ..."), and not ending with a sentence's punctuation (closing
// quotes and brackets aside).
func headlineShaped(t string) bool {
	if len(t) > 8*headlineRunes { // most paragraphs: no need to read them
		return false
	}
	for t != "" {
		r, n := utf8.DecodeLastRuneInString(t)
		if !strings.ContainsRune(" \t\"'”’»)]」』）", r) {
			break
		}
		t = t[:len(t)-n]
	}
	if t == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	if strings.ContainsRune(".!?…。！？؟:;؛．", last) {
		return false
	}
	// Runes are counted only where the bytes leave the answer open (a
	// rune is 1 to 4 bytes).
	if len(t) > headlineRunes && utf8.RuneCountInString(t) > headlineRunes {
		return false
	}
	if len(t) < 16*headlineWords && !headlineLong(t) {
		return false
	}
	d := 0
	for d < len(t) && t[d] >= '0' && t[d] <= '9' {
		d++
	}
	return d == 0 || d == len(t) || t[d] != '.' && t[d] != ')'
}

// headlineLong reports whether t has at least headlineWords words
// separated by white space, or 4×headlineWords runes.
func headlineLong(t string) bool {
	words, runes, in := 0, 0, false
	for i := 0; i < len(t); {
		c := t[i]
		var sp bool
		if c < utf8.RuneSelf {
			sp = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
			i++
		} else {
			r, n := utf8.DecodeRuneInString(t[i:])
			sp = unicode.IsSpace(r)
			i += n
		}
		if runes++; runes >= 4*headlineWords {
			return true
		}
		if !sp && !in {
			if words++; words >= headlineWords {
				return true
			}
		}
		in = !sp
	}
	return false
}

// headlineRuns marks the blocks of text that sit in a run of at least
// headlineRun headline-shaped blocks; nil when there is none.
func headlineRuns(text string, blocks []segment.Block) []bool {
	var runs []bool
	for i := 0; i < len(blocks); {
		j := i
		for j < len(blocks) && headlineShaped(text[blocks[j].Start:blocks[j].End]) {
			j++
		}
		if j-i >= headlineRun {
			if runs == nil {
				runs = make([]bool, len(blocks))
			}
			for k := i; k < j; k++ {
				runs[k] = true
			}
		}
		i = max(j, i+1)
	}
	return runs
}
