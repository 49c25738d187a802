package segment

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var trainFlag = flag.Bool("train", false, "train the default splitter from ../shared and write splitter.bin")

// trainingData loads titles and paragraphs from the trainable shared
// corpora: Persian news (course-nlp-ir) and English wcxb-dev-clean titles
// (manifest) and gold paragraphs. Items i%10 == 0 are held out for the
// test, i%10 == 1 for validation (choosing LongWords and LongMargin).
func trainingData(t testing.TB) (trainT, trainP, valT, valP, testT, testP []string) {
	sh := sharedDir(t)
	var titles, paras []string
	files, _ := filepath.Glob(filepath.Join(sh, "persian", "corpora", "course-nlp-ir", "*.json"))
	slices.Sort(files)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var docs []struct {
			Title      string   `json:"title"`
			Abstract   string   `json:"abstract"`
			Paragraphs []string `json:"paragraphs"`
		}
		if err := json.Unmarshal(raw, &docs); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, d := range docs {
			titles = append(titles, d.Title)
			if d.Abstract != "" {
				paras = append(paras, d.Abstract)
			}
			paras = append(paras, d.Paragraphs...)
		}
	}
	wc := filepath.Join(sh, "corpora", "wcxb-dev-clean")
	mf, err := os.Open(filepath.Join(wc, "manifest.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer mf.Close()
	sc := bufio.NewScanner(mf)
	sc.Buffer(nil, 1<<20)
	for n := 0; sc.Scan(); n++ {
		var m struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		}
		if json.Unmarshal(sc.Bytes(), &m) != nil {
			continue
		}
		if m.Title != "" {
			titles = append(titles, m.Title)
		}
		if n%2 == 0 { // half the pages give paragraphs: enough, and faster
			g, err := os.ReadFile(filepath.Join(wc, "gold", m.ID+".txt"))
			if err != nil {
				continue
			}
			for l := range strings.SplitSeq(string(g), "\n") {
				if len(strings.Fields(l)) >= 12 {
					paras = append(paras, l)
				}
			}
		}
	}
	for i, s := range titles {
		switch i % 10 {
		case 0:
			testT = append(testT, s)
		case 1:
			valT = append(valT, s)
		default:
			trainT = append(trainT, s)
		}
	}
	for i, s := range paras {
		switch i % 10 {
		case 0:
			testP = append(testP, s)
		case 1:
			valP = append(valP, s)
		default:
			trainP = append(trainP, s)
		}
	}
	return
}

func trainDefault(t testing.TB, trainT, trainP []string) *Splitter {
	ex := RunOnExamples(trainT, trainP, RunOnConfig{Seed: 1, Lists: len(trainT), MaxTitles: 25, DropZWNJ: 0.5, Docs: len(trainT) / 4})
	sp, err := TrainSplitter(ex, TrainConfig{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return sp
}

// evalSplitter reports gap precision and recall on held-out synthetic
// lines, and the units it makes of the seed example's last line.
// evalSplitter returns F0.5 over gaps: precision weighs more than recall,
// since a wrong cut shreds a title or a sentence.
func evalSplitter(t testing.TB, name string, sp *Splitter, testT, testP []string) (f05 float64) {
	ex := RunOnExamples(testT, testP, RunOnConfig{Seed: 2, Lists: len(testT), MaxTitles: 25, DropZWNJ: 0.5, Docs: len(testT) / 4})
	var tp, fp, fn, negLines, shredded int
	for _, e := range ex {
		a, b, c := sp.GapScore(e)
		tp, fp, fn = tp+a, fp+b, fn+c
		if len(e.Cuts) == 0 {
			negLines++
			if b > 0 {
				shredded++
				if shredded <= 4 && testing.Verbose() {
					d, _ := Text(e.Line, TextOptions{Splitter: sp})
					for _, bl := range d.Blocks {
						t.Logf("  shredded: %s", clip(e.Line[bl.Start:bl.End]))
					}
				}
			}
		}
	}
	p := float64(tp) / float64(max(1, tp+fp))
	r := float64(tp) / float64(max(1, tp+fn))
	f05 = 1.25 * p * r / max(1e-9, 0.25*p+r)
	t.Logf("%s: gaps P=%.3f R=%.3f F1=%.3f F0.5=%.3f (tp %d fp %d fn %d); paragraphs cut: %d of %d",
		name, p, r, 2*p*r/max(1e-9, p+r), f05, tp, fp, fn, shredded, negLines)
	return f05
}

func TestTrainSplitter(t *testing.T) {
	if !*trainFlag {
		t.Skip("run with -train to train splitter.bin from ../shared")
	}
	trainT, trainP, valT, valP, testT, testP := trainingData(t)
	t.Logf("titles %d/%d/%d, paragraphs %d/%d/%d (train/validation/test)", len(trainT), len(valT), len(testT), len(trainP), len(valP), len(testP))
	evalSplitter(t, "test, hand weights", NewSplitter(handWeights(), nil, nil), testT, testP)
	sp := trainDefault(t, trainT, trainP)
	evalSplitter(t, "test, trained, one pass", sp, testT, testP)
	// Choose the second pass on the validation split, by F0.5.
	bestF1, bestW, bestM := evalSplitter(t, "validation, one pass", sp, valT, valP), 0, float32(0)
	for _, lw := range []int{16, 20, 25, 30} {
		for _, m := range []float32{0.5, 1, 2} {
			sp.LongWords, sp.LongMargin = lw, m
			if f1 := evalSplitter(t, fmt.Sprintf("validation, LongWords %d LongMargin %g", lw, m), sp, valT, valP); f1 > bestF1 {
				bestF1, bestW, bestM = f1, lw, m
			}
		}
	}
	sp.LongWords, sp.LongMargin = bestW, bestM
	evalSplitter(t, fmt.Sprintf("test, trained, LongWords %d LongMargin %g", bestW, bestM), sp, testT, testP)
	for f := range NumFeatures {
		t.Logf("%-14s %+.2f", f, sp.Weights[f])
	}
	t.Logf("End %d words, Start %d words", len(sp.End), len(sp.Start))
	data, err := sp.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("splitter.bin", data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote splitter.bin: %d bytes", len(data))
	seed, err := os.ReadFile(filepath.Join(sharedDir(t), "examples", "seed-fa-news.txt"))
	if err == nil {
		d, _ := Text(string(seed), TextOptions{Splitter: sp})
		for _, b := range d.Blocks {
			if b.Line == 30 {
				fmt.Println("seed unit:", d.Text[b.Start:b.End])
			}
		}
	}
}

func TestTrainDeterministic(t *testing.T) {
	titles := []string{"Why the sky is blue?", "Ten cats you must see", "چرا آسمان آبی است؟", "خواص تربچه برای سلامتی",
		"Markets fall again", "The best phones of the year", "قیمت طلا امروز", "دیدار تیم ملی با ژاپن"}
	paras := []string{"This is a long paragraph. It has sentences? Yes, it does, and it goes on for a while.",
		"این یک پاراگراف است که ادامه دارد و تمام نمی‌شود. آیا درست است؟ بله درست است."}
	var out [2][]byte
	for i := range out {
		ex := RunOnExamples(titles, paras, RunOnConfig{Seed: 7, Lists: 20, DropZWNJ: 0.5, Docs: 3})
		sp, err := TrainSplitter(ex, TrainConfig{Seed: 3, MinCount: 1})
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
	if err := sp.UnmarshalBinary(out[0][:len(out[0])-1]); err == nil {
		t.Fatal("truncated data decoded")
	}
}
