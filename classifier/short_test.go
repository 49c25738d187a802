package classifier

import (
	"context"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
)

func TestShortArticle(t *testing.T) {
	head, para, open := testHead, testPara, testOpen
	title, body, nav, rel := model.ClassTitle, model.ClassBody, model.ClassNavigation, model.ClassRelated
	type blk struct {
		text  string
		class int
	}
	for _, tc := range []struct {
		name   string
		blocks []blk
		cp     []float64 // the blocks' content probabilities (nil: 0)
		want   bool
	}{
		{"headline and paragraph", []blk{{head, title}, {para, body}}, nil, true},
		{"a paragraph alone", []blk{{para, body}}, nil, true},
		{"four blocks", []blk{{head, nav}, {para, body}, {para, body}, {open, rel}}, nil, true},
		{"eight blocks", []blk{{head, nav}, {para, body}, {para, body}, {para, body}, {para, body}, {para, body}, {para, body}, {open, rel}}, nil, true},
		{"nine blocks", []blk{{head, nav}, {para, body}, {para, body}, {para, body}, {para, body}, {para, body}, {para, body}, {para, body}, {open, rel}}, nil, false},
		{"paragraph not kept", []blk{{head, title}, {para, rel}}, []float64{0.9, 0.1}, false},
		{"a lead near the cut after a kept headline", []blk{{head, title}, {para, model.ClassLegal}}, []float64{0.9, 0.45}, true},
		{"a standfirst near the cut after a kept headline", []blk{{head, title}, {open, rel}}, []float64{0.9, shortLedeProb}, true},
		{"a lead near the cut, no block kept", []blk{{head, nav}, {para, model.ClassLegal}}, []float64{0.4, 0.45}, false},
		{"a kept headline and a short line near the cut", []blk{{head, title}, {"Read more", rel}}, []float64{0.9, 0.45}, false},
		{"headlines only", []blk{{head, title}, {head, title}, {head, title}}, nil, false},
		{"a standfirst without a sentence end", []blk{{head, title}, {open, body}}, nil, true},
		{"a short line without a sentence end", []blk{{head, title}, {"Residents who want to comment can do so", body}}, nil, false},
		{"seven words without a sentence end", []blk{{head, title}, {"Councillors representing the northern districts rejected amendments", body}}, nil, false},
		{"Chinese without a sentence end", []blk{{head, title}, {strings.Repeat("市议会周二投票决定扩大城市公交网络", 4), body}}, nil, true},
		{"Chinese too short without a sentence end", []blk{{head, title}, {"市议会周二投票决定扩大城市公交网络市议会周二投票决定" + strings.Repeat("1234567890", 4), body}}, nil, false},
		{"a short Chinese sentence", []blk{{head, title}, {"言茂松认为，现在的电力体制改革偏离改革的初衷，渐渐成为利益集团利益再分配的过程。", body}}, nil, true},
		{"Chinese with its sentence end", []blk{{head, title}, {strings.Repeat("市议会周二投票决定扩大城市公交网络", 4) + "。", body}}, nil, true},
		{"empty", nil, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bs := make([]testBlock, len(tc.blocks))
			for i, b := range tc.blocks {
				bs[i] = testBlock{b.text, i, b.class}
			}
			text, blocks, classes := layBlocks(bs)
			cp := func(i int) float64 {
				if tc.cp == nil {
					return 0
				}
				return tc.cp[i]
			}
			if got := shortArticle(text, blocks, classes, cp); got != tc.want {
				t.Errorf("shortArticle = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestClassifyShortText checks that a headline and a paragraph or two
// sent alone keep their text: the page model called these listings
// (article probability 0.06 to 0.22), and every block was boilerplate.
func TestClassifyShortText(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text, url string
		mode            Mode
	}{
		{name: "swedish brief", text: "Vädjar efter attackerna\nÅtminstone nio personer dog och mer än 30 skadades i huvudstaden Kiev under natten, enligt stadens myndigheter.\nPresidenten skriver på X att landet behöver fler luftvärnsrobotar.", mode: ModeText},
		{name: "german brief", text: "Israel und Gaza: News und Entwicklungen im Nahostkonflikt\nDie israelische Armee hat nach eigenen Angaben in der Nacht erneut Ziele im Gazastreifen angegriffen, darunter mehrere Tunnel.\nDie Verhandlungen über eine Waffenruhe gehen weiter.", mode: ModeText},
		// a lead the model calls the closing line (legal, content
		// probability 0.49) under a headline it keeps; the page model
		// called the two a listing
		{name: "german lead called legal", url: "https://www.fr.de/ratgeber/wohnen/ambrosia-giftig-garten-allergische-reaktionen-pflanze-erkennen-bekaempfen-zr-93036630.html", text: "Warum Ambrosia in deutschen Gärten zur Bedrohung wird\nAmbrosia breitet sich in deutschen Gärten aus und kann gesundheitliche Schäden verursachen. Erfahren Sie, wie Sie die giftige Pflanze erkennen und bekämpfen.", mode: ModeText},
		// a brief the page model let hold an article but named a
		// listing (its one region dominates)
		{name: "german brief named a listing", url: "https://www.20min.ch/story/europaeische-kommission-verfahren-bruessel-prueft-einfluss-von-tiktok-auf-wahlen-103241818", text: "Tiktok: Brüssel untersucht Wahleinmischung\nWahleinmischung per Algorithmus? Tiktok steht im Verdacht, ausländische Einflüsse nicht ausreichend zu bekämpfen. Es drohen Strafen.", mode: ModeText},
		// an HTML fragment without <head>, as a CMS sends an article's
		// body: with the page's title among the page features, the page
		// model called such a headline and paragraph a listing
		{name: "html fragment", url: "http://127.0.0.1:8080/page", text: "<h1>A headline about the river</h1>\n<p>The river rose by two metres overnight and the town council met at dawn to plan the evacuation of the lower streets.</p>\n<div>Share on Facebook</div>", mode: ModeHTML},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Classify(context.Background(), Input{Data: []byte(tc.text), Mode: tc.mode, URL: tc.url})
			if err != nil {
				t.Fatal(err)
			}
			if !res.HasArticle || res.PageKind != PageArticle {
				t.Errorf("HasArticle %v, PageKind %v; want an article", res.HasArticle, res.PageKind)
			}
			first := strings.Split(tc.text, "\n")[1]
			if tc.mode == ModeHTML {
				first = "The river rose by two metres"
			}
			if !strings.Contains(res.MainText(), first) {
				t.Errorf("MainText %q lacks the first paragraph", res.MainText())
			}
		})
	}
}

func TestShortLedes(t *testing.T) {
	head, para, open := testHead, testPara, testOpen
	title, body, legal, ad := model.ClassTitle, model.ClassBody, model.ClassLegal, model.ClassAd
	type blk struct {
		text  string
		class int
		cp    float64
	}
	for _, tc := range []struct {
		name   string
		blocks []blk
		want   []int
	}{
		{"a lead called the closing line", []blk{{head, title, 0.9}, {para, legal, 0.45}}, []int{title, body}},
		{"a standfirst called the closing line", []blk{{head, title, 0.9}, {open, legal, 0.35}}, []int{title, body}},
		{"a standfirst called the closing line at 0.22", []blk{{head, title, 0.9}, {open, legal, 0.22}}, []int{title, body}},
		{"too sure of boilerplate", []blk{{head, title, 0.9}, {para, ad, 0.15}}, []int{title, ad}},
		{"just under the cut", []blk{{head, title, 0.9}, {open, legal, 0.19}}, []int{title, legal}},
		{"too short for a lead", []blk{{head, title, 0.9}, {"Photo: Brett Davis, USA TODAY Sports", legal, 0.5}}, []int{title, legal}},
		{"eight blocks", []blk{{head, title, 0.9}, {para, body, 0.9}, {para, body, 0.9}, {para, body, 0.9}, {para, body, 0.9}, {para, body, 0.9}, {para, body, 0.9}, {para, legal, 0.45}}, []int{title, body, body, body, body, body, body, body}},
		{"nine blocks", []blk{{head, title, 0.9}, {para, body, 0.9}, {para, body, 0.9}, {para, body, 0.9}, {para, body, 0.9}, {para, body, 0.9}, {para, body, 0.9}, {para, body, 0.9}, {para, legal, 0.45}}, []int{title, body, body, body, body, body, body, body, legal}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bs := make([]testBlock, len(tc.blocks))
			for i, b := range tc.blocks {
				bs[i] = testBlock{b.text, i, b.class}
			}
			text, blocks, classes := layBlocks(bs)
			shortLedes(text, blocks, classes, func(i int) float64 { return tc.blocks[i].cp })
			checkClasses(t, classes, tc.want)
		})
	}
}
