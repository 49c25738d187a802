package classifier

import (
	"strings"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// minTitleRun is the fewest titles cut from one run-on line that
// titleRuns reads as one list.
const minTitleRun = 3

// titleRuns gives the titles cut from one run-on line of a plain text (a
// list of other stories' titles glued together, segment.SplitTitle) the
// category most of them got, when more than half of them agree and the
// model took none of them for content: a list is one widget, while the
// second pass lets a category leak across the list's first or last title
// from the block before or after it (an ad before a related list makes
// its first title an ad). Titles of a line taken for a page glued on one
// line (segment.Glued) are left alone: their line holds the whole page,
// and cut titles of its pieces follow one another across widgets.
// Measured on the shipped model (winnow eval): category accuracy of
// persian-dev text 0.849 -> 0.855, persian-heldout lines, markdown and
// wrapped +0.001, no F1 and no other row moved; it keeps the seed
// example's related list right on models whose second pass makes its
// first title an ad (two of 29 lines wrong without it).
func titleRuns(text string, blocks []segment.Block, classes []int) {
	only := !strings.Contains(strings.TrimSpace(text), "\n")
	// whether a line is glued is read once per line: read for every
	// title, a page glued on one line was read once per title
	// (quadratic: 12 s for 4 MB)
	line, glued := -1, false
	for i := 0; i < len(blocks); {
		j := i + 1
		if b := &blocks[i]; b.Split == segment.SplitTitle {
			if b.Line != line {
				line, glued = b.Line, segment.Glued(lineBytes(text, b.Start), only)
			}
			for !glued && j < len(blocks) && blocks[j].Split == segment.SplitTitle && blocks[j].Line == line {
				j++
			}
		}
		if j-i >= minTitleRun {
			relabelRun(classes[i:j])
		}
		i = j
	}
}

// lineBytes returns the length of the line of text that holds offset i.
func lineBytes(text string, i int) int {
	a := strings.LastIndexByte(text[:i], '\n') + 1
	b := strings.IndexByte(text[i:], '\n')
	if b < 0 {
		return len(text) - a
	}
	return i + b - a
}

// relabelRun sets every class of run to the one more than half of them
// have, when there is one and none is content.
func relabelRun(run []int) {
	var n [model.NumClasses]int
	for _, k := range run {
		if model.Content(k) {
			return
		}
		n[k]++
	}
	for k, c := range n {
		if 2*c > len(run) {
			for i := range run {
				run[i] = k
			}
			return
		}
	}
}
