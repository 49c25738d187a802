package classifier

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Sentences of the text-rule tests: a paragraph, and a line as long that
// ends no sentence.
const (
	testPara = "The council will hold a further meeting next month to discuss how the new fees will be collected."
	testOpen = "Residents who want to comment can do so at the meeting or in writing before the end of"
	testHead = "Council approves the new budget for transport"
)

// testBlock is a block of a text-rule test: its text, line and class.
type testBlock struct {
	text  string
	line  int
	class int
}

// layBlocks writes bs one after the other, each followed by a newline,
// and returns the text, its blocks (on the lines bs give) and classes.
func layBlocks(bs []testBlock) (string, []segment.Block, []int) {
	var text strings.Builder
	blocks := make([]segment.Block, len(bs))
	classes := make([]int, len(bs))
	for i, b := range bs {
		blocks[i] = segment.Block{Start: text.Len(), End: text.Len() + len(b.text), Line: b.line}
		text.WriteString(b.text + "\n")
		classes[i] = b.class
	}
	return text.String(), blocks, classes
}

// checkClasses reports classes that differ from want.
func checkClasses(t *testing.T, classes, want []int) {
	t.Helper()
	if !slices.Equal(classes, want) {
		t.Errorf("classes %v, want %v", classes, want)
	}
}

func TestProseTail(t *testing.T) {
	const short = "Share this article."
	para, open := testPara, testOpen
	body, legal, nav, rel := model.ClassBody, model.ClassLegal, model.ClassNavigation, model.ClassRelated
	meta, com, ad := model.ClassMetadata, model.ClassComments, model.ClassAd
	type blk = testBlock
	// long: a clean text with n related lines, then a paragraph, after its
	// first paragraph
	long := func(n int) ([]blk, []int) {
		bs, want := []blk{{para, 0, body}}, []int{body}
		for i := range n {
			bs, want = append(bs, blk{"Signs of stress", i + 1, rel}), append(want, rel)
		}
		return append(bs, blk{para, n + 1, legal}), append(want, legal)
	}
	tooLong, tooLongWant := long(maxCleanTail)
	for _, tc := range []struct {
		name   string
		blocks []blk
		want   []int
	}{
		{"a clean text's tail too long", tooLong, tooLongWant},
		{"last paragraph", []blk{{para, 0, body}, {para, 1, legal}}, []int{body, body}},
		{"two last paragraphs", []blk{{para, 0, body}, {para, 1, legal}, {para, 2, nav}}, []int{body, body, body}},
		{"three last paragraphs after boilerplate", []blk{{short, 0, nav}, {para, 1, body}, {para, 2, legal}, {para, 3, legal}, {para, 4, legal}}, []int{nav, body, legal, legal, legal}},
		{"three last paragraphs of a clean text", []blk{{para, 0, body}, {para, 1, legal}, {para, 2, legal}, {para, 3, legal}}, []int{body, body, body, body}},
		{"a clean text's subheading and list", []blk{{para, 0, body}, {"Signs of stress", 1, rel}, {"Losing a job", 2, rel}, {"Moving house", 3, nav}, {para, 4, legal}}, []int{body, body, body, body, body}},
		{"a clean text ending with a short line", []blk{{para, 0, body}, {para, 1, legal}, {para, 2, legal}, {"Signs of stress", 3, rel}}, []int{body, legal, legal, rel}},
		{"a clean text's tail with a metadata line", []blk{{para, 0, body}, {"Tags: stress", 1, meta}, {para, 2, legal}, {para, 3, legal}}, []int{body, meta, legal, legal}},
		{"a clean text's tail with a comment", []blk{{para, 0, body}, {"Anna", 1, com}, {para, 2, com}, {para, 3, legal}}, []int{body, com, com, legal}},
		{"a clean text's tail with an ad", []blk{{para, 0, body}, {"Cheap flights to Istanbul", 1, ad}, {para, 2, legal}, {para, 3, legal}}, []int{body, ad, legal, legal}},
		{"a short line after", []blk{{para, 0, body}, {para, 1, legal}, {short, 2, legal}}, []int{body, legal, legal}},
		{"no sentence end", []blk{{para, 0, body}, {open, 1, legal}}, []int{body, legal}},
		{"already content", []blk{{para, 0, body}, {para, 1, body}}, []int{body, body}},
		{"no content", []blk{{para, 0, legal}, {para, 1, legal}}, []int{legal, legal}},
		{"a paragraph's sentences on one line", []blk{{para, 0, body}, {para, 0, body}, {para, 0, legal}}, []int{body, body, body}},
		{"a glued page's pieces", []blk{{short, 0, nav}, {para, 0, body}, {para, 0, legal}}, []int{nav, body, legal}},
		{"own line after boilerplate", []blk{{short, 0, nav}, {para, 1, body}, {para, 2, legal}}, []int{nav, body, body}},
		{"a closing sentence of a clean text", []blk{{para, 0, body}, {"The vote was close.", 1, legal}}, []int{body, body}},
		{"a closing sentence after boilerplate", []blk{{short, 0, nav}, {para, 1, body}, {"The vote was close.", 2, legal}}, []int{nav, body, legal}},
		{"three words", []blk{{para, 0, body}, {"Share this article.", 1, legal}}, []int{body, legal}},
		{"no full stop", []blk{{para, 0, body}, {"Read more about the vote", 1, legal}}, []int{body, legal}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks, classes := layBlocks(tc.blocks)
			proseTail(text, blocks, classes)
			checkClasses(t, classes, tc.want)
		})
	}
}

// TestClassifyParagraphAlone checks that an article's paragraph sent
// alone as text is kept whole: before, its last sentences were called
// legal (the long last block of a page), and a paragraph of 1.8 KB was
// one block called legal.
func TestClassifyParagraphAlone(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	p := "The city council voted on Tuesday to approve a new budget that increases funding for public transport, parks and libraries. The mayor said the plan would be paid for by a combination of new fees and savings from other departments. Critics argued that the fees would fall hardest on small businesses, which are still recovering from a difficult year. Several council members said they had received hundreds of letters from residents on both sides of the debate. The budget also includes money for repairs to the old bridge over the river, which has been closed to heavy vehicles since the spring. Engineers have warned that without repairs the bridge could be closed entirely within two years. The council will hold a further meeting next month to discuss how the new fees will be collected. Residents who want to comment can do so at the meeting or in writing before the end of the month."
	for _, tc := range []struct {
		name string
		text string
	}{
		{"one paragraph", p},
		{"the paragraph twice, on one line", p + " " + p},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Classify(context.Background(), Input{Data: []byte(tc.text), Mode: ModeText})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.MainText(); len(strings.Fields(got)) != len(strings.Fields(tc.text)) {
				t.Errorf("kept %d of %d words: %q", len(strings.Fields(got)), len(strings.Fields(tc.text)), got)
			}
		})
	}
}
