package classifier

import (
	"slices"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestTitleRuns(t *testing.T) {
	body, ad, rel, nav := model.ClassBody, model.ClassAd, model.ClassRelated, model.ClassNavigation
	const title = "Why the river flooded the old town again this spring"
	// blk is a block: its text, its line and whether the splitter cut it
	// from a run-on list of titles.
	type blk struct {
		text  string
		line  int
		cut   bool
		class int
	}
	tt := func(line, class int) blk { return blk{title, line, true, class} }
	for _, tc := range []struct {
		name   string
		blocks []blk
		pad    int // bytes of padding on the titles' line
		only   bool
		want   []int
	}{
		{"the first title after an ad", []blk{{"Cheap flights to Rome", 0, false, ad}, tt(1, ad), tt(1, rel), tt(1, rel), tt(1, rel)}, 0, false, []int{ad, rel, rel, rel, rel}},
		{"the last title before a menu", []blk{tt(0, rel), tt(0, rel), tt(0, nav)}, 0, false, []int{rel, rel, rel}},
		{"no majority", []blk{tt(0, rel), tt(0, ad), tt(0, nav), tt(0, rel)}, 0, false, []int{rel, ad, nav, rel}},
		{"two titles are no list", []blk{tt(0, rel), tt(0, ad)}, 0, false, []int{rel, ad}},
		{"a title kept as content", []blk{tt(0, rel), tt(0, rel), tt(0, body)}, 0, false, []int{rel, rel, body}},
		{"titles of two lines", []blk{tt(0, rel), tt(0, rel), tt(1, ad), tt(1, ad)}, 0, false, []int{rel, rel, ad, ad}},
		{"whole lines are not cut titles", []blk{{title, 0, false, rel}, {title, 0, false, rel}, {title, 0, false, ad}}, 0, false, []int{rel, rel, ad}},
		{"a page glued on one line", []blk{tt(0, rel), tt(0, rel), tt(0, ad)}, segment.LongLine, false, []int{rel, rel, ad}},
		{"a short page glued on its only line", []blk{tt(0, rel), tt(0, rel), tt(0, ad)}, segment.ShortPage, true, []int{rel, rel, ad}},
		{"a long line that is not the only one", []blk{{"Home", 0, false, nav}, tt(1, rel), tt(1, rel), tt(1, ad)}, segment.ShortPage, false, []int{nav, rel, rel, rel}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var text strings.Builder
			blocks := make([]segment.Block, len(tc.blocks))
			classes := make([]int, len(tc.blocks))
			for i, b := range tc.blocks {
				if i > 0 {
					if b.line != tc.blocks[i-1].line {
						text.WriteString("\n")
					} else {
						text.WriteString(" ")
					}
				}
				blocks[i] = segment.Block{Start: text.Len(), End: text.Len() + len(b.text), Line: b.line}
				if b.cut {
					blocks[i].Split = segment.SplitTitle
				}
				text.WriteString(b.text)
				classes[i] = b.class
			}
			if tc.pad > 0 {
				text.WriteString(" " + strings.Repeat("x", tc.pad))
			}
			s := text.String()
			if !tc.only {
				s += "\nThe end."
			}
			titleRuns(s, blocks, classes)
			checkClasses(t, classes, tc.want)
		})
	}
}

// FuzzTitleRuns segments text as plain text (with Reflow, as the
// classifier does) and checks that titleRuns only relabels titles cut
// from a run-on line that the model left boilerplate, to a class another
// title of the same line has.
func FuzzTitleRuns(f *testing.F) {
	f.Add("Home\nWhy the river flooded again? Ten towns that lost their bridges The mayor who stayed behind (+photo) What the rain left\nThe end.")
	f.Add(strings.Repeat("A title of six words here ", 200))
	f.Add("\xff\xfe x\n\n\n y")
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := segment.Text(s, segment.TextOptions{Reflow: true})
		if err != nil {
			return
		}
		classes := make([]int, len(doc.Blocks))
		for i := range classes {
			classes[i] = (i*7 + len(s)) % model.NumClasses
		}
		before := slices.Clone(classes)
		titleRuns(doc.Text, doc.Blocks, classes)
		for i := range classes {
			if classes[i] == before[i] {
				continue
			}
			b := doc.Blocks[i]
			if b.Split != segment.SplitTitle || model.Content(before[i]) || model.Content(classes[i]) || !slices.Contains(before, classes[i]) {
				t.Fatalf("block %d (split %v): class %d -> %d", i, b.Split, before[i], classes[i])
			}
		}
	})
}
