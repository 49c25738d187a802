package model_test

// The speed work on feature extraction and scoring must not change a single
// prediction. TestPredictGolden classifies about 200 shared-corpus and
// Persian pages, each in HTML and in text mode, and compares a hash of every
// output bit (probabilities, and for some pages the explanations) with the
// recorded one in testdata/predict_speed.golden.
//
// The hash of the model's input (the segmented document and the tokens the
// token package cuts from every block) is recorded beside it: a page whose
// input changed (segmentation or tokenisation work elsewhere) is not
// compared, only counted; re-record with
//
//	go test ./classifier/model/ -run TestPredictGolden -update

import (
	"bufio"
	"flag"
	"fmt"
	"hash"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/decode"
	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/classifier/token"
	"github.com/winnowhq/winnow/internal/corpus"
	"github.com/winnowhq/winnow/internal/dataset"
)

var update = flag.Bool("update", false, "rewrite golden files")

const goldenPredict = "testdata/predict_speed.golden"

// goldenPage is one page of the golden set, as raw HTML (corpus pages) or
// as HTML and scraped text (Persian pages).
type goldenPage struct {
	name       string
	html, text string
}

// goldenPages picks the pages: the first 100 of l3s_gn1, the first 10 per
// language of daniel, the first 15 of zh_webce and the first 35 Persian dev
// pages.
func goldenPages(t *testing.T) []goldenPage {
	t.Helper()
	sh, err := corpus.SharedDir()
	if err != nil {
		t.Skip(err)
	}
	var out []goldenPage
	add := func(set string, n int, perLang bool) {
		s, err := corpus.Open(filepath.Join(sh, "corpora", set))
		if err != nil {
			t.Skip(err)
		}
		seen := map[string]int{}
		taken := 0
		for _, p := range s.Pages {
			if perLang {
				if seen[p.LangHint] >= n {
					continue
				}
				seen[p.LangHint]++
			} else if taken >= n {
				break
			}
			taken++
			raw, err := s.HTML(p)
			if err != nil {
				t.Fatal(err)
			}
			d, err := decode.Decode(raw, "")
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, goldenPage{name: set + "/" + p.ID, html: d.Text})
		}
	}
	add("l3s_gn1", 100, false)
	add("daniel", 10, true)
	add("zh_webce", 15, false)
	pp, err := dataset.PersianDevPages(filepath.Join(sh, "persian"), 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range pp[:min(35, len(pp))] {
		out = append(out, goldenPage{name: fmt.Sprintf("persian/%d", i), html: p.Text(true), text: p.Text(false)})
	}
	return out
}

// inputHash hashes what the model reads: the document and its blocks, and
// every block's tokens and their stop-word membership.
func inputHash(doc *segment.Doc, stop *token.Stopwords) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%q %v %q %q %q\n", doc.Text, doc.HTML, doc.Title, doc.Lang, doc.OGTitle)
	var it token.Iter
	for _, b := range doc.Blocks {
		fmt.Fprintf(h, "%#v\n", b)
		it.Reset(doc.Text[b.Start:b.End])
		for it.Next() {
			h.Write(it.Token())
			if stop.Contains(it.Token()) {
				h.Write([]byte{1})
			}
			h.Write([]byte{0})
		}
	}
	return h.Sum64()
}

func writeFloat(h hash.Hash64, f float64) {
	var b [8]byte
	u := math.Float64bits(f)
	for i := range b {
		b[i] = byte(u >> (8 * i))
	}
	h.Write(b[:])
}

// outputHash hashes every bit of the predictions.
func outputHash(preds []model.Prediction) uint64 {
	h := fnv.New64a()
	for _, p := range preds {
		for _, v := range p.Probs {
			writeFloat(h, v)
		}
		writeFloat(h, p.ContentProb)
		for _, c := range p.Explain {
			h.Write([]byte(c.Feature))
			writeFloat(h, c.Weight)
		}
	}
	return h.Sum64()
}

func TestPredictGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("classifies 200 pages")
	}
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	stop := token.DefaultStopwords()
	var got []string
	for i, p := range goldenPages(t) {
		hd, err := segment.HTML(p.html, segment.HTMLOptions{})
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		text := p.text
		if text == "" {
			text = hd.Text
		}
		td, err := segment.Text(text, segment.TextOptions{})
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		explain := 0
		if i%10 == 0 {
			explain = 6
		}
		for _, d := range []struct {
			mode string
			doc  *segment.Doc
		}{{"html", hd}, {"text", td}} {
			got = append(got, fmt.Sprintf("%s %s %016x %016x", p.name, d.mode, inputHash(d.doc, stop), outputHash(m.Predict(d.doc, explain))))
		}
	}
	if *update {
		body := "# page mode input-hash output-hash (go test ./classifier/model/ -run TestPredictGolden -update)\n" + strings.Join(got, "\n") + "\n"
		if err := os.WriteFile(goldenPredict, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(goldenPredict)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string][2]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) != 4 || strings.HasPrefix(fs[0], "#") {
			continue
		}
		want[fs[0]+" "+fs[1]] = [2]string{fs[2], fs[3]}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	compared, changedInput, bad := 0, 0, 0
	for _, line := range got {
		fs := strings.Fields(line)
		w, ok := want[fs[0]+" "+fs[1]]
		if !ok || w[0] != fs[2] {
			changedInput++
			continue
		}
		compared++
		if w[1] != fs[3] {
			bad++
			if bad <= 10 {
				t.Errorf("%s %s: predictions changed on the same input", fs[0], fs[1])
			}
		}
	}
	if bad > 10 {
		t.Errorf("... %d documents in all", bad)
	}
	t.Logf("%d documents compared, %d with another input than recorded (not compared; re-record with -update)", compared, changedInput)
}

// TestPredictConcurrent checks that Predict calls running at once (sharing
// pooled scratch memory between them over time) give the sequential
// results.
func TestPredictConcurrent(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	pages := []string{
		"<html><head><title>Council votes</title></head><body><nav><a href=/>Home</a> <a href=/n>News</a></nav><article class=story-body><h1>Council votes</h1><p>The council voted on Tuesday to expand the bus network.</p><p>Officials said the plan would cost about 12 million dollars.</p></article><footer class=site-footer>© 2024 Example</footer></body></html>",
		"کد خبر ۴۴۰۱۹۹\nهمکاری اطلاعاتی مسکو با طالبان علیه داعش\nارسال به دوستان\nبلیط هواپیما فلای تودی",
		"北京时间今天上午，国务院召开常务会议。\n分享到微博",
		"",
		"a\x00b\xff\xfe",
	}
	var docs []*segment.Doc
	for i, p := range pages {
		var d *segment.Doc
		var err error
		if i == 0 {
			d, err = segment.HTML(p, segment.HTMLOptions{})
		} else {
			d, err = segment.Text(p, segment.TextOptions{})
		}
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	want := make([]uint64, len(docs))
	for i, d := range docs {
		want[i] = outputHash(m.Predict(d, 3))
	}
	const workers = 4
	errs := make(chan string, workers*len(docs)*5)
	done := make(chan struct{})
	for w := range workers {
		go func() {
			defer func() { done <- struct{}{} }()
			for r := range 5 {
				i := (w + r) % len(docs)
				if got := outputHash(m.Predict(docs[i], 3*(r%2))); r%2 == 1 && got != want[i] {
					errs <- fmt.Sprintf("page %d: concurrent prediction differs", i)
				}
			}
		}()
	}
	for range workers {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
