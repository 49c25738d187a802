package model

import (
	"bytes"
	"errors"
	"testing"

	"github.com/winnowhq/winnow/classifier/segment"
)

func TestSpanDecoder(t *testing.T) {
	// c: content probability 0.8 (kept by Decide at 0.5, below Outside);
	// C: 0.95 (at least Outside); b: boilerplate (0.1); l and h: like c,
	// with all and half of the block's bytes link text.
	pred := func(r byte) Prediction {
		var p Prediction
		switch r {
		case 'c', 'l', 'h':
			p.ContentProb = 0.8
			p.Probs[ClassBody] = 0.8
			p.Probs[ClassRelated] = 0.15
			p.Probs[ClassNavigation] = 0.05
		case 'C':
			p.ContentProb = 0.95
			p.Probs[ClassBody] = 0.95
			p.Probs[ClassRelated] = 0.05
		default:
			p.ContentProb = 0.1
			p.Probs[ClassBody] = 0.1
			p.Probs[ClassNavigation] = 0.9
		}
		return p
	}
	span := Span{Gap: 1, Share: 0.7, Outside: 0.9}
	link := Span{Gap: 1, Share: 0.7, Outside: 0.9, Link: 0.9}
	tests := []struct {
		name  string
		span  Span
		page  string
		sizes []int  // nil: 100 each
		want  string // k: kept content, r: turned to boilerplate, b: boilerplate
	}{
		{"no decoder", Span{}, "ccccbbbcbc", nil, "kkkkbbbkbk"},
		{"teasers after the article", span, "ccccccbbbcbc", nil, "kkkkkkbbbrbr"},
		{"a gap of one block stays inside", span, "ccbcc", nil, "kkbkk"},
		{"confident content outside stays", span, "ccccccbbbCbc", nil, "kkkkkkbbbkbr"},
		{"no dominant region: a listing", span, "cbbcbbcbbcbbc", nil, "kbbkbbkbbkbbk"},
		{"the heaviest region by size", span, "ccbbbcb", []int{10, 10, 1, 1, 1, 500, 1}, "rrbbbkb"},
		{"nothing is content", span, "bbbb", nil, "bbbb"},
		{"empty page", span, "", nil, ""},
		{"linked headlines after the article, without Link", span, "ccccccllllll", nil, "kkkkkkkkkkkk"},
		{"linked headlines after the article break the region", link, "ccccccllllll", nil, "kkkkkkrrrrrr"},
		{"a linked line inside the article stays", link, "ccclccc", nil, "kkkkkkk"},
		{"half linked is text", link, "cccccchhhhhh", nil, "kkkkkkkkkkkk"},
		{"a page of linked headlines only", link, "llllll", nil, "kkkkkk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &Model{span: tt.span}
			preds := make([]Prediction, len(tt.page))
			blocks := make([]segment.Block, len(tt.page))
			for i := range blocks {
				size := 100
				if tt.sizes != nil {
					size = tt.sizes[i]
				}
				blocks[i] = segment.Block{Start: i * 1000, End: i*1000 + size}
				switch tt.page[i] {
				case 'l':
					blocks[i].LinkBytes = size
				case 'h':
					blocks[i].LinkBytes = size / 2
				}
			}
			for i := range tt.page {
				preds[i] = pred(tt.page[i])
			}
			classes := make([]int, len(preds))
			m.DecideAll(preds, blocks, 0.5, classes)
			got := make([]byte, len(classes))
			for i, k := range classes {
				switch {
				case Content(k):
					got[i] = 'k'
				case Decide(preds[i], 0.5) != k:
					got[i] = 'r'
					if k != ClassRelated && tt.page[i] != 'b' {
						t.Errorf("block %d became class %d, want the most probable boilerplate class %d", i, k, ClassRelated)
					}
				default:
					got[i] = 'b'
				}
			}
			if string(got) != tt.want {
				t.Errorf("DecideAll(%q) = %q, want %q", tt.page, got, tt.want)
			}
		})
	}
}

func TestSpanInFile(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	s, ok := m.Span()
	if !ok || !s.valid() {
		t.Fatalf("the embedded model's article-span decoder is %+v (ok %v), want a valid one", s, ok)
	}
	if s != DefaultSpan {
		t.Errorf("embedded span %+v, want winnow train's default %+v", s, DefaultSpan)
	}
}

func TestSpanInFileRefused(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []Span{{Gap: -1, Share: 0.7, Outside: 0.9}, {Gap: 3, Share: 1.5, Outside: 0.9}, {Gap: 3, Share: 0.7, Outside: 2}, {Gap: 3, Share: 0.7, Outside: 0.9, Link: 1.5}} {
		c := *m
		c.span = bad
		var buf bytes.Buffer
		if err := c.Encode(&buf); err != nil {
			t.Fatal(err)
		}
		_, err := Decode(buf.Bytes())
		var fe *FormatError
		if !errors.As(err, &fe) {
			t.Errorf("span %+v: Decode error %v, want a *FormatError", bad, err)
		}
	}
}
