package segment

import (
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/winnowhq/winnow/internal/linear"
)

func TestPlainMarkdown(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
		ok               bool
	}{
		{"no link", "# Headline\n* item\nA **bold** word.", "", false},
		{"brackets, no link", "See [1] and (2).", "", false},
		{"a link", "Read [the report](https://example.com/r) today.", "Read the report today.", true},
		{"an image", "![A bridge](https://example.com/b.jpg)\nText.", "\nText.", true},
		{"an image in a link", "[![Logo](https://x.com/l.png)](https://x.com/)\n[Home](/)", "\nHome", true},
		{"heading and list marks", "# [Title](https://x.com/t)\n* [Home](/)\n- [News](/news)\n+ [Sport](/sport)", "Title\nHome\nNews\nSport", true},
		{"indented item", "  * [Home](/)", "  Home", true},
		{"seven hashes are no heading", "####### [x](/)", "####### x", true},
		{"bold", "**[Breaking](/b)**: news", "Breaking: news", true},
		{"parentheses in the address", "[Wiki](https://en.wikipedia.org/wiki/Go_(language)) page", "Wiki page", true},
		{"a quoted title", `[Home](/ "Go home") now`, "Home now", true},
		{"space in the address", "[Home](/ x) now", "", false},
		{"a bracket in the address", "[Home](/[x]) now", "", false},
		{"an address in angle brackets", "![A chart](<data:image/svg+xml,%3Csvg a='1'%3E>) Chart", " Chart", true},
		{"an angle bracket in angle brackets", "[x](<a<b>) y", "", false},
		{"angle brackets unclosed", "[Home](<a b) now", "", false},
		{"links run together, unclosed", "[x]([x]([x](y)", "[x]([x](x", true},
		{"brackets in the text", "[[Draft] plan](/p)", "[Draft] plan", true},
		{"brackets in an image in a link", "[Today * Fires ![Brief [object Object]](/b.png)](/today) x", "Today * Fires  x", true},
		{"brackets four deep", "[a [b [c [d]]]](/x) [y](/y)", "[a [b [c [d]]]](/x) y", true},
		{"unclosed address", "[Home](/home and more", "", false},
		{"two on a line", "[Share](/s) [Tweet](/t)", "Share Tweet", true},
		{"CRLF", "[Home](/)\r\nText\r\n", "Home\r\nText\r\n", true},
		{"UTF-8", "[خانه](/) و [اخبار](/news)", "خانه و اخبار", true},
		{"link text over a line break", "* [Mayor unveils plan\nfor a tram](/t) line\nNext", "Mayor unveils plan\nfor a tram line\nNext", true},
		{"link text over three line breaks", "[a\nb\nc\nd](/x)", "a\nb\nc\nd", true},
		{"link text over four line breaks", "[a\nb\nc\nd\ne](/x) [y](/y)", "a\nb\nc\nd\ne y", true},
		{"a card in a link over eight lines", "* [![Banned Movies You\nShould Watch](/i.png)\nFROM THE WEB upbeat Banned\nMovies * Ad is\nHidden * Why?\n* Inappropriate *\nMisleading *\nDistracting](/ad) x", "\n\nFROM THE WEB upbeat Banned\nMovies * Ad is\nHidden * Why?\n* Inappropriate *\nMisleading *\nDistracting x", true},
		{"link text past the bound", "[" + strings.Repeat("word\n", maxLinkText/5+1) + "](/x) [y](/y)", "[" + strings.Repeat("word\n", maxLinkText/5+1) + "](/x) y", true},
		{"link text over a blank line", "[a\n\nb](/x) [y](/y)", "[a\n\nb](/x) y", true},
		{"address over a line break", "[a](/x\ny) [y](/y)", "[a](/x\ny) y", true},
		{"image text over a line break", "![a\nb](/i.png) x", "\n x", true},
		// a responsive image whose address is its srcset, joined (3 KB),
		// and an inline image as a data URL (48 KB)
		{"long address", "![](" + strings.Repeat("https://cdn.example.com/thumbor/0x0:2166x1542/420x280/p.jpeg%20420w,%20", 40) + "x.jpeg)\nText.", "\nText.", true},
		{"data URL", "![](data:image/png;base64," + strings.Repeat("iVBORw0KGgo", 4400) + ")\nText.", "\nText.", true},
		{"setext heading", "Title\n=====\n\n[Home](/)", "Title\n\n\nHome", true},
		{"setext subheading", "Sub\n---\nText [a](/)", "Sub\n\nText a", true},
		{"thematic breaks", "* * *\n***\n___ \n[a](/)", "\n\n\na", true},
		{"two marks are no break", "**\n[a](/)", "\na", true},
		{"a list item that is no break", "- -5 degrees [a](/)", "-5 degrees a", true},
		{"turndown's list item", "*   [Home](/)", "  Home", true},
		{"escapes", `Leser\*innen \[1\] [a \[b\]](/x) 1\. 2`, "Leser*innen [1] a [b] 1. 2", true},
		{"an escaped bracket starts no link", `\[a](/x) [b](/y)`, "[a](/x) b", true},
		{"an escaped backslash", `a\\[b](/y)`, `a\b`, true},
		{"a backslash before a letter stays", `C:\Users [a](/)`, `C:\Users a`, true},
		{"address over the bound", "[a](/" + strings.Repeat("x", maxMarkdownURL) + ") [y](/y)", "[a](/" + strings.Repeat("x", maxMarkdownURL) + ") y", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plain, pos, ok := PlainMarkdown(tc.text)
			if ok != tc.ok || plain != tc.want {
				t.Fatalf("PlainMarkdown(%q) = %q, %v; want %q, %v", tc.text, plain, ok, tc.want, tc.ok)
			}
			if ok {
				checkPositions(t, tc.text, plain, pos)
			}
		})
	}
}

