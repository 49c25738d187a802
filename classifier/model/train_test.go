package model

import (
	"context"
	"slices"
	"testing"
)

// TestRareFeatures checks Config.MinGroups's pruning: features are
// counted per distinct group, a synthetic document's features are kept,
// and drop leaves every row with its other features in order.
func TestRareFeatures(t *testing.T) {
	docs := []Doc{
		{Group: "a.example"},
		{Group: "a.example"},
		{Group: "b.example"},
		{Group: "c.example"},
		{Group: "fa/site", Synthetic: true},
	}
	// rows: document, features
	rows := []struct {
		doc  int
		feat []uint32
	}{
		{0, []uint32{1, 2, 3}},
		{1, []uint32{1, 2}}, // same group as doc 0: 2 stays in one group
		{2, []uint32{1, 4}},
		{3, []uint32{1, 4, 5}},
		{4, []uint32{6}},
	}
	build := func() *matrix {
		mx := newMatrix()
		for _, r := range rows {
			s := sink{idx: r.feat, val: make([]float32, len(r.feat))}
			mx.addRow(&s, 0, 1, r.doc, 0)
		}
		return mx
	}
	for _, tc := range []struct {
		name string
		k    int
		rare []uint32
		left [][]uint32 // per row after drop
	}{
		{"two groups", 2, []uint32{2, 3, 5}, [][]uint32{{1}, {1}, {1, 4}, {1, 4}, {6}}},
		{"three groups", 3, []uint32{2, 3, 4, 5}, [][]uint32{{1}, {1}, {1}, {1}, {6}}},
		{"one group keeps all", 1, nil, [][]uint32{{1, 2, 3}, {1, 2}, {1, 4}, {1, 4, 5}, {6}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mx := build()
			set := rareFeatures(mx, docs, tc.k)
			var got []uint32
			for f := range set {
				got = append(got, f)
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.rare) {
				t.Fatalf("rare = %v, want %v", got, tc.rare)
			}
			mx.drop(set)
			for r := range mx.rows() {
				row := mx.idx[mx.ptr[r]:mx.ptr[r+1]]
				if !slices.Equal(row, tc.left[r]) {
					t.Errorf("row %d = %v, want %v", r, row, tc.left[r])
				}
			}
			if len(mx.val) != len(mx.idx) {
				t.Errorf("%d values for %d indexes", len(mx.val), len(mx.idx))
			}
		})
	}
}

// TestTrainBlank checks Config.TrainBlank: training reads the blank line
// before a text block (the first pass's features differ when a block has
// one), the model it returns does not, and without it training never
// reads it.
func TestTrainBlank(t *testing.T) {
	data := tinyData(t)
	// a blank line before every body line of the first training pages
	for i := range 6 {
		d := &data.Train[i]
		for b := range d.Seg.Blocks {
			if d.Labels[b] == ClassBody {
				d.Seg.Blocks[b].BlankBefore = true
			}
		}
	}
	for _, tc := range []struct {
		name  string
		blank bool
	}{
		{"read in training", true},
		{"not read", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			with, err := features1(context.Background(), data.Train[:6], allGroups, 12, nil, 0, 1, tc.blank)
			if err != nil {
				t.Fatal(err)
			}
			without, err := features1(context.Background(), data.Train[:6], allGroups, 12, nil, 0, 1, false)
			if err != nil {
				t.Fatal(err)
			}
			if differ := len(with.idx) != len(without.idx); differ != tc.blank {
				t.Errorf("%d feature entries with the option, %d without", len(with.idx), len(without.idx))
			}
			m, err := Train(context.Background(), data, Config{Seed: 1, Bits: 12, Epochs: 2, Folds: 2, TrainBlank: tc.blank, Version: "tiny"})
			if err != nil {
				t.Fatal(err)
			}
			if m.trainBlank || m.newExtractor().blank {
				t.Error("the trained model reads the blank line when serving")
			}
		})
	}
}
