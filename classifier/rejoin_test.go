package classifier

import (
	"slices"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
)

func TestRejoinTail(t *testing.T) {
	const (
		para  = "The minister said the plan would be ready next year. Critics called it too late for the families who wait."
		short = "The plan is ready and the minister said so on Tuesday."
		B     = model.ClassBody
		O     = model.ClassOther
		R     = model.ClassRelated
		C     = model.ClassComments
		S     = model.ClassShare
	)
	widget := []string{"Add to your reading list", "Sign up for free", "Already have an account?", "Log in"}
	for _, tc := range []struct {
		name    string
		lines   []string
		classes []int
		probs   []float64 // content probabilities; 0.9 where nil
		want    []int
	}{
		{"paragraphs after a widget", append(append([]string{para}, widget...), para, para),
			[]int{B, S, S, S, S, O, R}, nil, []int{B, S, S, S, S, B, B}},
		{"a paragraph right after the article", []string{para, para, "Share"}, []int{B, O, S}, nil, []int{B, B, S}},
		{"past a second widget", []string{para, "Advertisement", para, "Advertisement", "Advertisement", para}, []int{B, O, O, O, O, O}, nil, []int{B, O, B, O, O, B}},
		{"a thread's lines", []string{para, "Reply", "Jane Doe", para}, []int{B, C, O, O}, nil, []int{B, C, O, O}},
		{"a comment", []string{para, "Jane Doe", para}, []int{B, O, C}, nil, []int{B, O, C}},
		{"a teaser's date", []string{para, "You might also like", "12.04.2024, 10:21", para}, []int{B, R, R, R}, nil, []int{B, R, R, R}},
		{"a teaser's one-sentence summary", []string{para, "More on this", "Ministers meet again", short}, []int{B, R, R, R}, nil, []int{B, R, R, R}},
		{"too unlikely", []string{para, "Log in", para}, []int{B, O, O}, []float64{0.9, 0.2, 0.6}, []int{B, O, O}},
		{"a long line is no widget", []string{para, "Read the full report on the plan that the minister presented to the council today in the old town hall", para}, []int{B, R, O}, nil, []int{B, R, O}},
		{"a teaser box's headline", []string{para, "News", "Rail: in these twenty cities the express will soon run every half hour", "2 hours ago", para}, []int{B, R, R, R, O}, nil, []int{B, R, R, R, B}},
		{"a widget too long", append(append([]string{para}, slices.Repeat([]string{"Log in"}, maxWidgetBlocks+1)...), para),
			append(append([]int{B}, slices.Repeat([]int{O}, maxWidgetBlocks+1)...), O), nil, append(append([]int{B}, slices.Repeat([]int{O}, maxWidgetBlocks+1)...), O)},
		{"no content", []string{"Log in", para}, []int{O, O}, nil, []int{O, O}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks := lineBlocks(tc.lines)
			classes := slices.Clone(tc.classes)
			cp := func(i int) float64 {
				if tc.probs == nil {
					return 0.9
				}
				return tc.probs[i]
			}
			rejoinTail(text, blocks, classes, cp)
			if !slices.Equal(classes, tc.want) {
				t.Errorf("classes = %v, want %v", classes, tc.want)
			}
		})
	}
}

func TestHoldsDate(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"a date", "12.04.2024, 10:21 Uhr", true},
		{"a year", "Aug 10, 2022", true},
		{"a time", "7 pm ET · 19:00", true},
		{"a short time", "1:26", true},
		{"a number", "361 48 Comments", false},
		{"five digits", "No. 63396", false},
		{"a ratio", "3:1", false},
		{"a year in a word", "x2024y", true},
		{"empty", "", false},
		{"words", "Sign up for free", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := holdsDate(tc.text); got != tc.want {
				t.Errorf("holdsDate(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

// FuzzRejoinTail checks that rejoinTail never panics and only makes body
// of blocks that were boilerplate after the last content block.
func FuzzRejoinTail(f *testing.F) {
	f.Add("A paragraph of the article that goes on for a while. And ends here.\nLog in\nSign up\nAnother paragraph of the article that goes on and on. It ends.")
	f.Add("\xff\n12:30\n2024")
	f.Fuzz(func(t *testing.T, s string) {
		text, blocks, classes := fuzzBlocks(s)
		before := slices.Clone(classes)
		last := -1
		for i, k := range classes {
			if model.Content(k) {
				last = i
			}
		}
		rejoinTail(text, blocks, classes, func(i int) float64 { return float64(i%10) / 9 })
		for i := range classes {
			if classes[i] != before[i] && (i <= last || model.Content(before[i]) || classes[i] != model.ClassBody) {
				t.Fatalf("block %d: class %d -> %d", i, before[i], classes[i])
			}
		}
		_ = holdsDate(s)
	})
}