// checkPositions checks that pos maps every byte of plain to the same
// byte of text, in order, and len(plain) to len(text).
func checkPositions(t *testing.T, text, plain string, pos *MarkdownOffsets) {
	t.Helper()
	if got := pos.Input(len(plain)); got != len(text) {
		t.Fatalf("offset of plain's end %d, want %d", got, len(text))
	}
	last := -1
	for i := range len(plain) {
		o := pos.Input(i)
		if o <= last || o >= len(text) {
			t.Fatalf("position %d (%d) not after %d or past the text (%d bytes)", i, o, last, len(text))
		}
		if text[o] != plain[i] {
			t.Fatalf("byte %d of plain %q is byte %d of text %q", i, plain[i], o, text[o])
		}
		last = o
	}
}

// FuzzPlainMarkdown checks that PlainMarkdown never panics, that every
// byte it keeps comes from the input in order, that it keeps every line
// break, that it keeps valid UTF-8 valid, that its link spans are in
// order and give no block more link bytes than it has, and that the
// blocks' input spans (Span) are in order and apart.
func FuzzPlainMarkdown(f *testing.F) {
	for _, s := range []string{
		"[a](b)", "![a](b)", "[![a](b)](c)", "# [a](b)\n* [c](d)", "**[a](b)**", "[a](b(c)d)",
		`[a](b "t")`, "[[a]](b)", "[a](b", "[a](", "](", "[](", "\n\n[a](b)\n", "[a](b)\xff\xfe",
		"a\n===\n[b](c)", "* * *\n[a](b)", `\[a\](b) [c \] d](e)`, "[a\\](b)\\",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		plain, pos, ok := PlainMarkdown(text)
		checkPlain(t, text, plain, pos, ok)
	})
}

// checkPlain checks what PlainMarkdown or PlainLinks made of text: when
// not ok, nothing; otherwise every byte of plain comes from text, in
// order, every line break and valid UTF-8 are kept, the link spans are in
// order and not empty and give no block more link bytes than it has, and
// the blocks' input spans (Span) are in order and apart and hold their
// bytes, and Source holds them too.
func checkPlain(t *testing.T, text, plain string, pos *MarkdownOffsets, ok bool) {
	t.Helper()
	if !ok {
		if plain != "" || pos != nil {
			t.Fatalf("not ok, but %q and %v", plain, pos)
		}
		return
	}
	checkPositions(t, text, plain, pos)
	if strings.Count(plain, "\n") != strings.Count(text, "\n") {
		t.Fatalf("%d line breaks, want %d", strings.Count(plain, "\n"), strings.Count(text, "\n"))
	}
	if utf8.ValidString(text) && !utf8.ValidString(plain) {
		t.Fatalf("plain %q of valid %q is not valid UTF-8", plain, text)
	}
	for k := 1; k < len(pos.links); k++ {
		if pos.links[k][0] < pos.links[k-1][1] || pos.links[k][0] >= pos.links[k][1] {
			t.Fatalf("link spans %v overlap or are empty", pos.links)
		}
	}
	// reflow measuring the lines as written (TextOptions.Markdown)
	if r, err := Text(plain, TextOptions{Reflow: true, Markdown: pos}); err != nil {
		t.Fatal(err)
	} else if err := docError(r); err != nil {
		t.Fatal(err)
	}
	d, err := Text(plain, TextOptions{NoSplit: true})
	if err != nil {
		t.Fatal(err)
	}
	pos.SetLinks(d.Blocks)
	prev := 0
	for _, b := range d.Blocks {
		if b.LinkBytes < 0 || b.LinkBytes > b.End-b.Start {
			t.Fatalf("block %q: %d link bytes", plain[b.Start:b.End], b.LinkBytes)
		}
		// input spans: in order, apart, holding the block's bytes
		s, e := pos.Span(b.Start, b.End)
		if s < prev || e < s || e > len(text) || s > pos.Input(b.Start) || e < pos.Input(b.End-1)+1 {
			t.Fatalf("block %q: input span [%d,%d) after %d in %d bytes", plain[b.Start:b.End], s, e, prev, len(text))
		}
		prev = e
		// Source: the block's input bytes and its links' marks
		if src := pos.Source(b.Start, b.End); len(src) < len(text[pos.Input(b.Start):pos.Input(b.End-1)+1]) || len(src) > e-s+len(text) {
			t.Fatalf("block %q: source %q", plain[b.Start:b.End], src)
		}
	}
}

