package segment

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
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

// TestRawWordHash checks that the word cache's hash tells apart the
// distinct words of the seed article and every short string over small
// alphabets (words that differ in one byte, one bit or in length only),
// across the lengths where it changes method.
func TestRawWordHash(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(sharedDir(t), "examples", "seed-fa-news.txt"))
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields(string(raw))
	for n := range 20 {
		base := strings.Repeat("a", n)
		words = append(words, base, base+"\x00")
		for i := range n {
			b := []byte(base)
			b[i] = 'b'
			words = append(words, string(b))
		}
	}
	// every string of up to 13 letters a and b, and of up to 5 of four
	// bytes that differ in one bit each
	for n := range 14 {
		for m := range 1 << n {
			b := make([]byte, n)
			for i := range b {
				b[i] = 'a' + byte(m>>i&1)
			}
			words = append(words, string(b))
		}
	}
	for n := range 6 {
		for m := range 1 << (2 * n) {
			b := make([]byte, n)
			for i := range b {
				b[i] = []byte{0x20, 0x21, 0x60, 0xA0}[m>>(2*i)&3]
			}
			words = append(words, string(b))
		}
	}
	seen := map[uint64]string{}
	for _, w := range words {
		h := rawWordHash(w)
		if o, ok := seen[h]; ok && o != w {
			t.Fatalf("rawWordHash(%q) = rawWordHash(%q) = %#x", w, o, h)
		}
		seen[h] = w
	}
}

// TestIsThreeByte checks the sequences scanWords decodes inline against
// utf8.DecodeRuneInString, for every lead byte and pair of bytes after it.
func TestIsThreeByte(t *testing.T) {
	for c := range 256 {
		for c1 := range 256 {
			for c2 := range 256 {
				if !isThreeByte(byte(c), byte(c1), byte(c2)) {
					continue
				}
				s := string([]byte{byte(c), byte(c1), byte(c2)})
				r, n := utf8.DecodeRuneInString(s)
				got := decode3(byte(c), byte(c1), byte(c2))
				if n != 3 || r != got {
					t.Fatalf("% x: inline %U, utf8 %U (%d bytes)", s, got, r, n)
				}
			}
		}
	}
}

// TestMetaIn checks metaIn on every word of the metadata tables: found
// as written, with Arabic ي and ك for ی and ک, in upper case, and inside
// punctuation; and not found for words of no table.
func TestMetaIn(t *testing.T) {
	var words []string
	for _, l := range [][]string{metaLabels, metaMonths, suffixLabels, deskHeads} {
		words = append(words, l...)
	}
	arabic := strings.NewReplacer("ی", "ي", "ک", "ك")
	for _, w := range words {
		want := metaIn(w)
		if want == 0 {
			t.Fatalf("metaIn(%q) = 0", w)
		}
		for _, v := range []string{arabic.Replace(w), strings.ToUpper(w), "«" + w + "»:", "(" + w + ")", strings.ReplaceAll(w, "\u200c", "")} {
			if got := metaIn(v); got != want {
				t.Errorf("metaIn(%q) = %v, want %v as for %q", v, got, want, w)
			}
		}
	}
	for _, w := range []string{"", "سلام", "hello", "خبرها", "dates", "«»", "ي", "\xd9", "\xd9\x8a\xd9"} {
		if got := metaIn(w); got != 0 {
			t.Errorf("metaIn(%q) = %v, want 0", w, got)
		}
	}
}

// TestMarkOf checks the table markOf reads against markOfBits for every
// combination of the attribute bits, and that markOfBits reads no others.
func TestMarkOf(t *testing.T) {
	if aEndPlain != 1<<markPlainShift || anyPrevMark&^markLowBits != 0 {
		t.Fatal("the attribute bits moved: update markOf's constants")
	}
	for a := wattr(0); a < aStartLetter<<1; a++ {
		if got, want := markOf(a), markOfBits(a); got != want {
			t.Fatalf("markOf(%#x) = %d, want %d", a, got, want)
		}
	}
	for n := -3; n < 40; n++ {
		if got, want := bucket(n), bucketOf(n); got != want {
			t.Fatalf("bucket(%d) = %d, want %d", n, got, want)
		}
	}
}
