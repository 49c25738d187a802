package model

import (
	"path/filepath"

	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/decode"
	"github.com/winnowhq/winnow/internal/corpus"

	"github.com/winnowhq/winnow/classifier/segment"
)

// tinyData is a small in-memory training set: plain-text pages with a
// title, body paragraphs and boilerplate lines.
func tinyData(t testing.TB) Data {
	t.Helper()
	bodies := []string{
		"The council voted on Tuesday to expand the city's bus network, adding four routes.",
		"Officials said the plan would cost about 12 million dollars over three years.",
		"Residents who spoke at the meeting were mostly in favour of the proposal.",
		"همزمان با افزایش تعداد تروریستهای داعش در افغانستان، رئیس جمهوری روسیه برای تبادل اطلاعات رو آورده است.",
		"به گزارش ایسنا، سخنگوی وزارت امورخارجه گفت ارتباط میان دو کشور تنها حول محور تبادل اطلاعات است.",
	}
	boiler := []struct {
		text  string
		class int
	}{
		{"Share on Facebook", ClassShare}, {"ارسال به دوستان", ClassShare},
		{"Home | News | Sport | Weather", ClassNavigation},
		{"© 2024 The Daily Example. All rights reserved.", ClassLegal},
		{"کد خبر ۴۴۰۱۹۹", ClassMetadata}, {"Posted 12 March 2024", ClassMetadata},
		{"بلیط هواپیما فلای تودی", ClassAd}, {"Related: Ten things you missed this week", ClassRelated},
	}
	var data Data
	for i := range 24 {
		var lines []string
		var labels []int8
		add := func(s string, k int) { lines = append(lines, s); labels = append(labels, int8(k)) }
		add(boiler[i%len(boiler)].text, boiler[i%len(boiler)].class)
		add(fmt.Sprintf("Headline number %d about the city", i), ClassTitle)
		for j := range 3 {
			add(bodies[(i+j)%len(bodies)], ClassBody)
		}
		add(boiler[(i+3)%len(boiler)].text, boiler[(i+3)%len(boiler)].class)
		add(boiler[(i+5)%len(boiler)].text, boiler[(i+5)%len(boiler)].class)
		doc, err := segment.Text(strings.Join(lines, "\n"), segment.TextOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Blocks) != len(labels) {
			// the splitter may cut lines: label by line
			ls := make([]int8, len(doc.Blocks))
			for b := range doc.Blocks {
				ls[b] = labels[doc.Blocks[b].Line]
			}
			labels = ls
		}
		d := Doc{Seg: doc, Labels: labels, Group: fmt.Sprintf("site%d", i%6), Source: "tiny", Kind: PageArticle}
		if i%6 == 5 {
			data.Dev = append(data.Dev, d)
		} else {
			data.Train = append(data.Train, d)
		}
	}
	// listing pages: a menu, then a list of headlines, nothing else
	for i := range 8 {
		var lines []string
		lines = append(lines, boiler[2].text)
		for j := range 10 {
			lines = append(lines, fmt.Sprintf("Headline number %d about the city", i*10+j))
		}
		doc, err := segment.Text(strings.Join(lines, "\n"), segment.TextOptions{})
		if err != nil {
			t.Fatal(err)
		}
		labels := make([]int8, len(doc.Blocks))
		for b := range labels {
			labels[b] = ClassRelated
		}
		labels[0] = ClassNavigation
		d := Doc{Seg: doc, Labels: labels, Group: fmt.Sprintf("list%d", i%4), Source: "tiny-list", Kind: PageListing}
		if i%4 == 3 {
			data.Dev = append(data.Dev, d)
		} else {
			data.Train = append(data.Train, d)
		}
	}
	return data
}

