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

// splitData is the material of the default splitter: titles and
// paragraphs for training (in two folds, A and B), validation (choosing
// LongWords, LongMargin and the shipped table) and test, and the
// cohesion counts of each training fold.
type splitData struct {
	trainT, trainP [2][]string // folds A and B
	valT, valP     []string
	testT, testP   []string
	coh            [2]*Cohesion // counted on fold A, on fold B
	cohAll         *Cohesion    // counted on both folds
}

// trainingData loads titles and paragraphs from the trainable shared
// corpora: Persian news (course-nlp-ir; not the namnak site, which the
// model's Persian dev set is built from) and English wcxb-dev-clean
// titles (manifest) and gold paragraphs. Documents are split, never their
// parts: i%10 == 0 test, 1 validation, the rest training, in fold A (i/10
// even) or B (odd). Each fold's cohesion table counts all its titles and
// paragraphs, so that the other fold's lines see words it never counted,
// as the splitter does at run time.
func trainingData(t testing.TB) *splitData {
	sh := sharedDir(t)
	type doc struct {
		title string
		paras []string
	}
	var docs []doc
	files, _ := filepath.Glob(filepath.Join(sh, "persian", "corpora", "course-nlp-ir", "*.json"))
	slices.Sort(files)
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "namnak") {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var ds []struct {
			Title      string   `json:"title"`
			Abstract   string   `json:"abstract"`
			Paragraphs []string `json:"paragraphs"`
		}
		if err := json.Unmarshal(raw, &ds); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, d := range ds {
			var ps []string
			if d.Abstract != "" {
				ps = append(ps, d.Abstract)
			}
			docs = append(docs, doc{d.Title, append(ps, d.Paragraphs...)})
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
		var d doc
		d.title = m.Title
		if n%2 == 0 { // half the pages give paragraphs: enough, and faster
			if g, err := os.ReadFile(filepath.Join(wc, "gold", m.ID+".txt")); err == nil {
				for l := range strings.SplitSeq(string(g), "\n") {
					if len(strings.Fields(l)) >= 12 {
						d.paras = append(d.paras, l)
					}
				}
			}
		}
		docs = append(docs, d)
	}
	sd := &splitData{}
	var counters [2]CohesionCounter
	for i, d := range docs {
		var ts, ps *[]string
		switch i % 10 {
		case 0:
			ts, ps = &sd.testT, &sd.testP
		case 1:
			ts, ps = &sd.valT, &sd.valP
		default:
			f := i / 10 % 2
			ts, ps = &sd.trainT[f], &sd.trainP[f]
			counters[f].Add(d.title)
			for _, p := range d.paras {
				counters[f].Add(p)
			}
		}
		if d.title != "" {
			*ts = append(*ts, d.title)
		}
		*ps = append(*ps, d.paras...)
	}
	sd.coh = [2]*Cohesion{counters[0].Cohesion(), counters[1].Cohesion()}
	var all CohesionCounter
	for i, d := range docs {
		if i%10 >= 2 {
			all.Add(d.title)
			for _, p := range d.paras {
				all.Add(p)
			}
		}
	}
	sd.cohAll = all.Cohesion()
	return sd
}

// trainDefault trains on both folds, each fold's lines scored with the
// other fold's cohesion table; the splitter keeps table coh.
func trainDefault(t testing.TB, sd *splitData, coh *Cohesion) *Splitter {
	var ex []SplitExample
	for f := range 2 {
		e := RunOnExamples(sd.trainT[f], sd.trainP[f], RunOnConfig{Seed: uint64(1 + f), Lists: len(sd.trainT[f]), MaxTitles: 25, DropZWNJ: 0.5, Docs: len(sd.trainT[f]) / 4})
		if coh != nil {
			for i := range e {
				e[i].Cohesion = sd.coh[1-f]
			}
		}
		ex = append(ex, e...)
	}
	sp, err := TrainSplitter(ex, TrainConfig{Seed: 1, Cohesion: coh})
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
	sd := trainingData(t)
	for f := range 2 {
		p, w := sd.coh[f].Len()
		t.Logf("fold %c: titles %d, paragraphs %d, cohesion %d pairs %d words", 'A'+f, len(sd.trainT[f]), len(sd.trainP[f]), p, w)
	}
	t.Logf("validation: titles %d, paragraphs %d; test: titles %d, paragraphs %d", len(sd.valT), len(sd.valP), len(sd.testT), len(sd.testP))
	evalSplitter(t, "test, hand weights", NewSplitter(handWeights(), nil, nil), sd.testT, sd.testP)
	// The shipped table: fold A's (the scale the weights were trained
	// on) or both folds' (more words), chosen with the second pass on the
	// validation split, by F0.5.
	var sp *Splitter
	bestF := -1.0
	for _, c := range []struct {
		name string
		coh  *Cohesion
	}{{"no table", nil}, {"table A", sd.coh[0]}, {"table A+B", sd.cohAll}} {
		cand := trainDefault(t, sd, c.coh)
		cand.FitLengths(append(slices.Clone(sd.trainT[0]), sd.trainT[1]...))
		evalSplitter(t, "test, trained, one pass, "+c.name, cand, sd.testT, sd.testP)
		f, w, m := evalSplitter(t, "validation, one pass, "+c.name, cand, sd.valT, sd.valP), 0, float32(0)
		for _, lw := range []int{12, 16, 20, 25, 30} {
			for _, mg := range []float32{0.5, 1, 2, 3} {
				cand.LongWords, cand.LongMargin = lw, mg
				if f1 := evalSplitter(t, fmt.Sprintf("validation, %s, LongWords %d LongMargin %g", c.name, lw, mg), cand, sd.valT, sd.valP); f1 > f {
					f, w, m = f1, lw, mg
				}
			}
		}
		cand.LongWords, cand.LongMargin = w, m
		evalSplitter(t, fmt.Sprintf("test, trained, %s, LongWords %d LongMargin %g", c.name, w, m), cand, sd.testT, sd.testP)
		// Title lists cut by dynamic programming with a length prior.
		lf, lw, lb := f, float32(0), float32(0)
		if cand.HasList {
			for _, w := range []float32{0.25, 0.5, 1, 2} {
				for _, b := range []float32{-1, -0.5, 0, 0.5, 1, 2} {
					cand.LenWeight, cand.ListBias = w, b
					if f1 := evalSplitter(t, fmt.Sprintf("validation, %s, LenWeight %g ListBias %g", c.name, w, b), cand, sd.valT, sd.valP); f1 > lf {
						lf, lw, lb = f1, w, b
					}
				}
			}
		}
		cand.LenWeight, cand.ListBias = lw, lb
		if lw > 0 {
			evalSplitter(t, fmt.Sprintf("test, trained, %s, LenWeight %g ListBias %g", c.name, lw, lb), cand, sd.testT, sd.testP)
		}
		if lf > bestF {
			bestF, sp = lf, cand
		}
	}
	for f := range NumFeatures {
		t.Logf("%-14s %+.2f", f, sp.Weights[f])
	}
	p, w := sp.Cohesion.Len() // 0, 0 without a table
	t.Logf("chosen: LenWeight %g ListBias %g, LongWords %d LongMargin %g, End %d words, Start %d words, cohesion %d pairs %d words", sp.LenWeight, sp.ListBias, sp.LongWords, sp.LongMargin, len(sp.End), len(sp.Start), p, w)
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
		sp, err := TrainSplitter(ex, TrainConfig{Seed: 3, MinCount: 1, Cohesion: coh})
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
