package classifier

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestClassifyMarkdown checks that a page saved as markdown is read as
// the plain text it renders, with offsets into the markdown that hold its
// links whole: read as written, its headline ("# …") was dropped and a
// menu link was kept.
func TestClassifyMarkdown(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	md := `[Skip to content](#main)

[![Daily Courier](https://example.com/logo.png)](https://example.com/)

* [Home](https://example.com/)
* [World](https://example.com/world)
* [Business](https://example.com/business)
* [Sport](https://example.com/sport)

# Council approves new budget for public transport

The city council voted on Tuesday to approve a new budget that increases funding for public transport, parks and libraries. The mayor said the plan would be paid for by a combination of new fees and savings from other departments.

Critics argued that the fees would fall hardest on small businesses, which are still recovering from a difficult year. Several council members said they had received [hundreds of letters](https://example.com/letters) from residents on both sides of the debate.

![The old bridge](https://example.com/img/bridge.jpg)

The budget also includes money for repairs to the old bridge over the river, which has been closed to heavy vehicles since the spring.

## Related stories

* [Mayor unveils plan for new tram line](https://example.com/2026/02/tram-line)
* [Bridge closure hits local shops](https://example.com/2026/01/bridge-shops)

[Share on Facebook](https://facebook.com/share?u=x) [Share on X](https://x.com/intent?u=x)

© 2026 Daily Courier. [Privacy](https://example.com/privacy) · [Terms](https://example.com/terms)
`
	res, err := c.Classify(context.Background(), Input{Data: []byte(md), Mode: ModeText})
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != md {
		t.Fatal("Text is not the input: offsets must refer to the markdown as sent")
	}
	checkResult(t, res)
	checkBlocks(t, res, []wantBlock{
		{"Council approves new budget for public transport", Title},
		// a block that is a link spans the whole link in the input
		{"[Home](https://example.com/)", Navigation},
		{"[Business](https://example.com/business)", Navigation},
		{"[Mayor unveils plan for new tram line](https://example.com/2026/02/tram-line)", CategoryUnspecified},
	})
	if mt := res.MainText(); !strings.Contains(mt, "[hundreds of letters](https://example.com/letters)") || strings.Contains(mt, "Business") {
		t.Errorf("MainText %q: want the article's paragraphs as written, no menu", mt)
	}
}

// wantBlock is a block checkBlocks looks for: its text, and its category
// (CategoryUnspecified: any boilerplate).
type wantBlock struct {
	block string
	want  Category
}

// checkBlocks checks that res holds a block of each text, of its
// category.
func checkBlocks(t *testing.T, res *Result, want []wantBlock) {
	t.Helper()
	got := map[string]Block{}
	for _, b := range res.Blocks {
		got[res.Text[b.Start:b.End]] = b
	}
	for _, tc := range want {
		b, ok := got[tc.block]
		switch {
		case !ok:
			t.Errorf("no block %q", tc.block)
		case tc.want == CategoryUnspecified && b.Label != Boilerplate:
			t.Errorf("%q: %v, want boilerplate", tc.block, b.Category)
		case tc.want != CategoryUnspecified && b.Category != tc.want:
			t.Errorf("%q: %v, want %v", tc.block, b.Category, tc.want)
		}
	}
}

// checkMainText classifies text and checks that its MainText holds each
// of keep and none of drop.
func checkMainText(t *testing.T, text string, keep, drop []string) {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Classify(context.Background(), Input{Data: []byte(text), Mode: ModeText})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, res)
	mt := res.MainText()
	for _, want := range keep {
		if !strings.Contains(mt, want) {
			t.Errorf("MainText lacks %q:\n%s", want, mt)
		}
	}
	for _, not := range drop {
		if strings.Contains(mt, not) {
			t.Errorf("MainText holds %q:\n%s", not, mt)
		}
	}
}

// TestClassifyBlankLines checks that blank lines do not change a text's
// labels: the same page written one block a line, with a blank line
// between all its blocks, and with one before each paragraph only.
func TestClassifyBlankLines(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{
		"Home", "World", "Business", "Sport",
		"Council approves new budget for public transport",
		"By Jane Smith | March 3, 2026",
		"The city council voted on Tuesday to approve a new budget that increases funding for public transport, parks and libraries.",
		"Critics argued that the fees would fall hardest on small businesses, which are still recovering from a difficult year.",
		"Related stories",
		"Mayor unveils plan for new tram line",
		"Bridge closure hits local shops",
		"© 2026 Daily Courier. Privacy · Terms",
	}
	labels := func(text string) string {
		res, err := c.Classify(context.Background(), Input{Data: []byte(text), Mode: ModeText})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, bl := range res.Blocks {
			fmt.Fprintf(&b, "%v/%v %q\n", bl.Label, bl.Category, res.Text[bl.Start:bl.End])
		}
		return b.String()
	}
	want := labels(strings.Join(lines, "\n"))
	var paras strings.Builder
	for i, l := range lines {
		if i > 0 {
			paras.WriteString("\n")
			if len(l) > 80 {
				paras.WriteString("\n")
			}
		}
		paras.WriteString(l)
	}
	for _, tc := range []struct{ name, text string }{
		{"a blank line between all blocks", strings.Join(lines, "\n\n")},
		{"a blank line before each paragraph", paras.String()},
	} {
		if got := labels(tc.text); got != want {
			t.Errorf("%s:\n%s\nwant, as one block a line:\n%s", tc.name, got, want)
		}
	}
}