func trainTiny(t testing.TB, seed uint64) (*Model, []byte) {
	t.Helper()
	m, err := Train(context.Background(), tinyData(t), Config{Seed: seed, Bits: 12, Epochs: 3, Folds: 2, Version: "tiny"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	return m, buf.Bytes()
}

func TestTrainDeterministic(t *testing.T) {
	_, a := trainTiny(t, 7)
	_, b := trainTiny(t, 7)
	if !bytes.Equal(a, b) {
		t.Fatalf("two trainings with the same data and seed differ (%d vs %d bytes)", len(a), len(b))
	}
	_, c := trainTiny(t, 8)
	if bytes.Equal(a, c) {
		t.Errorf("different seeds gave identical files")
	}
}

func TestRoundTrip(t *testing.T) {
	m, data := trainTiny(t, 1)
	m2, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m2.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), data) {
		t.Fatal("decode+encode changed the file")
	}
	doc, _ := segment.Text("Headline number 3 about the city\nOfficials said the plan would cost about 12 million dollars over three years.\nShare on Facebook", segment.TextOptions{})
	p1, p2 := m.Predict(doc, 0), m2.Predict(doc, 0)
	for i := range p1 {
		if p1[i].ContentProb != p2[i].ContentProb {
			t.Errorf("block %d: %v vs %v", i, p1[i].ContentProb, p2[i].ContentProb)
		}
	}
	if m2.Info().Version != "tiny" || m2.Info().Fingerprint == "" {
		t.Errorf("info not kept: %+v", m2.Info())
	}
}

func TestDecodeErrors(t *testing.T) {
	_, data := trainTiny(t, 1)
	// a model whose fingerprint names another pipeline
	i := bytes.Index(data, []byte(`"fingerprint":"`)) + len(`"fingerprint":"`)
	other := bytes.Clone(data)
	if other[i] == '0' {
		other[i] = '1'
	} else {
		other[i] = '0'
	}
	_, err := Decode(withChecksum(other))
	var fe *FingerprintError
	if !errors.As(err, &fe) {
		t.Errorf("fingerprint mismatch: got %v, want *FingerprintError", err)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"magic", []byte("not a model at all, just text")},
		{"truncated header", data[:20]},
		{"truncated weights", data[:len(data)-3]},
		{"trailing", append(bytes.Clone(data), 1, 2, 3)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(tc.data)
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Errorf("got %v, want *FormatError", err)
			}
		})
	}
}

func TestPredictEdgeCases(t *testing.T) {
	m, _ := trainTiny(t, 1)
	tests := []struct {
		name, text string
	}{
		{"empty", ""},
		{"nul bytes", "a\x00b\x00\x00c"},
		{"invalid utf8", "\xff\xfe abc \xc3"},
		{"one long line", strings.Repeat("word ", 20000)},
		{"cjk", "北京时间今天上午，国务院召开常务会议。"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := segment.Text(tc.text, segment.TextOptions{})
			if err != nil {
				t.Skip(err)
			}
			ps := m.Predict(doc, 3)
			if len(ps) != len(doc.Blocks) {
				t.Fatalf("%d predictions for %d blocks", len(ps), len(doc.Blocks))
			}
			for _, p := range ps {
				sum := 0.0
				for _, v := range p.Probs {
					sum += v
				}
				if sum < 0.999 || sum > 1.001 || p.ContentProb < 0 || p.ContentProb > 1.000001 {
					t.Errorf("bad probabilities %v", p.Probs)
				}
			}
		})
	}
}

func TestExplain(t *testing.T) {
	m, _ := trainTiny(t, 1)
	doc, _ := segment.Text("Share on Facebook", segment.TextOptions{})
	p := m.Predict(doc, 4)[0]
	if len(p.Explain) == 0 || len(p.Explain) > 4 {
		t.Fatalf("got %d contributions, want 1..4", len(p.Explain))
	}
	for _, c := range p.Explain {
		if c.Feature == "" {
			t.Errorf("unnamed feature in %v", p.Explain)
		}
	}
}

func TestDefault(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if m.Threshold() <= 0 || m.Threshold() >= 1 {
		t.Errorf("threshold %v", m.Threshold())
	}
	if m.Info().TokenProbe != "" && !m.TokenProbeCurrent() {
		t.Errorf("the token package changed since the default model was trained: retrain it (winnow train) and replace default.wnm")
	}
}

