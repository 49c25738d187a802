package splittrain

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/classifier/token"
	"github.com/winnowhq/winnow/internal/corpus"
)

var (
	explainFlag = flag.Bool("explain", false, "report what the splitter's training data says about the seed example, and how the splitter cuts the namnak site")
	splitterBin = flag.String("splitter", "", "with -explain, the splitter file to explain instead of the default (e.g. splitter-affix.bin)")
)

// sharedDir returns ../shared, or skips the test.
func sharedDir(t *testing.T) string {
	t.Helper()
	sh, err := corpus.SharedDir()
	if err != nil {
		t.Skip("no ../shared folder")
	}
	return sh
}

// explainSplitter returns the splitter named by -splitter, or the
// default one.
func explainSplitter(t *testing.T) *segment.Splitter {
	if *splitterBin == "" {
		return segment.DefaultSplitter()
	}
	data, err := os.ReadFile(*splitterBin)
	if err != nil {
		t.Fatal(err)
	}
	sp := new(segment.Splitter)
	if err := sp.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	return sp
}

// edgeKeys returns the first and last token of w.
func edgeKeys(it *token.Iter, w string) (first, last string) {
	it.Reset(w)
	for n := 0; it.Next(); n++ {
		if n == 0 {
			first = string(it.Token())
		}
		last = string(it.Token())
	}
	return first, last
}

// tinyTexts are a few titles and paragraphs in English and Persian.
func tinyTexts() (titles, paras []string) {
	titles = []string{"Why the sky is blue?", "Ten cats you must see", "چرا آسمان آبی است؟", "خواص تربچه برای سلامتی",
		"Markets fall again", "The best phones of the year", "قیمت طلا امروز", "دیدار تیم ملی با ژاپن"}
	paras = []string{"This is a long paragraph. It has sentences? Yes, it does, and it goes on for a while.",
		"این یک پاراگراف است که ادامه دارد و تمام نمی‌شود. آیا درست است؟ بله درست است."}
	return titles, paras
}

