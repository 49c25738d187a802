package classifier

import (
	"context"
	"strings"
	"testing"
)

// lynxPage is a news page as lynx -dump writes it: numbered links, the
// article's paragraphs indented and hard-wrapped, and the links'
// addresses listed after the text.
const lynxPage = `   [1]Skip to content

   [2]Daily Courier

     * [3]Home
     * [4]World
     * [5]Business
     * [6]Sport

Council approves new budget for public transport

   The city council voted on Tuesday to approve a new budget that
   increases funding for public transport, parks and libraries. The mayor
   said the plan would be paid for by a combination of new fees and
   savings from other departments.

   Critics argued that the fees would fall hardest on small businesses,
   which are still recovering from a difficult year. Several council
   members said they had received [7]hundreds of letters from residents on
   both sides of the debate.

   The budget also includes money for repairs to the old bridge over the
   river, which has been closed to heavy vehicles since the spring.

Related stories

     * [8]Mayor unveils plan for new tram line
     * [9]Bridge closure hits local shops

   [10]Share on Facebook [11]Share on X

   (c) 2026 Daily Courier. [12]Privacy - [13]Terms

References

   1. https://example.com/2026/03/budget#main
   2. https://example.com/
   3. https://example.com/
   4. https://example.com/world
   5. https://example.com/business
   6. https://example.com/sport
   7. https://example.com/letters
   8. https://example.com/2026/02/tram-line
   9. https://example.com/2026/01/bridge-shops
  10. https://facebook.com/share?u=https://example.com/2026/03/budget
  11. https://x.com/intent?u=https://example.com/2026/03/budget
  12. https://example.com/privacy
  13. https://example.com/terms
`

// TestClassifyLynxDump checks that a text browser's dump is read without
// its link numbers and its list of addresses: the list's lines are
// navigation, and the article's text is kept with offsets into the dump
// as sent (a block that is a link holds its number), and MainText holds
// each paragraph on one line.
func TestClassifyLynxDump(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Classify(context.Background(), Input{Data: []byte(lynxPage), Mode: ModeText})
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != lynxPage {
		t.Fatal("Text is not the input: offsets must refer to the dump as sent")
	}
	checkResult(t, res)
	refs := strings.Index(lynxPage, "References")
	list := 0
	for _, b := range res.Blocks {
		if b.Start >= refs {
			list++
			if b.Category != Navigation || b.ContentProb != 0 || b.Score != 1 {
				t.Errorf("list line %q: %v, %v, content probability %v; want navigation, boilerplate, 0", res.Text[b.Start:b.End], b.Category, b.Label, b.ContentProb)
			}
		}
	}
	if list != 14 {
		t.Errorf("%d blocks in the link list, want its 14 lines", list)
	}
	checkBlocks(t, res, []wantBlock{
		{"Council approves new budget for public transport", Title},
		{"* [3]Home", Navigation},
		{"* [8]Mayor unveils plan for new tram line", CategoryUnspecified},
		{"References", Navigation},
		{"7. https://example.com/letters", Navigation},
	})
	mt := res.MainText()
	for _, want := range []string{"increases funding for public transport", "[7]hundreds of letters", "closed to heavy vehicles"} {
		if !strings.Contains(mt, want) {
			t.Errorf("MainText lacks %q:\n%s", want, mt)
		}
	}
	if strings.Contains(mt, "https://") || strings.Contains(mt, "Business") {
		t.Errorf("MainText holds the menu or the addresses:\n%s", mt)
	}
	// each paragraph on one line, without the dump's indents
	first := "The city council voted on Tuesday to approve a new budget that increases funding for public transport, parks and libraries. The mayor said the plan would be paid for by a combination of new fees and savings from other departments.\n"
	if !strings.Contains(mt, first) || strings.Contains(mt, "\n ") || strings.Contains(mt, " \n") {
		t.Errorf("MainText does not hold each paragraph on one line:\n%s", mt)
	}
}
