package classifier

import (
	"slices"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestSiblingTail(t *testing.T) {
	const (
		B = model.ClassBody
		R = model.ClassRelated
		O = model.ClassOther
		L = model.ClassLegal
	)
	const (
		art   = "html>body>article"
		long  = "The first segment is scheduled to open by the end of next year."
		short = "More to come."
	)
	// tail is a block of a test: its class, text, tag, parent path and
	// content probability.
	type tail struct {
		class     int
		text, tag string
		parent    string
		p         float64
		linkBytes int
	}
	para := func(class int, text string, p float64) tail { return tail{class, text, "p", art, p, 0} }
	widget := tail{O, "Flight deals! Fly to Paris from $299, book now.", "p", art + ">div.promo", 0.37, 0}
	for _, tc := range []struct {
		name   string
		blocks []tail
		want   []int
	}{
		{"the last paragraph after a promo box", []tail{para(B, long, 0.99), widget, para(R, long, 0.39)}, []int{B, O, B}},
		{"two paragraphs", []tail{para(B, long, 0.99), para(R, long, 0.3), para(R, long, 0.3)}, []int{B, B, B}},
		{"at most two", []tail{para(B, long, 0.99), para(R, long, 0.3), para(R, long, 0.3), para(R, long, 0.3)}, []int{B, B, B, R}},
		{"too unlikely", []tail{para(B, long, 0.99), para(R, long, 0.1)}, []int{B, R}},
		{"too short", []tail{para(B, long, 0.99), para(R, short, 0.4)}, []int{B, R}},
		{"no sentence end", []tail{para(B, long, 0.99), para(R, strings.TrimSuffix(long, "."), 0.4)}, []int{B, R}},
		{"link text", []tail{para(B, long, 0.99), {R, long, "p", art, 0.4, len(long)}}, []int{B, R}},
		{"another parent", []tail{para(B, long, 0.99), {L, long, "p", "html>body>footer", 0.4, 0}}, []int{B, L}},
		{"not a paragraph", []tail{para(B, long, 0.99), {R, long, "li", art, 0.4, 0}}, []int{B, R}},
		{"the last body block no paragraph", []tail{{B, long, "div", art, 0.99, 0}, para(R, long, 0.4)}, []int{B, R}},
		{"no body", []tail{para(R, long, 0.4)}, []int{R}},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var text strings.Builder
			bs := make([]segment.Block, len(tc.blocks))
			classes := make([]int, len(tc.blocks))
			probs := make([]float64, len(tc.blocks))
			for i, b := range tc.blocks {
				start := text.Len()
				text.WriteString(b.text)
				bs[i] = segment.Block{Start: start, End: text.Len(), Tag: b.tag, Path: b.parent + ">" + b.tag, LinkBytes: b.linkBytes}
				text.WriteString("\n")
				classes[i], probs[i] = b.class, b.p
			}
			siblingTail(text.String(), bs, classes, func(i int) float64 { return probs[i] })
			if !slices.Equal(classes, tc.want) {
				t.Errorf("classes = %v, want %v", classes, tc.want)
			}
		})
	}
}