func TestTrainDeterministic(t *testing.T) {
	titles, paras := tinyTexts()
	var cc segment.CohesionCounter
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
		sp, err := segment.TrainSplitter(ex, segment.TrainConfig{Seed: 3, MinCount: 1, Cohesion: coh, Suffixes: 3, Prefixes: 1})
		if err != nil {
			t.Fatal(err)
		}
		out[i], _ = sp.MarshalBinary()
	}
	if string(out[0]) != string(out[1]) {
		t.Fatal("training is not deterministic")
	}
	var sp segment.Splitter
	if err := sp.UnmarshalBinary(out[0]); err != nil {
		t.Fatal(err)
	}
	again, _ := sp.MarshalBinary()
	if string(again) != string(out[0]) {
		t.Fatal("MarshalBinary(UnmarshalBinary(x)) != x")
	}
	if !strings.HasPrefix(string(out[0]), "WSPL5") {
		t.Fatal("no affix keys learned (the encoding does not start with WSPL5)")
	}
	if err := sp.UnmarshalBinary(out[0][:len(out[0])-1]); err == nil {
		t.Fatal("truncated data decoded")
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

// TestExplainSeedEvidence prints, with -explain, what the splitter's
// training data (loadSplitData: both training folds) holds about the
// words on either side of the seed example's markerless title
// boundaries: how many training titles end with the word before (by its
// last token) and start with the word after (by its first token), and
// how often each occurs in titles and paragraphs. A word table can only
// learn from these counts.
func TestExplainSeedEvidence(t *testing.T) {
	if !*explainFlag {
		t.Skip("run with -explain")
	}
	sh := sharedDir(t)
	sd, err := loadSplitData(filepath.Join(sh, "corpora"), filepath.Join(sh, "persian"))
	if err != nil {
		t.Fatal(err)
	}
	var it token.Iter
	ends, starts, inTitles, inParas := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	count := func(m map[string]int, s string) {
		for it.Reset(s); it.Next(); {
			m[string(it.Token())]++
		}
	}
	titles := 0
	for f := range 2 {
		for _, s := range sd.trainT[f] {
			first, last := edgeKeys(&it, s)
			ends[last]++
			starts[first]++
			count(inTitles, s)
			titles++
		}
		for _, s := range sd.trainP[f] {
			count(inParas, s)
		}
	}
	t.Logf("%d training titles", titles)
	for _, g := range [][2]string{{"سلامتی", "حملات"}, {"الله", "دعای"}, {"تشخیص", "چرا"}, {"آن", "ریزصاعقهها"}, {"زمین", "خواص"}} {
		_, e := edgeKeys(&it, g[0])
		s, _ := edgeKeys(&it, g[1])
		t.Logf("%s|%s: titles ending with %q %d (in titles %d, paragraphs %d); starting with %q %d (in titles %d, paragraphs %d)",
			g[0], g[1], e, ends[e], inTitles[e], inParas[e], s, starts[s], inTitles[s], inParas[s])
	}
}

// TestExplainOutOfDomain reports, with -explain, how the splitter (or
// -splitter FILE) cuts synthetic lines made of the namnak site's titles
// and paragraphs (health and lifestyle, like the seed's titles): a site
// the splitter never trains on, and the one the model's Persian dev
// pages are built from. It is a report, not a selection criterion: the
// splitter is chosen on its own validation lines.
func TestExplainOutOfDomain(t *testing.T) {
	if !*explainFlag {
		t.Skip("run with -explain")
	}
	raw, err := os.ReadFile(filepath.Join(sharedDir(t), "persian", "corpora", "course-nlp-ir", "namnak-5.json"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []struct {
		Title      string   `json:"title"`
		Paragraphs []string `json:"paragraphs"`
	}
	if err := json.Unmarshal(raw, &docs); err != nil {
		t.Fatal(err)
	}
	var titles, paras, oneLine []string
	for _, d := range docs {
		titles = append(titles, d.Title)
		paras = append(paras, d.Paragraphs...)
		oneLine = append(oneLine, d.Title+" "+strings.Join(d.Paragraphs, " "))
	}
	sp := explainSplitter(t)
	t.Logf("namnak: %d titles, %d paragraphs: %v; %s", len(titles), len(paras), gapStats(sp, titles, paras), docStats(sp, oneLine))
}

func TestSentencePieces(t *testing.T) {
	short := "منو یک خبر مهم. متن دوم"
	if got := sentencePieces(short, []int{7}); len(got) != 1 || got[0].Line != short || !slices.Equal(got[0].Cuts, []int{7}) {
		t.Fatalf("short line: %+v", got)
	}
	// a line of 4 KiB or more is cut at sentence ends, as reflow does
	s := strings.Repeat("کلمه ", 900) + "پایان. خانه ورزش عنوان خبر؟ متن"
	c1 := strings.Index(s, "خانه")
	c2 := strings.Index(s, "عنوان")
	got := sentencePieces(s, []int{c1, c2})
	if len(got) != 3 {
		t.Fatalf("%d pieces, want 3", len(got))
	}
	if got[1].Line != "خانه ورزش عنوان خبر؟" || !slices.Equal(got[1].Cuts, []int{len("خانه ورزش ")}) {
		t.Fatalf("second piece %q cuts %v", got[1].Line, got[1].Cuts)
	}
	if got[2].Line != "متن" || len(got[2].Cuts) != 0 {
		t.Fatalf("last piece %+v", got[2])
	}
}

func TestSplitterVariantPages(t *testing.T) {
	r, ok := splitterVariant("base+q25+pages500+notable")
	if !ok || r.Pages != 500 || !r.NoTable || r.MarkedShare != 0.25 {
		t.Fatalf("%+v %v", r, ok)
	}
	r, ok = splitterVariant("base+pages500+listings100+notable")
	if !ok || r.Pages != 500 || r.Listings != 100 || !r.NoTable {
		t.Fatalf("%+v %v", r, ok)
	}
	for _, bad := range []string{"base+pages", "base+pages0", "base+pagesx", "base+listings", "base+listings-1", "base+pages500+listingsx"} {
		if _, ok := splitterVariant(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}