func TestMarkdownLinks(t *testing.T) {
	md := "* [Home](/)\nRead [the report](/r) today.\n[[Draft] plan](/p)\n[a [b](/b) c](/a)\nNo link here.\n![img](/i.png) [x](/x)"
	plain, pos, ok := PlainMarkdown(md)
	if !ok {
		t.Fatal("no markdown")
	}
	checkLinkBlocks(t, md, plain, pos, []linkBlock{
		{"Home", "[Home](/)", 4, 1},
		{"Read the report today.", "Read [the report](/r) today.", 10, 1},
		{"[Draft] plan", "[[Draft] plan](/p)", 12, 1},
		{"a b c", "[a [b](/b) c](/a)", 5, 1}, // the nested link is inside the outer one's span
		{"No link here.", "No link here.", 0, 0},
		{"x", "[x](/x)", 1, 1},
	})
	// Source: a line as written, its links' marks and addresses whole
	at := strings.Index(plain, "Read")
	if got := pos.Source(at, at+len("Read the report today.")); got != "Read [the report](/r) today." {
		t.Errorf("Source of a line: %q", got)
	}
	// a block that holds only part of a link's text keeps to its part
	if s, e := pos.Span(strings.Index(plain, "the report"), strings.Index(plain, "report")); md[s:e] != "the " {
		t.Errorf("part of a link's text: input span %q", md[s:e])
	}
}

// linkBlock is a block checkLinkBlocks wants: its text in plain text,
// its input span (Span: links whole), and its link bytes and links.
type linkBlock struct {
	text, input  string
	bytes, links int
}

// checkLinkBlocks segments plain (PlainMarkdown's or PlainLinks' text of
// input, pos its offsets) a block a line, sets the blocks' links
// (SetLinks), and checks the blocks against want, in order.
func checkLinkBlocks(t *testing.T, input, plain string, pos *MarkdownOffsets, want []linkBlock) {
	t.Helper()
	d, err := Text(plain, TextOptions{NoSplit: true})
	if err != nil {
		t.Fatal(err)
	}
	pos.SetLinks(d.Blocks)
	for i, w := range want {
		if i >= len(d.Blocks) {
			t.Fatalf("%d blocks, want %d", len(d.Blocks), i+1)
		}
		b := d.Blocks[i]
		if got := plain[b.Start:b.End]; got != w.text || b.LinkBytes != w.bytes || b.Links != w.links {
			t.Errorf("block %d %q: %d link bytes in %d links, want %q: %d in %d", i, got, b.LinkBytes, b.Links, w.text, w.bytes, w.links)
		}
		if s, e := pos.Span(b.Start, b.End); input[s:e] != w.input {
			t.Errorf("block %d %q: input span %q, want %q", i, w.text, input[s:e], w.input)
		}
	}
}

// TestPlainMarkdownLinear checks that PlainMarkdown's work grows with the
// text's length, not its square, on the shapes that make a link scanner
// rescan a line: links that never close, nested brackets, titles that
// never close, on one long line. It compares the CPU time of a text and
// of one 8 times longer (linear: about 8 times; the quadratic title scan
// it guards against took 64 times, and eight minutes on 14 MB), the
// fastest of three runs each, and fails beyond 24 times.
func TestPlainMarkdownLinear(t *testing.T) {
	checkLinear(t, func(s string) { PlainMarkdown(s) },
		linearCase{"unclosed titles", `[a](x "`},
		linearCase{"unclosed addresses", "[a](xxxxxxxxxxxxxxxxxxxx"},
		linearCase{"nested", "[[a](xxxxxxxxxxxxxxxxxxxxxxxxxx"},
		linearCase{"images", "![](yyyyyyyyyyyyyyyyyyyyyyyy"},
		linearCase{"escaped brackets in open links", "[a](x) [" + strings.Repeat(`\]`, 40)},
		linearCase{"rules", "=====\n- - -\n"},
	)
}

// linearCase is a text shape checkLinear repeats: unit over and over.
type linearCase struct{ name, unit string }

// checkLinear compares f's CPU time on each case's unit repeated to 256
// KiB and to 2 MiB, the fastest of three runs each, and fails when 8
// times the text takes more than 24 times the CPU (linear: about 8) in
// each of linear.Within's tries.
func checkLinear(t *testing.T, f func(string), cases ...linearCase) {
	t.Helper()
	if testing.Short() {
		t.Skip("measures CPU time of multi-MB inputs")
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cost := func(n int) time.Duration {
				s := strings.Repeat(tc.unit, n/len(tc.unit))
				best := time.Duration(math.MaxInt64)
				for range 3 {
					c := cpuNow()
					f(s)
					best = min(best, cpuNow()-c)
				}
				return max(best, time.Microsecond)
			}
			if r, small, large, ok := linear.Within(cost, 256<<10, 2<<20, 24, 0); !ok {
				t.Errorf("8 times the text took %.0f times the CPU (%v, %v), %d times", r, small, large, 1+linear.Retries)
			}
		})
	}
}
