package segment

import (
	"strings"
	"testing"
)

// lynxDump is the end of a page as lynx -dump writes it: numbered links in
// the text, their addresses listed after it, a form field's number (3)
// skipped, and a mailto: address decoded over three lines.
const lynxDump = `   [1]Home [2]News

Council approves the budget

   The council approved the budget on Monday after a [4]long debate over
   the new tram line.

   [5]Share

References

   Visible links:
   1. https://example.com/
   2. https://example.com/news
   4. https://example.com/2024/05/debate
   5. mailto:?subject=Council approves&body=Read this
The council approved the budget
https://example.com/2024/05/budget
   Hidden links:
   6. file://localhost/tmp/lynxXXXX/L1.html
`

func TestLinkList(t *testing.T) {
	at := strings.Index(lynxDump, "References")
	for _, tc := range []struct {
		name, text string
		start      int // -1: none (len(text))
		lines      int
	}{
		{"lynx", lynxDump, at, 10},
		{"lynx, no trailing line break", strings.TrimSuffix(lynxDump, "\n"), at, 10},
		{"elinks", "Text.\n\nReferences\n\n   Visible links\n   1. https://a.org/\n   2. https://a.org/b\n", 7, 4},
		{"the list alone", "References\n\n   1. https://a.org/\n", 0, 2},
		{"CRLF", "Text.\r\nReferences\r\n   1. https://a.org/\r\n", 7, 2},
		{"the last References line starts it", "References\n1. https://a.org/\nText.\nReferences\n   1. https://b.org/\n", 35, 2},
		{"no References line", "Text.\n   1. https://a.org/\n   2. https://a.org/b\n   3. https://a.org/c\n", -1, 0},
		{"References without items", "Text.\nReferences\n\n", -1, 0},
		{"an article's sources", "Text.\nReferences\n1. Smith, J. (2020). A study. https://doi.org/x\n", -1, 0},
		{"numbers not from 1", "Text.\nReferences\n   2. https://a.org/\n   3. https://a.org/b\n", -1, 0},
		{"numbers going down", "Text.\nReferences\n   1. https://a.org/\n   3. https://a.org/b\n   2. https://a.org/c\n", -1, 0},
		{"text after the list", "References\n   1. https://a.org/\n" + strings.Repeat("More text.\n", maxLinkTail+1), -1, 0},
		{"an address over lines at the end", "References\n   1. mailto:?body=a\nb\nc\n", 0, 4},
		{"a heading after an address's lines", "References\n   1. mailto:?body=a\nb\n   Hidden links:\n   2. https://a.org/\n", 0, 5},
		{"no scheme", "References\n   1. example.com/a\n", -1, 0},
		{"a number with nothing after it", "References\n   1.\n", -1, 0},
		{"empty", "", -1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start, lines := LinkList(tc.text)
			want := tc.start
			if want < 0 {
				want = len(tc.text)
			}
			if start != want || lines != tc.lines {
				t.Errorf("LinkList = %d, %d lines, want %d, %d", start, lines, want, tc.lines)
			}
		})
	}
}

func TestPlainLinks(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
		ok               bool
	}{
		{"no number", "Text [a] and [1] here.", "", false},
		{"a link", "   [1]Home [2]News", "   Home News", true},
		{"an image in a link", "[9][logo.png] Text", "Text", true},
		{"an image in a link, then its headline", "[236][Merz defends his words] Merz defends his words", "Merz defends his words", true},
		{"an image's brackets unclosed", "[9][logo Text", "[logo Text", true},
		{"an image's brackets closed on the next line", "[9][logo\nText]", "[logo\nText]", true},
		{"a footnote's mark stays", "A claim.[12] Another[3]", "A claim.[12] Another[3]", false},
		{"six digits are no number", "[123456]x", "", false},
		{"UTF-8", "[1]خانه [2]اخبار", "خانه اخبار", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plain, pos, ok := PlainLinks(tc.text)
			if ok != tc.ok || ok && plain != tc.want {
				t.Fatalf("PlainLinks = %q, %v, want %q, %v", plain, ok, tc.want, tc.ok)
			}
			if ok {
				checkPositions(t, tc.text, plain, pos)
			}
		})
	}
}

func TestPlainLinksSpans(t *testing.T) {
	text := lynxDump[:strings.Index(lynxDump, "References")]
	plain, pos, ok := PlainLinks(text)
	if !ok {
		t.Fatal("no link numbers")
	}
	checkLinkBlocks(t, text, plain, pos, []linkBlock{
		{"Home News", "[1]Home [2]News", 9, 2},
		{"Council approves the budget", "Council approves the budget", 0, 0},
		// a link inside a line is taken to run to the line's end
		{"The council approved the budget on Monday after a long debate over", "The council approved the budget on Monday after a [4]long debate over", 16, 1},
		{"the new tram line.", "the new tram line.", 0, 0},
		{"Share", "[5]Share", 5, 1},
	})
}

// FuzzLinkList checks that LinkList and PlainLinks never panic, that a
// list starts at a line's start and holds that many lines that are not
// blank, and what PlainLinks makes of the text (checkPlain).
func FuzzLinkList(f *testing.F) {
	for _, s := range []string{
		lynxDump, "References\n1. a:b\n", "[1]x\nReferences\n 1. a:b\nc\n", "[1][2]x[3]", "[99999]x", "[1]\n",
		"References\r\n1. a:b\r\n", "x\nReferences", "[1]\xff\xfe", "[1][a] b", "[1][a", "[1][\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		start, lines := LinkList(text)
		if start < 0 || start > len(text) || (start == len(text)) != (lines == 0) {
			t.Fatalf("LinkList = %d, %d in %d bytes", start, lines, len(text))
		}
		if lines > 0 {
			if start > 0 && text[start-1] != '\n' {
				t.Fatalf("list at %d starts inside a line", start)
			}
			n := 0
			for l := range strings.Lines(text[start:]) {
				if strings.TrimSpace(l) != "" {
					n++
				}
			}
			if n != lines {
				t.Fatalf("%d lines, %d not blank", lines, n)
			}
		}
		plain, pos, ok := PlainLinks(text)
		checkPlain(t, text, plain, pos, ok)
	})
}

// TestLinkListLinear checks that LinkList and PlainLinks read a text in
// time linear in its length on the shapes that would make them rescan
// it: "References" many times on one line, link numbers back to back, and
// a list of many items. It compares the CPU time of a text and of one 8
// times longer (linear: about 8 times; lastLine rescanned a line of
// "References" from its start for each one before it read each line once),
// the fastest of three runs each, and fails beyond 24 times.
func TestLinkListLinear(t *testing.T) {
	checkLinear(t, func(s string) { LinkList(s); PlainLinks(s) },
		linearCase{"References on one line", "References "},
		linearCase{"References on lines of their own, then text", "References\nx\n"},
		linearCase{"link numbers", "[1]x"},
		linearCase{"a list", "References\n   1. https://a.org/\n"},
	)
}
