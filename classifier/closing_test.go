package classifier

import (
	"slices"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
)

func TestClosingParagraph(t *testing.T) {
	const (
		body, meta, other, share = model.ClassBody, model.ClassMetadata, model.ClassOther, model.ClassShare
	)
	type line = classedLine
	entry := "The speaker has called the vote. Members are now filing into the lobbies, and the result is expected soon."
	last := "Good evening and welcome to our live coverage of the budget vote. The debate began at noon today."
	for _, tc := range []struct {
		name  string
		lines []line
		cp    float64 // the content probability of every block
		want  []int
	}{
		{"a live blog's first entry after its time stamp", []line{{entry, body}, {"17:30", meta}, {last, other}, {"Share this live blog", share}}, 0.4, []int{body, meta, body, share}},
		{"the last paragraph right after the article", []line{{entry, body}, {last, other}, {"Facebook", share}}, 0.4, []int{body, body, share}},
		{"the last paragraph at the text's end", []line{{entry, body}, {last, other}}, 0.4, []int{body, body}},
		{"too improbable", []line{{entry, body}, {last, other}, {"Facebook", share}}, 0.2, []int{body, other, share}},
		{"more prose follows", []line{{entry, body}, {last, other}, {last, other}}, 0.4, []int{body, other, other}},
		{"no sentence", []line{{entry, body}, {"Share this live blog with your friends and family today", other}}, 0.4, []int{body, other}},
		{"a longer line between", []line{{entry, body}, {"Posted by the politics desk on Tuesday", meta}, {last, other}}, 0.4, []int{body, meta, other}},
		{"no content", []line{{last, other}}, 0.4, []int{other}},
		{"empty", nil, 0.4, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks, classes := linePage(tc.lines)
			closingParagraph(text, blocks, classes, func(int) float64 { return tc.cp })
			if !slices.Equal(classes, tc.want) {
				t.Errorf("classes %v, want %v", classes, tc.want)
			}
		})
	}
}
