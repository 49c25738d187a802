package segment

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

var (
	trainFlag   = flag.Bool("train", false, "train the default splitter from ../shared and write splitter.bin")
	variantFlag = flag.String("variant", "", "with -train, train this variant (see splitterVariant) instead of the default, and write splitter-VARIANT.bin")
)

func TestTrainSplitter(t *testing.T) {
	if !*trainFlag {
		t.Skip("run with -train to train splitter.bin from ../shared")
	}
	sh := sharedDir(t)
	cfg, out := defaultRecipe, "splitter.bin"
	if *variantFlag != "" {
		var ok bool
		if cfg, ok = splitterVariant(*variantFlag); !ok {
			t.Fatalf("no splitter variant %q", *variantFlag)
		}
		out = "splitter-" + *variantFlag + ".bin"
	}
	sp, err := trainDefaultSplitter(filepath.Join(sh, "corpora"), filepath.Join(sh, "persian"), cfg, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	data, err := sp.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: %d bytes", out, len(data))
	seed, err := os.ReadFile(filepath.Join(sharedDir(t), "examples", "seed-fa-news.txt"))
	if err == nil {
		d, _ := Text(string(seed), TextOptions{Splitter: sp})
		for _, b := range d.Blocks {
			if b.Line == 30 {
				t.Logf("seed unit: %s", d.Text[b.Start:b.End])
			}
		}
	}
}

func TestTrainDeterministic(t *testing.T) {
	titles, paras := tinyTexts()
	var cc CohesionCounter
	for _, s := range append(slices.Clone(titles), paras...) {
		cc.Add(s)
	}
	coh := cc.Cohesion()
	var out [2][]byte
	for i := range out {
		ex := RunOnExamples(titles, paras, RunOnConfig{Seed: 7, Lists: 20, DropZWNJ: 0.5, Docs: 3})
		for i := range ex {
			ex[i].Cohesion = coh
		}
		sp, err := TrainSplitter(ex, TrainConfig{Seed: 3, MinCount: 1, Cohesion: coh, Suffixes: 3, Prefixes: 1})
		if err != nil {
			t.Fatal(err)
		}
		out[i], _ = sp.MarshalBinary()
	}
	if string(out[0]) != string(out[1]) {
		t.Fatal("training is not deterministic")
	}
	var sp Splitter
	if err := sp.UnmarshalBinary(out[0]); err != nil {
		t.Fatal(err)
	}
	again, _ := sp.MarshalBinary()
	if string(again) != string(out[0]) {
		t.Fatal("MarshalBinary(UnmarshalBinary(x)) != x")
	}
	if !sp.affixes {
		t.Fatal("no affix keys learned")
	}
	if err := sp.UnmarshalBinary(out[0][:len(out[0])-1]); err == nil {
		t.Fatal("truncated data decoded")
	}
}

func TestAffixKey(t *testing.T) {
	for _, c := range []struct {
		tok    string
		n      int
		suffix bool
		want   string // "" when there is none
	}{
		{"خواص", 1, true, "*ص"},
		{"خواص", 3, true, "*واص"},
		{"خواص", 1, false, "خ*"},
		{"خواص", 4, false, ""},
		{"ab", 2, true, ""},
		{"why", 2, false, "wh*"},
	} {
		k, ok := affixKey(nil, []byte(c.tok), c.n, c.suffix)
		if got := string(k); ok != (c.want != "") || got != c.want {
			t.Errorf("affixKey(%q, %d, %v) = %q, %v; want %q", c.tok, c.n, c.suffix, got, ok, c.want)
		}
		if ok && affixLen(string(k), c.suffix) != c.n {
			t.Errorf("affixLen(%q) = %d, want %d", k, affixLen(string(k), c.suffix), c.n)
		}
	}
}

// BenchmarkDecodeSplitter is the splitter's share of the first
// classification after start: decoding the embedded splitter.bin (word
// tables, cohesion table), done once per process.
func BenchmarkDecodeSplitter(b *testing.B) {
	for b.Loop() {
		var s Splitter
		if err := s.UnmarshalBinary(defaultSplitterData); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRunOnMarkedShare checks that MarkedShare 1 makes lists of titles
// ending in ? or ! only, and that 0 leaves the lists as they were.
func TestRunOnMarkedShare(t *testing.T) {
	titles := []string{"Why is the sky blue?", "Ten cats", "Wow!", "A dog «barks»", "چرا آسمان آبی است؟»"}
	for _, tc := range []struct {
		name  string
		share float64
	}{{"all marked", 1}, {"none", 0}} {
		t.Run(tc.name, func(t *testing.T) {
			ex := RunOnExamples(titles, nil, RunOnConfig{Seed: 1, Lists: 30, MarkedShare: tc.share})
			plain := 0
			for _, e := range ex {
				units := append(append([]int{0}, e.Cuts...), len(e.Line))
				for i := 1; i < len(units); i++ {
					if !endsQuestion(e.Line[units[i-1]:units[i]]) {
						plain++
					}
				}
			}
			if tc.share == 1 && plain > 0 {
				t.Errorf("%d titles without ? or ! in lists drawn with MarkedShare 1", plain)
			}
			if tc.share == 0 && plain == 0 {
				t.Error("MarkedShare 0 drew only marked titles")
			}
		})
	}
}
