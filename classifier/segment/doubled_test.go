package segment

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// doubledAll cuts text as appendSentences does: at every doubledNext,
// the first word excepted.
func doubledAll(text string) []int {
	var starts []int
	for pos, skip := 0, true; ; skip = false {
		at, resume, ok := doubledNext(text, pos, len(text), skip)
		if !ok {
			return starts
		}
		starts = append(starts, at)
		pos = resume
	}
}

func TestDoubledNext(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // the text from each start on, up to the next start
	}{
		{"card after a cut summary", "خلاصه خبر قبلی تمام شد … داروهایی که اثر جادویی دارند داروهایی که اثر جادویی دارند آیا می دانستید", []string{"داروهایی که اثر جادویی دارند داروهایی که اثر جادویی دارند آیا می دانستید"}},
		{"two cards", "x y z a b c a b c d e f g h f g h i", []string{"a b c a b c d e ", "f g h f g h i"}},
		{"at the first word", "a b c a b c d", nil},
		{"two words only", "x a b a b y", nil},
		{"a sentence twice", "x one two end. one two end. y", nil},
		{"not in a row", "x a b c y a b c z", nil},
		{"same word repeated", "x a a a a a a a a", nil},
		{"a few words repeated", "x a b a b a b a b a b", nil},
		{"first word again inside the phrase", "x a b a c a b a c y", nil},
		{"other white space", "x\u00a0a b\tc a b c", []string{"a b\tc a b c"}},
		{"longest phrase", "x " + strings.Repeat("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 w21 w22 w23 w24 ", 2), []string{strings.Repeat("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 w21 w22 w23 w24 ", 2)}},
		{"too long a phrase", "x " + strings.Repeat("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 w21 w22 w23 w24 w25 ", 2), nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			starts := doubledAll(tt.text)
			var got []string
			for i, s := range starts {
				e := len(tt.text)
				if i+1 < len(starts) {
					e = starts[i+1]
				}
				got = append(got, tt.text[s:e])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("doubledNext(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// fields is text's words as doubledNext reads them.
func fields(text string) []span {
	var ws []span
	for pos := 0; ; {
		s, e := nextField(text, pos, len(text))
		if s == e {
			return ws
		}
		ws = append(ws, span{s, e})
		pos = e
	}
}

// FuzzDoubledNext checks that every start doubledNext gives is a word,
// after the first and after the phrase before, where a phrase of
// minDoubled to maxDoubled words is written twice in a row, and that the
// words are strings.Fields' when the text is ASCII.
func FuzzDoubledNext(f *testing.F) {
	for _, s := range []string{"", "x a b c a b c", "x a a a a a a a a a", "a b. a b. c", "x عنوان خبر اول عنوان خبر اول خلاصه", "x\u00a0a b\u2028c a b c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ws := fields(text)
		if isASCII(text) {
			var got []string
			for _, w := range ws {
				got = append(got, text[w.start:w.end])
			}
			if want := strings.Fields(text); !slices.Equal(got, want) && len(want)+len(got) > 0 {
				t.Fatalf("words of %q: %q, strings.Fields: %q", text, got, want)
			}
		}
		w := func(i int) string { return text[ws[i].start:ws[i].end] }
		prev := 1
		for _, s := range doubledAll(text) {
			i := slices.IndexFunc(ws, func(x span) bool { return x.start == s })
			if i < prev {
				t.Fatalf("start %d of %q is no word at or after word %d", s, text, prev)
			}
			k := minDoubled
			for ; k <= maxDoubled && i+2*k <= len(ws); k++ {
				same := true
				for j := range k {
					same = same && w(i+j) == w(i+k+j) && (j == 0 || w(i+j) != w(i))
				}
				if last := w(i + k - 1); same && !strings.HasSuffix(last, ".") && !strings.HasSuffix(last, "。") {
					break
				}
			}
			if k > maxDoubled || i+2*k > len(ws) {
				t.Fatalf("no doubled phrase at %d of %q", s, text)
			}
			prev = i + 2*k
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// TestGluedDoubledCard: on a page glued onto one line, a teaser card
// whose title is written twice starts a block (the splitter may cut the
// card further), even with no sentence end before it: the summary before
// it was cut short inside a letter, as the held-out pages' damage does.
func TestGluedDoubledCard(t *testing.T) {
	body := "این متن بلند یک مقاله است که در یک خط نوشته شده و باید یک بلوک بماند. "
	text := strings.Repeat(body, LongLine/len(body)+1)
	card := "عوارض استرس مزمن بر بدن و راه درمان آن عوارض استرس مزمن بر بدن و راه درمان آن استرس مزمن می تواند علائم گوناگونی داشته باشد"
	text += "آیا می دانستید برخی داروها را می توان به عنوان مکمل غذایی مورد استفاده قرار داد\xd8 " + card
	doc, err := Text(text, TextOptions{Reflow: true, LongSplitter: DefaultLongSplitter()})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range doc.Blocks {
		if strings.HasPrefix(doc.Text[b.Start:b.End], "عوارض استرس مزمن") {
			return
		}
	}
	var tail []string
	for _, b := range doc.Blocks[max(0, len(doc.Blocks)-3):] {
		tail = append(tail, doc.Text[b.Start:b.End])
	}
	t.Errorf("no block starts with the doubled title; the last blocks: %q", tail)
}

// TestGluedRefrain: text that repeats itself on one line ("a b c a b c d
// …") is no run of cards, and its doubled phrases cut it at most once
// every minDoubledPiece bytes, under the classifier's block limit.
func TestGluedRefrain(t *testing.T) {
	text := strings.Repeat("a b c a b c d ", 8<<10)
	doc, err := Text(text, TextOptions{Reflow: true, LongSplitter: DefaultLongSplitter()})
	if err != nil {
		t.Fatal(err)
	}
	if max := len(text)/minDoubledPiece + 1; len(doc.Blocks) > max {
		t.Errorf("%d blocks for %d bytes, want at most %d", len(doc.Blocks), len(text), max)
	}
}

// TestSpaceLead checks that every white space rune (isSpace) beyond ASCII
// starts with a byte of spaceLead.
func TestSpaceLead(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if isSpace(r) && !spaceLead[utf8.AppendRune(nil, r)[0]] {
			t.Errorf("U+%04X is white space, but its first byte %#x is not in spaceLead", r, utf8.AppendRune(nil, r)[0])
		}
	}
}

// TestNextField compares nextField with a rune-by-rune reading on text
// holding every white space rune and invalid bytes.
func TestNextField(t *testing.T) {
	var b strings.Builder
	for r := rune(0); r <= 0x3000; r++ {
		if isSpace(r) {
			b.WriteString("کلمه")
			b.WriteRune(r)
			b.WriteString("\xe2\x80x\xd8 ")
		}
	}
	text := b.String()
	ref := func(i int) (int, int) {
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !isSpace(r) {
				break
			}
			i += n
		}
		s := i
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if isSpace(r) {
				break
			}
			i += n
		}
		return s, i
	}
	for pos := 0; pos < len(text); {
		s, e := nextField(text, pos, len(text))
		rs, re := ref(pos)
		if s != rs || e != re {
			t.Fatalf("nextField at %d = %d, %d; rune by rune %d, %d", pos, s, e, rs, re)
		}
		if s == e {
			break
		}
		pos = e
	}
}
