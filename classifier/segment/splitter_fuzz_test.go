package segment

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/token"
)

// tinyTexts are a few titles and paragraphs in English and Persian.
func tinyTexts() (titles, paras []string) {
	titles = []string{"Why the sky is blue?", "Ten cats you must see", "چرا آسمان آبی است؟", "خواص تربچه برای سلامتی",
		"Markets fall again", "The best phones of the year", "قیمت طلا امروز", "دیدار تیم ملی با ژاپن"}
	paras = []string{"This is a long paragraph. It has sentences? Yes, it does, and it goes on for a while.",
		"این یک پاراگراف است که ادامه دارد و تمام نمی‌شود. آیا درست است؟ بله درست است."}
	return titles, paras
}

// tinyExamples makes training lines of titles and paragraphs: every
// paragraph alone, and run-on lists of two to four titles with their cuts
// (internal/splittrain's RunOnExamples makes the real training lines).
func tinyExamples(titles, paras []string) []SplitExample {
	var out []SplitExample
	for i := range 3 * len(titles) {
		var b strings.Builder
		var cuts []int
		for j := range 2 + i%3 {
			if j > 0 {
				b.WriteByte(' ')
				cuts = append(cuts, b.Len())
			}
			b.WriteString(titles[(i*5+j*3)%len(titles)])
		}
		out = append(out, SplitExample{Line: b.String(), Cuts: cuts})
	}
	for _, p := range paras {
		out = append(out, SplitExample{Line: p})
	}
	return out
}

// tinySplitter trains a small splitter with every section: word tables,
// list weights, a length prior and a cohesion table.
func tinySplitter(t testing.TB) *Splitter {
	titles, paras := tinyTexts()
	var cc CohesionCounter
	for _, s := range append(slices.Clone(titles), paras...) {
		cc.Add(s)
	}
	coh := cc.Cohesion()
	ex := tinyExamples(titles, paras)
	for i := range ex {
		ex[i].Cohesion = coh
	}
	sp, err := TrainSplitter(ex, TrainConfig{Seed: 3, MinCount: 1, Cohesion: coh})
	if err != nil {
		t.Fatal(err)
	}
	sp.FitLengths(titles)
	sp.LenWeight, sp.ListBias = 0.5, 0.5
	return sp
}

// FuzzSplitterDecode checks that UnmarshalBinary never panics and that
// what it accepts encodes back to the same bytes.
func FuzzSplitterDecode(f *testing.F) {
	data, err := tinySplitter(f).MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add([]byte(splitterMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		var s Splitter
		if s.UnmarshalBinary(b) != nil {
			return
		}
		again, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var s2 Splitter
		if err := s2.UnmarshalBinary(again); err != nil {
			t.Fatalf("re-decoding: %v", err)
		}
		if again2, _ := s2.MarshalBinary(); !bytes.Equal(again, again2) {
			t.Fatal("encoding is not stable")
		}
	})
}

func TestSplitterRoundTrip(t *testing.T) {
	sp := tinySplitter(t)
	data, err := sp.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var s Splitter
	if err := s.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.MarshalBinary(); !bytes.Equal(again, data) {
		t.Fatal("MarshalBinary(UnmarshalBinary(x)) != x")
	}
	line := "Why the sky is blue? Ten cats you must see چرا آسمان آبی است؟ خواص تربچه برای سلامتی"
	a, _ := Text(line, TextOptions{Splitter: sp})
	b, _ := Text(line, TextOptions{Splitter: &s})
	checkSameSpans(t, "decoded splitter", b.Blocks, a.Blocks)
}

// TestSplitterMagic checks that only a splitter with affix keys is
// written as WSPL5, so that older readers still read the others.
func TestSplitterMagic(t *testing.T) {
	for _, tc := range []struct {
		name  string
		end   map[string]float32
		magic string
	}{
		{"words", map[string]float32{"سلامتی": 1}, oldSplitterMagic},
		{"suffix", map[string]float32{"سلامتی": 1, "*تی": 0.5}, splitterMagic},
		{"long suffix", map[string]float32{"*abcdef": 0.5}, splitterMagic},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := newSplitter(handWeights(), tc.end, nil).MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if got := string(data[:len(tc.magic)]); got != tc.magic {
				t.Errorf("magic %q, want %q", got, tc.magic)
			}
			var s Splitter
			if err := s.UnmarshalBinary(data); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// FuzzEdgeHashes checks edgeHashes (with its shortcut for printable
// ASCII) against the tokeniser on arbitrary words.
func FuzzEdgeHashes(f *testing.F) {
	for _, s := range []string{"", "hello", "Hello,", "don't", "(+photos)", "mp3", "2024", "12345", "1234567890",
		"a1-b2", "x\x7fy", "x\x01y", "--", "«سلام»", "café", "1.234,5", "ABC123def"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		var it token.Iter
		f1, l1, ok1 := edgeHashes(&it, w)
		f2, l2, ok2 := iterEdgeHashes(&it, w)
		if f1 != f2 || l1 != l2 || ok1 != ok2 {
			t.Fatalf("edgeHashes(%q) = %x %x %v, tokeniser %x %x %v", w, f1, l1, ok1, f2, l2, ok2)
		}
	})
}
