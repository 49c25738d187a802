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
