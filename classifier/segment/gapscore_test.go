package segment

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGapScore checks that gapScore adds up the weights of gapFeatures'
// list in its order, to the same float32, for every gap of the seed
// article and of random words, with the default splitter's weights and
// with random ones of mixed magnitudes (where the order of the additions
// shows).
func TestGapScore(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var random [NumFeatures]float32
	for i := range random {
		random[i] = float32(rng.NormFloat64() * float64(int(1)<<rng.IntN(20)))
	}
	tables := []*[NumFeatures]float32{&defaultSplitter().Weights, &defaultSplitter().List, &random}

	var lines [][]word
	raw, err := os.ReadFile(filepath.Join(sharedDir(t), "examples", "seed-fa-news.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw) + "\nHello World. camelCase (+photos) why? yes! 12:30 - a, b; «c» [d] x/y newsNext"
	for _, line := range strings.Split(text, "\n") {
		lines = append(lines, scanWords(nil, line, 0, len(line)))
	}
	for range 2000 {
		ws := make([]word, 2+rng.IntN(40))
		for i := range ws {
			ws[i].attr = wattr(rng.Uint32()) & (aStartLetter<<1 - 1)
			ws[i].nospace = rng.IntN(4) == 0
		}
		lines = append(lines, ws)
	}
	for _, ws := range lines {
		left, right, hard, dots := hardRuns(ws, nil, nil)
		for k := 0; k+1 < len(ws); k++ {
			fs := gapFeatures(nil, ws, k, left[k], right[k], hard, dots)
			for _, w := range tables {
				v0 := float32(rng.NormFloat64())
				want := v0
				for _, f := range fs {
					want += w[f]
				}
				if got := gapScore(w, v0, ws, k, left[k], right[k], hard, dots); got != want {
					t.Fatalf("gap %d of %+v: gapScore = %v, want %v (features %v)", k, ws, got, want, fs)
				}
			}
		}
	}
}

// TestEdgeTable checks the flat table against the maps it is built from,
// for every key of either and for keys of neither, 0 included.
func TestEdgeTable(t *testing.T) {
	end := map[uint64]float32{0: 1.5, 1: -2, 7: 3, 1 << 63: 4}
	start := map[uint64]float32{0: -1, 7: 0.25, 9: 5}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		end[rng.Uint64()] = rng.Float32()
		start[rng.Uint64()] = -rng.Float32()
	}
	tab := newEdgeTable(end, start)
	keys := []uint64{2, 3, 1<<64 - 1}
	for h := range end {
		keys = append(keys, h)
	}
	for h := range start {
		keys = append(keys, h)
	}
	for _, h := range keys {
		if e, s := tab.get(h); e != end[h] || s != start[h] {
			t.Fatalf("get(%#x) = %v, %v; want %v, %v", h, e, s, end[h], start[h])
		}
	}
	var empty edgeTable
	if e, s := empty.get(5); e != 0 || s != 0 {
		t.Fatalf("empty table: get = %v, %v", e, s)
	}
}
