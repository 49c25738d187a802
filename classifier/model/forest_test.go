package model

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// xorPages are pages whose kind is an interaction of two features: a
// listing when exactly one of features 2 and 3 is high, else an article.
// No linear model over the features separates them.
func xorPages(n int, seed uint64) []pageExample {
	r := rand.New(rand.NewPCG(seed, 1))
	exs := make([]pageExample, n)
	for i := range exs {
		e := &exs[i]
		e.f[0] = 1
		a, b := r.Float32(), r.Float32()
		e.f[2], e.f[3] = a, b
		e.f[4] = r.Float32() // noise
		e.kind, e.w = PageArticle, 1
		if (a > 0.5) != (b > 0.5) {
			e.kind = PageListing
		}
	}
	return exs
}

func forestAccuracy(fo *forest, exs []pageExample) float64 {
	ok := 0
	for i := range exs {
		var z, p [NumPageKinds]float64
		fo.logits(&exs[i].f, &z)
		softmaxPage(&z, &p)
		best := 0
		for k := range p {
			if p[k] > p[best] {
				best = k
			}
		}
		if int8(best+1) == exs[i].kind {
			ok++
		}
	}
	return float64(ok) / float64(len(exs))
}

func TestTrainForest(t *testing.T) {
	train, test := xorPages(2000, 1), xorPages(500, 2)
	fo := trainForest(train, forestConfig{rounds: 30, depth: 3, minLeaf: 10, eta: 0.3, lambda: 1})
	if len(fo.trees) != 30*NumPageKinds {
		t.Fatalf("%d trees, want %d", len(fo.trees), 30*NumPageKinds)
	}
	if acc := forestAccuracy(fo, test); acc < 0.95 {
		t.Errorf("forest accuracy %.3f on an interaction of two features, want >= 0.95", acc)
	}
	lin := trainPage(train, pageIters, 1e-4, false)
	ok := 0
	for i := range test {
		if lin.predict(&test[i].f).Kind == test[i].kind {
			ok++
		}
	}
	if acc := float64(ok) / float64(len(test)); acc > 0.8 {
		t.Errorf("the logistic model reads the interaction (%.3f): the test does not test the forest", acc)
	}
	// deterministic, whatever the goroutines' schedule
	a, _ := fo.MarshalBinary()
	b, _ := trainForest(train, forestConfig{rounds: 30, depth: 3, minLeaf: 10, eta: 0.3, lambda: 1}).MarshalBinary()
	if !bytes.Equal(a, b) {
		t.Error("two trainings on the same pages differ")
	}
	if fo := trainForest(nil, defaultForest); len(fo.trees) != 0 {
		t.Errorf("no pages: %d trees", len(fo.trees))
	}
}

func TestForestRoundTrip(t *testing.T) {
	train := xorPages(500, 3)
	fo := trainForest(train, forestConfig{rounds: 5, depth: 3, minLeaf: 10, eta: 0.3, lambda: 1})
	b, err := fo.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var fo2 forest
	if err := fo2.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	for i := range train {
		var z1, z2 [NumPageKinds]float64
		fo.logits(&train[i].f, &z1)
		fo2.logits(&train[i].f, &z2)
		if z1 != z2 {
			t.Fatalf("page %d: logits %v after decoding, want %v", i, z2, z1)
		}
	}
}

// encodeTrees writes trees as they are: MarshalBinary checks nothing, so
// that the test can write malformed ones.
func encodeTrees(trees ...[]fnode) []byte {
	fo := &forest{}
	for _, t := range trees {
		fo.trees = append(fo.trees, t)
	}
	b, _ := fo.MarshalBinary()
	return b
}

