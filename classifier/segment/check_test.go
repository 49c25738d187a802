package segment

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/winnowhq/winnow/internal/corpus"
)

// checkDoc verifies the Doc invariants: offsets in bounds, ordered and
// non-overlapping, on UTF-8 boundaries; every block non-empty, trimmed
// and within one line; Line consistent with the text.
func checkDoc(t testing.TB, d *Doc) {
	t.Helper()
	if err := docError(d); err != nil {
		t.Fatal(err)
	}
}

// checkSameSpans fails unless got and want hold blocks with the same
// offsets, in the same order; what names the comparison in the message.
func checkSameSpans(t testing.TB, what string, got, want []Block) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d blocks, want %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i].Start != want[i].Start || got[i].End != want[i].End {
			t.Fatalf("%s: block %d [%d,%d), want [%d,%d)", what, i, got[i].Start, got[i].End, want[i].Start, want[i].End)
		}
	}
}

// docError returns the first broken invariant of d (see checkDoc).
func docError(d *Doc) error {
	if d == nil {
		return errors.New("nil Doc")
	}
	text := d.Text
	prevEnd, prevLine := 0, -1
	for i, b := range d.Blocks {
		if b.Start < prevEnd || b.Start >= b.End || b.End > len(text) {
			return fmt.Errorf("block %d [%d,%d) out of order or bounds (prev end %d, len %d)", i, b.Start, b.End, prevEnd, len(text))
		}
		if !boundary(text, b.Start) || !boundary(text, b.End) {
			return fmt.Errorf("block %d [%d,%d) not on rune boundaries", i, b.Start, b.End)
		}
		s := text[b.Start:b.End]
		r, _ := utf8.DecodeRuneInString(s)
		l, _ := utf8.DecodeLastRuneInString(s)
		if isSpace(r) || isSpace(l) {
			return fmt.Errorf("block %d %q not trimmed", i, clip(s))
		}
		if lines := strings.Count(s, "\n"); lines > 0 && (d.HTML || b.Split != SplitNone ||
			!EndsSentence(s) && (lines < openLines || !sentenceInside(s))) {
			// only a plain-text hard-wrapped paragraph spans lines (unwrap;
			// on a hard-wrapped page it may end without punctuation)
			return fmt.Errorf("block %d %q spans lines", i, clip(s))
		}
		if b.Line < prevLine {
			return fmt.Errorf("block %d line %d < previous %d", i, b.Line, prevLine)
		}
		prevEnd, prevLine = b.End, b.Line
	}
	// No text is lost: everything between blocks is white space.
	pos := 0
	for i, b := range d.Blocks {
		if s, e := trimSpan(text, pos, b.Start); s < e {
			return fmt.Errorf("text %q before block %d is in no block", clip(text[s:e]), i)
		}
		pos = b.End
	}
	if s, e := trimSpan(text, pos, len(text)); s < e {
		return fmt.Errorf("text %q after the last block is in no block", clip(text[s:e]))
	}
	// Line numbers: count newlines up to each start (linear pass).
	line := 0
	pos = 0
	for i, b := range d.Blocks {
		for ; pos < b.Start; pos++ {
			if text[pos] == '\n' {
				line++
			}
		}
		if b.Line != line {
			return fmt.Errorf("block %d: Line %d, text says %d", i, b.Line, line)
		}
	}
	if d.HTML {
		// The rendition is exactly the blocks joined by "\n".
		pos := 0
		for i, b := range d.Blocks {
			if b.Start != pos {
				return fmt.Errorf("HTML block %d starts at %d, want %d", i, b.Start, pos)
			}
			pos = b.End + 1
			if b.Repeat < 1 || b.Depth < 0 || b.LinkBytes < 0 || b.LinkBytes > b.End-b.Start {
				return fmt.Errorf("HTML block %d: bad features %+v", i, b)
			}
		}
		if len(d.Blocks) > 0 && pos-1 != len(text) || len(d.Blocks) == 0 && text != "" {
			return fmt.Errorf("rendition has %d bytes after the last block", len(text)-(pos-1))
		}
	}
	return nil
}

// boundary reports whether i is between two runes of s, counting each
// byte of an invalid sequence as a rune (as range over a string does).
func boundary(s string, i int) bool {
	if i == 0 || i == len(s) || utf8.RuneStart(s[i]) {
		return true
	}
	j := i
	for j > 0 && i-j < utf8.UTFMax && !utf8.RuneStart(s[j]) {
		j--
	}
	_, n := utf8.DecodeRuneInString(s[j:])
	return j+n <= i
}

func clip(s string) string {
	if len(s) > 60 {
		for i := 60; i > 0; i-- {
			if utf8.RuneStart(s[i]) {
				return s[:i] + "…"
			}
		}
	}
	return s
}

// sharedDir returns the shared material beside the repository, or skips
// the test when it is absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	sh, err := corpus.SharedDir()
	if err != nil {
		t.Skip(err)
	}
	return sh
}

// blockTexts segments text with opt, checks the invariants (docError) and
// returns the blocks' texts.
func blockTexts(t *testing.T, text string, opt TextOptions) []string {
	t.Helper()
	d, err := Text(text, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := docError(d); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range d.Blocks {
		out = append(out, d.Text[b.Start:b.End])
	}
	return out
}
