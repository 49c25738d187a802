package classifier

import (
	"context"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
)

func TestLeadTitle(t *testing.T) {
	const word = "Home"
	head, para, open := testHead, testPara, testOpen
	title, body, nav, meta := model.ClassTitle, model.ClassBody, model.ClassNavigation, model.ClassMetadata
	type blk struct {
		text  string
		line  int
		class int
		prob  float64
	}
	for _, tc := range []struct {
		name   string
		blocks []blk
		want   []int
	}{
		{"headline then paragraph", []blk{{head, 0, nav, 0.4}, {para, 1, body, 0.9}}, []int{title, body}},
		{"metadata-called headline", []blk{{head, 0, meta, 0.2}, {para, 2, body, 0.9}, {para, 3, body, 0.9}}, []int{title, body, body}},
		{"sure boilerplate", []blk{{head, 0, nav, 0.05}, {para, 1, body, 0.9}}, []int{nav, body}},
		{"menu word", []blk{{word, 0, nav, 0.4}, {para, 1, body, 0.9}}, []int{nav, body}},
		{"a paragraph first", []blk{{para + " " + para, 0, meta, 0.4}, {para, 1, body, 0.9}}, []int{meta, body}},
		{"no paragraph after", []blk{{head, 0, nav, 0.4}, {open, 1, body, 0.9}}, []int{nav, body}},
		{"a short Chinese paragraph after", []blk{{"第四届中国经济学年会在南开大学举行", 0, nav, 0.48}, {"言茂松认为，现在的电力体制改革偏离改革的初衷，渐渐成为利益集团利益再分配的过程。", 1, body, 0.9}}, []int{title, body}},
		{"Chinese without a sentence end after", []blk{{"第四届中国经济学年会在南开大学举行", 0, nav, 0.48}, {"言茂松认为现在的电力体制改革偏离改革的初衷渐渐成为利益集团利益再分配的过程", 1, body, 0.9}}, []int{nav, body}},
		{"boilerplate after", []blk{{head, 0, nav, 0.4}, {para, 1, meta, 0.4}}, []int{nav, meta}},
		{"already content", []blk{{head, 0, title, 0.9}, {para, 1, body, 0.9}}, []int{title, body}},
		{"pieces of one glued line", []blk{{head, 0, nav, 0.4}, {para, 0, body, 0.9}}, []int{nav, body}},
		{"one block", []blk{{head, 0, nav, 0.4}}, []int{nav}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bs := make([]testBlock, len(tc.blocks))
			for i, b := range tc.blocks {
				bs[i] = testBlock{b.text, b.line, b.class}
			}
			text, blocks, classes := layBlocks(bs)
			leadTitle(text, blocks, classes, func(i int) float64 { return tc.blocks[i].prob })
			checkClasses(t, classes, tc.want)
		})
	}
}

// TestClassifyLeadTitle checks that the headline of a clean text is kept:
// the model alone reads this one at a content probability of about 0.4,
// under the threshold.
func TestClassifyLeadTitle(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	text := "Nationaler Veteranentag beschlossen\nDer Bundestag hat am Donnerstag einen nationalen Gedenktag für die Veteranen der Bundeswehr beschlossen, der jedes Jahr am 15. Juni begangen werden soll.\nDie Linke stimmte dagegen.\nDer erste Veteranentag soll im kommenden Jahr stattfinden."
	res, err := c.Classify(context.Background(), Input{Data: []byte(text), Mode: ModeText})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Blocks) == 0 {
		t.Fatal("no blocks")
	}
	b := res.Blocks[0]
	if b.Category != Title || b.Label != Content {
		t.Errorf("first line %q: %v, %v (p %.2f), want title, content", res.Text[b.Start:b.End], b.Category, b.Label, b.ContentProb)
	}
	if !strings.HasPrefix(res.MainText(), "Nationaler Veteranentag beschlossen\n") {
		t.Errorf("MainText starts %.60q, want the headline", res.MainText())
	}
}