func TestForestUnmarshalErrors(t *testing.T) {
	leaf := []fnode{{feat: -1, val: 1}}
	split := []fnode{{feat: 2, right: 2, val: 0.5}, {feat: -1, val: 1}, {feat: -1, val: -1}}
	five := func(t []fnode) [][]fnode { return [][]fnode{t, leaf, leaf, leaf, leaf} }
	good := encodeTrees(five(split)...)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "bad varint"},
		{"no trees", encodeTrees(), "forest of 0 trees"},
		{"not whole rounds", encodeTrees(leaf, leaf), "forest of 2 trees"},
		{"too many trees", binary.AppendUvarint(nil, maxForestTrees+NumPageKinds), "forest of"},
		{"tree of no nodes", encodeTrees([]fnode{}, leaf, leaf, leaf, leaf), "tree of 0 nodes"},
		{"feature out of range", encodeTrees(five([]fnode{{feat: numPageFeats, right: 2}, {feat: -1}, {feat: -1}})...), "bad feature"},
		{"feature below -1", encodeTrees(five([]fnode{{feat: -2}})...), "bad feature"},
		{"right child is the left child", encodeTrees(five([]fnode{{feat: 1, right: 1}, {feat: -1}, {feat: -1}})...), "right child"},
		{"right child past the tree", encodeTrees(five([]fnode{{feat: 1, right: 3}, {feat: -1}, {feat: -1}})...), "right child"},
		{"split without a right subtree", encodeTrees(five([]fnode{{feat: 1, right: 2}, {feat: -1}})...), "right child"},
		{"left subtree overlapping the right", encodeTrees(five([]fnode{{feat: 1, right: 3}, {feat: 1, right: 3}, {feat: -1}, {feat: -1}, {feat: -1}})...), "pre-order"},
		{"nodes after the tree", encodeTrees(five([]fnode{{feat: -1}, {feat: -1}})...), "pre-order"},
		{"NaN leaf", encodeTrees(five([]fnode{{feat: -1, val: float32(math.NaN())}})...), "value"},
		{"infinite threshold", encodeTrees(five([]fnode{{feat: 1, right: 2, val: float32(math.Inf(1))}, {feat: -1}, {feat: -1}})...), "value"},
		{"truncated", good[:len(good)-2], "truncated"},
		{"trailing bytes", append(bytes.Clone(good), 0), "trailing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var fo forest
			err := fo.UnmarshalBinary(tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
	var fo forest
	if err := fo.UnmarshalBinary(good); err != nil {
		t.Errorf("well-formed forest: %v", err)
	}
}

// TestPageForestFile writes a model whose page model has a forest: it
// decodes with the same page judgements, and a damaged forest section
// fails with a *FormatError.
func TestPageForestFile(t *testing.T) {
	m, _ := trainTiny(t, 1)
	m.page.forest = trainForest(xorPages(300, 4), forestConfig{rounds: 3, depth: 2, minLeaf: 5, eta: 0.3, lambda: 1})
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	m2, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if m2.page.forest == nil {
		t.Fatal("decoded page model has no forest")
	}
	for i, e := range xorPages(50, 5) {
		if p1, p2 := m.page.predict(&e.f), m2.page.predict(&e.f); p1 != p2 {
			t.Fatalf("page %d: %+v after decoding, want %+v", i, p2, p1)
		}
	}
	// the forest's first tree count, 3 rounds: one byte after the splitters
	hdr := bytes.Clone(data[:len(data)-checksumBytes])
	fb, _ := m.page.forest.MarshalBinary()
	at := len(hdr) - len(fb)
	if !bytes.Equal(hdr[at:], fb) {
		t.Fatal("the forest is not the file's last section")
	}
	hdr[at] = 7 // 7 trees: not whole rounds
	sum := sha256.Sum256(hdr)
	_, err = Decode(append(hdr, sum[:]...))
	var fe *FormatError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "page forest") {
		t.Errorf("damaged forest: got %v, want *FormatError", err)
	}
}

