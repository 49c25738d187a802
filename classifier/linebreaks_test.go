package classifier

import (
	"context"
	"strings"
	"testing"
)

func TestLineBreaks(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"none", "a\nb\r\nc", "a\nb\r\nc"},
		{"lone carriage returns", "a\rb\r", "a\nb\n"},
		{"line separator", "a\u2028b", "a\n  b"},
		{"paragraph separator", "a\u2029b", "a\n  b"},
		{"next line", "a\u0085b", "a\n b"},
		{"a carriage return last", "a\r", "a\n"},
		{"other three-byte runes", "a\u2027b\u202Ac", "a\u2027b\u202Ac"},
		{"soft breaks in a text of lines", "a\rb\u2028c\u0085d\ne", "a\rb\u2028c\u0085d\ne"},
		{"paragraph separators in a text of lines", "a\u2028b\u2029c\nd", "a\u2028b\n  c\nd"},
		{"carriage return line feed", "a\r\nb\u2029c", "a\r\nb\n  c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := lineBreaks(tc.text)
			if got != tc.want || len(got) != len(tc.text) {
				t.Errorf("lineBreaks(%q) = %q, want %q (as many bytes)", tc.text, got, tc.want)
			}
		})
	}
}

// TestClassifyLineBreaks checks that a text whose lines end with "\r",
// U+2028, U+2029 or U+0085 (and no "\n") gives the blocks of the same
// text with "\n", at offsets into the text as sent, which the result's
// Text is.
func TestClassifyLineBreaks(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{
		"Council approves new bus routes",
		"The council voted on Tuesday to approve a plan that adds new bus routes to the northern districts of the city, and the mayor said the money had been found in last year's budget after a long search.",
		"Share on Facebook",
		"Read more",
	}
	blocks := func(text string) []string {
		t.Helper()
		res, err := c.Classify(context.Background(), Input{Data: []byte(text), Mode: ModeText})
		if err != nil {
			t.Fatal(err)
		}
		if res.Text != text {
			t.Fatalf("Result.Text is not the text sent: %q", res.Text)
		}
		var out []string
		for _, b := range res.Blocks {
			out = append(out, b.Category.String()+": "+res.Text[b.Start:b.End])
		}
		return out
	}
	want := blocks(strings.Join(lines, "\n"))
	if len(want) != len(lines) {
		t.Fatalf("%d blocks from %d lines: %q", len(want), len(lines), want)
	}
	for _, sep := range []string{"\r\n", "\r", "\u2028", "\u2029", "\u0085", "\n\u2029", "\r\n\u2029"} {
		t.Run(strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(sep), func(t *testing.T) {
			got := blocks(strings.Join(lines, sep))
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("blocks %q, want %q", got, want)
			}
		})
	}
}