func ExampleModel_Predict() {
	m, err := Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	page := "کد خبر ۴۴۰۱۹۹\n" +
		"همکاری اطلاعاتی مسکو با طالبان علیه داعش\n" +
		"همزمان با افزایش تعداد تروریستهای داعش در افغانستان، رئیس جمهوری روسیه برای تبادل اطلاعات به طالبان، یکی از دشمنان قدیمیاش رو آورده است.\n" +
		"به گزارش ایسنا به نقل از شبکه تلویزیونی سی.ان.ان، ماریا زاخارووا، سخنگوی وزارت امورخارجه روسیه گفت: ارتباط میان مسکو و طالبان افغانستان تنها حول محور تبادل اطلاعات است.\n" +
		"ارسال به دوستان\n" +
		"بلیط هواپیما فلای تودی\n" +
		"آیا بادام به کالریسوزی بدن کمک میکند؟ غار نمکی گرمسار، جاذبهای نفس گیر برای عاشقان طبیعت (+عکس)\n"
	doc, _ := segment.Text(page, segment.TextOptions{})
	for _, p := range m.Predict(doc, 0) {
		fmt.Println(ClassNames[Decide(p, m.Threshold())])
	}
	// The first glued title, right after the flight-ticket ad, is taken
	// for more of the ad: boilerplate, but the wrong category. The last
	// line, the glued related titles cut from the rest of their list at
	// the end of this excerpt, comes out ad too; on the whole page
	// (../shared/examples/seed-fa-news.txt, winnow eval) it is related.

	// Output:
	// metadata
	// title
	// body
	// body
	// share
	// ad
	// ad
	// ad
}

func BenchmarkPredict(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat("The council voted on Tuesday to expand the city's bus network, adding four routes.\nShare on Facebook\n", 50)
	doc, _ := segment.Text(text, segment.TextOptions{})
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		m.Predict(doc, 0)
	}
}

// corpusPages reads up to n pages of a shared corpus, decoded, for
// benchmarks; it skips when the shared folder is absent.
func corpusPages(b *testing.B, set string, n int) []string {
	b.Helper()
	sh, err := corpus.SharedDir()
	if err != nil {
		b.Skip(err)
	}
	s, err := corpus.Open(filepath.Join(sh, "corpora", set))
	if err != nil {
		b.Skip(err)
	}
	var out []string
	for _, p := range s.Pages[:min(n, len(s.Pages))] {
		raw, err := s.HTML(p)
		if err != nil {
			b.Fatal(err)
		}
		d, err := decode.Decode(raw, "")
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, d.Text)
	}
	return out
}

// BenchmarkSegment and BenchmarkPredictCorpus compare segmentation time
// with scoring time on the same pages (the model should add at most 30%).
func BenchmarkSegment(b *testing.B) {
	pages := corpusPages(b, "l3s_gn1", 40)
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pages {
			if _, err := segment.HTML(p, segment.HTMLOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkPredictCorpus(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	var docs []*segment.Doc
	for _, p := range corpusPages(b, "l3s_gn1", 40) {
		d, err := segment.HTML(p, segment.HTMLOptions{})
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			m.Predict(d, 0)
		}
	}
}

// BenchmarkDecodeDefault is the model's share of the first classification
// after start.
func BenchmarkDecodeDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzDecode checks that Decode never panics on arbitrary bytes and that
// whatever it accepts encodes back to the same bytes.
func FuzzDecode(f *testing.F) {
	_, data := trainTiny(f, 1)
	f.Add(data)
	f.Add([]byte(magic))
	f.Add(data[:64])
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Decode(b)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := m.Encode(&buf); err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkFirstClassification is the model's part of the first
// classification after start: decoding the embedded model, then labelling
// one page (the seed example, segmented as text).
func BenchmarkFirstClassification(b *testing.B) {
	text := strings.Repeat("همزمان با افزایش تعداد تروریستهای داعش در افغانستان، رئیس جمهوری روسیه برای تبادل اطلاعات به طالبان رو آورده است.\nارسال به دوستان\n", 20)
	for b.Loop() {
		m, err := Default()
		if err != nil {
			b.Fatal(err)
		}
		doc, _ := segment.Text(text, segment.TextOptions{})
		m.Predict(doc, 0)
	}
}

func TestStamped(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	a, err := m.Stamped("base")
	if err != nil {
		t.Fatal(err)
	}
	b, err := a.Stamped("base")
	if err != nil {
		t.Fatal(err)
	}
	if a.Info().Version != b.Info().Version || !strings.HasPrefix(a.Info().Version, "base-") || len(a.Info().Version) != len("base-")+8 {
		t.Errorf("stamps %q and %q: want one stable base-XXXXXXXX", a.Info().Version, b.Info().Version)
	}
	if m.Info().Version == "" || !strings.HasSuffix(m.Info().Version, a.Info().Version[len("base"):]) {
		t.Errorf("the default model's version %q does not carry its weights' stamp %q", m.Info().Version, a.Info().Version)
	}
}