func FuzzForest(f *testing.F) {
	fo := trainForest(xorPages(200, 6), forestConfig{rounds: 2, depth: 3, minLeaf: 5, eta: 0.3, lambda: 1})
	good, _ := fo.MarshalBinary()
	f.Add(good)
	f.Add([]byte{})
	f.Add(encodeTrees([]fnode{{feat: -1}}, []fnode{{feat: -1}}, []fnode{{feat: -1}}, []fnode{{feat: -1}}, []fnode{{feat: -1}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		var fo forest
		if err := fo.UnmarshalBinary(data); err != nil {
			return
		}
		// a forest that decodes evaluates, and encodes to bytes that
		// decode to the same forest (varints may have been written long)
		var e pageExample
		for j := range e.f {
			e.f[j] = float32(j%3) - 1
		}
		var z [NumPageKinds]float64
		fo.logits(&e.f, &z)
		if fo.flat != nil {
			e.f[1] = float32(math.NaN())
			if a, b := treeLogits(&fo, &e.f), flatLogits(&fo, &e.f); a != b {
				t.Errorf("complete trees give %v, the trees %v", b, a)
			}
		}
		b, err := fo.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var fo2 forest
		if err := fo2.UnmarshalBinary(b); err != nil || !reflect.DeepEqual(fo, fo2) {
			t.Errorf("re-encoded forest differs: %v", err)
		}
	})
}

// TestSureKind checks the page forest's one say in article presence: a
// page the article cut keeps is judged to hold none when both models are
// sure of another kind, and only then.
func TestSureKind(t *testing.T) {
	// one round whose listing tree says +10 (the forest is sure of a
	// listing) and whose other trees say 0
	leaf := func(v float32) ftree { return ftree{{feat: -1, val: v}} }
	sure := &forest{trees: []ftree{leaf(0), leaf(10), leaf(0), leaf(0), leaf(0)}}
	// logistic rows with only a bias: article and listing probabilities
	// pa and 1-pa, the other kinds about 0
	linear := func(pa float64) [NumPageKinds][numPageFeats]float32 {
		var w [NumPageKinds][numPageFeats]float32
		w[PageListing-1][0] = float32(math.Log((1 - pa) / pa))
		for k := PageForum; k <= PageOther; k++ {
			w[k-1][0] = -30
		}
		return w
	}
	var f [numPageFeats]float32
	f[0] = 1
	tests := []struct {
		name                 string
		pa                   float64 // the logistic model's article probability
		forest               *forest
		article, dominant    float32 // the cuts
		wantArticle, wantDom bool
		wantKind             int8
	}{
		{"no forest: the cut keeps the page", 0.2, nil, 0.1, 0.05, true, true, PageListing},
		{"both sure of a listing, article under 0.4", 0.2, sure, 0.1, 0.05, false, false, PageListing},
		{"article at 0.4: the two together not sure of a listing", 0.4, sure, 0.1, 0.05, true, true, PageListing},
		{"the forest not sure of a listing", 0.35, &forest{trees: []ftree{leaf(0), leaf(1), leaf(0), leaf(0), leaf(0)}}, 0.1, 0.05, true, true, PageListing},
		{"under the cut, a dominant region decides as before", 0.07, sure, 0.1, 0.05, false, true, PageListing},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pm := &pageModel{w: linear(tc.pa), forest: tc.forest, article: tc.article, dominant: tc.dominant}
			p := pm.predict(&f)
			if p.Kind != tc.wantKind || p.Article != tc.wantArticle || p.DominantArticle != tc.wantDom {
				t.Errorf("kind %d, article %v, dominant article %v (probs %.3f); want %d, %v, %v",
					p.Kind, p.Article, p.DominantArticle, p.Probs, tc.wantKind, tc.wantArticle, tc.wantDom)
			}
		})
	}
}

// treeLogits and flatLogits are forest.logits read off the pre-order
// trees and off the complete ones.
func treeLogits(fo *forest, f *[numPageFeats]float32) [NumPageKinds]float64 {
	var z [NumPageKinds]float64
	for i, t := range fo.trees {
		z[i%NumPageKinds] += float64(t.eval(f))
	}
	return z
}

func flatLogits(fo *forest, f *[numPageFeats]float32) [NumPageKinds]float64 {
	var z [NumPageKinds]float64
	for i := range fo.flat {
		z[i%NumPageKinds] += float64(fo.flat[i].eval(f))
	}
	return z
}

