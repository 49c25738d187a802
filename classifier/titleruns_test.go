package classifier

import (
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