// TestFlatForest checks that the complete trees logits reads give the
// pre-order trees' logits bit for bit: on the shipped forest, with
// features at, just beside and between its thresholds, NaN and the
// infinities; on a tree with leaves above the last level; and that a
// deeper tree leaves the forest without them.
func TestFlatForest(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if m.page == nil || m.page.forest == nil {
		t.Fatal("the embedded model has no page forest")
	}
	shipped := m.page.forest
	if shipped.flat == nil {
		t.Fatal("the shipped forest has no complete trees")
	}
	for _, f := range probeFeatures(shipped, 3000, 7) {
		if a, b := treeLogits(shipped, &f), flatLogits(shipped, &f); a != b {
			t.Fatalf("features %v: complete trees give %v, the trees %v", f, b, a)
		}
	}
	leaf := func(v float32) fnode { return fnode{feat: -1, val: v} }
	// split on 2; left a leaf (depth 1); right split on 3 with a
	// split on 4 below its left child (depth 3)
	shallow := ftree{{feat: 2, right: 2, val: 0.5}, leaf(1), {feat: 3, right: 6, val: 0.25}, {feat: 4, right: 5, val: 0.75}, leaf(2), leaf(3), leaf(4)}
	if end, ok := shallow.check(0); !ok || end != len(shallow) {
		t.Fatal("the test tree is malformed")
	}
	fo := &forest{trees: []ftree{shallow, {leaf(6)}, {leaf(7)}, {leaf(8)}, {leaf(9)}}}
	fo.flatten()
	if fo.flat == nil {
		t.Fatal("a forest of trees of depth 3 has no complete trees")
	}
	for _, v := range [][3]float32{{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {1, 0, 1}, {1, 1, 1}, {0.5, 0.25, 0.75}} {
		var f [numPageFeats]float32
		f[2], f[3], f[4] = v[0], v[1], v[2]
		if a, b := treeLogits(fo, &f), flatLogits(fo, &f); a != b {
			t.Errorf("features %v: complete trees give %v, the trees %v", v, b, a)
		}
	}
	deep := ftree{{feat: 1, right: 8, val: 0}, {feat: 1, right: 7, val: 0}, {feat: 1, right: 6, val: 0}, {feat: 1, right: 5, val: 0}, leaf(1), leaf(2), leaf(3), leaf(4), leaf(5)}
	if end, ok := deep.check(0); !ok || end != len(deep) {
		t.Fatal("the deep test tree is malformed")
	}
	fo = &forest{trees: []ftree{deep, {leaf(6)}, {leaf(7)}, {leaf(8)}, {leaf(9)}}}
	fo.flatten()
	if fo.flat != nil {
		t.Error("a tree of depth 4 was made complete at depth 3")
	}
}

// probeFeatures returns n feature vectors for fo whose values sit at,
// just beside or near its split values (one in twenty NaN, an infinity
// or 0), so that every split goes either way from one vector to the next,
// as on real pages, and unlike xorPages, whose other features never
// change.
func probeFeatures(fo *forest, n int, seed uint64) [][numPageFeats]float32 {
	var cuts [numPageFeats][]float32
	for _, tr := range fo.trees {
		for _, nd := range tr {
			if nd.feat >= 0 {
				cuts[nd.feat] = append(cuts[nd.feat], nd.val)
			}
		}
	}
	r := rand.New(rand.NewPCG(seed, 7))
	special := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 0}
	out := make([][numPageFeats]float32, n)
	for i := range out {
		f := &out[i]
		for j := range f {
			switch c := cuts[j]; {
			case r.IntN(20) == 0:
				f[j] = special[r.IntN(len(special))]
			case len(c) > 0:
				v := c[r.IntN(len(c))]
				f[j] = []float32{v, math.Nextafter32(v, float32(math.Inf(1))), math.Nextafter32(v, float32(math.Inf(-1))), v * (0.5 + r.Float32())}[r.IntN(4)]
			default:
				f[j] = r.Float32()
			}
		}
	}
	return out
}
