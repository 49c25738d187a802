package model

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/segment"
)

func TestPageModel(t *testing.T) {
	m, data := trainTiny(t, 1)
	if !m.HasPageModel() {
		t.Fatal("trained model has no page model")
	}
	if v := m.Info().FormatVersion; v != formatVersion {
		t.Errorf("format version %d, want %d", v, formatVersion)
	}
	m2, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
	}{
		{"article", "Headline number 3 about the city\nThe council voted on Tuesday to expand the city's bus network, adding four routes.\nOfficials said the plan would cost about 12 million dollars over three years.\nShare on Facebook"},
		{"listing", "Home | News | Sport | Weather\nHeadline number 1 about the city\nHeadline number 2 about the city\nHeadline number 3 about the city\nHeadline number 4 about the city\nHeadline number 5 about the city\nHeadline number 6 about the city"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := segment.Text(tc.text, segment.TextOptions{})
			if err != nil {
				t.Fatal(err)
			}
			_, p1 := m.PredictPage(doc, 0)
			_, p2 := m2.PredictPage(doc, 0)
			if p1 != p2 {
				t.Errorf("decoded model judges the page otherwise: %+v vs %+v", p1, p2)
			}
			sum := 0.0
			for _, p := range p1.Probs {
				sum += p
			}
			if p1.Kind < PageArticle || p1.Kind > PageOther || sum < 0.999 || sum > 1.001 {
				t.Errorf("bad page prediction %+v", p1)
			}
			if got := PageKindNames[p1.Kind-1]; got != tc.name {
				t.Errorf("page kind %s, want %s (probs %v)", got, tc.name, p1.Probs)
			}
		})
	}
	// an empty document has no kind
	if _, p := m.PredictPage(&segment.Doc{}, 0); p.Kind != PageUnknown || !p.HasArticle() {
		t.Errorf("empty document: %+v", p)
	}
}

func TestPageModelDecodeErrors(t *testing.T) {
	_, data := trainTiny(t, 1)
	i := bytes.Index(data, []byte(`"page_model":[[`))
	if i < 0 {
		t.Fatal("no page model in the header")
	}
	// drop the first weight of the first row: the row is one short, and the
	// header one byte... keep the header length right by padding with a space
	j := i + len(`"page_model":[[`)
	k := j + bytes.IndexByte(data[j:], ',')
	bad := bytes.Clone(data[:len(data)-checksumBytes])
	copy(bad[j:k+1], strings.Repeat(" ", k+1-j))
	sum := sha256.Sum256(bad)
	_, err := Decode(append(bad, sum[:]...))
	var fe *FormatError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "page model") {
		t.Errorf("short page model row: got %v, want *FormatError", err)
	}
}

func TestRecalibrate(t *testing.T) {
	m, _ := trainTiny(t, 1)
	r, err := Recalibrate(m, tinyData(t).Dev)
	if err != nil {
		t.Fatal(err)
	}
	if r.Info().Version == m.Info().Version || !strings.HasPrefix(r.Info().Version, "tiny-recal-") {
		t.Errorf("version %q after recalibrating %q", r.Info().Version, m.Info().Version)
	}
	// same data: the same calibration, the same predictions
	doc, err := segment.Text("Headline number 3 about the city\nOfficials said the plan would cost about 12 million dollars over three years.\nShare on Facebook", segment.TextOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p1, k1 := m.PredictPage(doc, 0)
	p2, k2 := r.PredictPage(doc, 0)
	if k1 != k2 {
		t.Errorf("page prediction changed: %+v vs %+v", k1, k2)
	}
	for i := range p1 {
		if d := p1[i].ContentProb - p2[i].ContentProb; d > 1e-6 || d < -1e-6 {
			t.Errorf("block %d: content probability %v, recalibrated %v", i, p1[i].ContentProb, p2[i].ContentProb)
		}
	}
}

// TestFitArticleCut checks the two cuts on hand-made pages whose article
// probability the page model's bias alone sets (all features but the
// bias zero): the fit keeps every article, and judges a non-article page
// to hold one only when that costs no article.
func TestFitArticleCut(t *testing.T) {
	// page with article probability p: a bias of logit(p) for the article
	// row, 0 for the others, so that the softmax over five kinds is p
	ex := func(p float64, kind int8) pageExample {
		// the article row's weight is 1 and f[0] scales it: z = log(4p/(1-p))
		e := pageExample{kind: kind}
		e.f[0] = float32(math.Log(4 * p / (1 - p)))
		return e
	}
	var pm pageModel
	pm.w[PageArticle-1][0] = 1
	tests := []struct {
		name                 string
		dev                  []pageExample
		dominant             []bool
		wantArticle, wantDom float32
	}{
		{
			name:        "listings below every article",
			dev:         []pageExample{ex(0.9, PageArticle), ex(0.6, PageArticle), ex(0.1, PageListing), ex(0.12, PageListing)},
			dominant:    []bool{true, false, false, false},
			wantArticle: 0.15, wantDom: 0,
		},
		{
			name: "dominant listings told apart by the lower cut",
			// the dominant article at 0.15 must keep its content, the
			// dominant listing at 0.07 need not (above 0.2 a page's
			// most probable kind is the article: it holds one)
			dev:         []pageExample{ex(0.15, PageArticle), ex(0.7, PageArticle), ex(0.07, PageListing), ex(0.18, PageListing)},
			dominant:    []bool{true, false, true, false},
			wantArticle: 0.2, wantDom: 0.1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := pm
			for i := range tc.dev {
				tc.dev[i].dominant = tc.dominant[i]
			}
			fitArticleCut(&p, tc.dev, make([]string, len(tc.dev)))
			if p.article != tc.wantArticle || p.dominant != tc.wantDom {
				t.Errorf("cuts %v / %v, want %v / %v", p.article, p.dominant, tc.wantArticle, tc.wantDom)
			}
			for i, e := range tc.dev {
				pp := p.predict(&e.f)
				has := pp.Article || tc.dominant[i] && pp.DominantArticle
				if e.kind == PageArticle && !has {
					t.Errorf("page %d: article judged to hold none (p %.2f)", i, pp.Probs[PageArticle-1])
				}
			}
		})
	}
}

func TestPageDominantCutDecode(t *testing.T) {
	_, data := trainTiny(t, 1)
	hdr := data[:len(data)-checksumBytes]
	i := bytes.Index(hdr, []byte(`"page_dominant_cut":`))
	if i < 0 {
		// the tiny model's cut may be 0 (omitted): add one above the
		// article cut in place of the article cut's key
		i = bytes.Index(hdr, []byte(`"page_article_cut":`))
		if i < 0 {
			t.Fatal("no page article cut in the header")
		}
	}
	j := i + bytes.IndexByte(hdr[i:], ':') + 1
	k := j
	for k < len(hdr) && (hdr[k] == '.' || hdr[k] >= '0' && hdr[k] <= '9') {
		k++
	}
	bad := bytes.Clone(hdr)
	// a cut of 2 (padded to the old width): out of range
	val := []byte("2" + strings.Repeat(" ", k-j-1))
	copy(bad[j:k], val)
	sum := sha256.Sum256(bad)
	_, err := Decode(append(bad, sum[:]...))
	var fe *FormatError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "cut") {
		t.Errorf("page cut 2: got %v, want *FormatError", err)
	}
}

// TestPageModelOldRows decodes files whose page model rows hold the
// weights of files written before the URL features (numPageFeatsV5) or
// before the title features (numPageFeatsV6): they decode, the later
// weights are zero and the others unchanged.
func TestPageModelOldRows(t *testing.T) {
	m0, data := trainTiny(t, 1)
	for _, tc := range []struct {
		name  string
		width int
		rows  int // rows cut to width; fewer than all is a corrupt file
	}{
		{"before the URL features", numPageFeatsV5, NumPageKinds},
		{"before the title features", numPageFeatsV6, NumPageKinds},
		{"rows of two widths", numPageFeatsV6, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hdr := bytes.Clone(data[:len(data)-checksumBytes])
			i := bytes.Index(hdr, []byte(`"page_model":[`))
			if i < 0 {
				t.Fatal("no page model in the header")
			}
			p := i + len(`"page_model":[`)
			for range tc.rows {
				start := p + bytes.IndexByte(hdr[p:], '[') + 1
				end := start + bytes.IndexByte(hdr[start:], ']')
				// blank the row from the comma before weight tc.width on
				commas, cut := 0, -1
				for k := start; k < end; k++ {
					if hdr[k] == ',' {
						if commas++; commas == tc.width {
							cut = k
							break
						}
					}
				}
				if cut < 0 {
					t.Fatalf("a page model row of fewer than %d weights", tc.width+1)
				}
				copy(hdr[cut:end], strings.Repeat(" ", end-cut))
				p = end + 1
			}
			sum := sha256.Sum256(hdr)
			m, err := Decode(append(hdr, sum[:]...))
			if tc.rows < NumPageKinds {
				var fe *FormatError
				if !errors.As(err, &fe) {
					t.Fatalf("got %v, want *FormatError", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("rows of %d weights: %v", tc.width, err)
			}
			var buf bytes.Buffer
			if err := m.Encode(&buf); err != nil {
				t.Fatal(err)
			}
			m2, err := Decode(buf.Bytes())
			if err != nil {
				t.Fatalf("encoded again: %v", err)
			}
			if m2.page.width != tc.width {
				t.Errorf("encoded again: rows of %d weights, want %d", m2.page.width, tc.width)
			}
			for k := range NumPageKinds {
				for j := range numPageFeats {
					want := m0.page.w[k][j]
					if j >= tc.width {
						want = 0
					}
					if got := m.page.w[k][j]; got != want {
						t.Fatalf("kind %d weight %d = %v, want %v", k, j, got, want)
					}
				}
			}
		})
	}
}

// TestSureOfTextKind checks when a dominant region stops saving a text
// page the page model is sure is of another kind.
func TestSureOfTextKind(t *testing.T) {
	listing := func(p float64, article bool) PagePrediction {
		var pp PagePrediction
		pp.Kind, pp.Article, pp.DominantArticle = PageListing, article, true
		pp.Probs[PageListing-1], pp.Probs[PageArticle-1] = p, 1-p
		return pp
	}
	for _, tc := range []struct {
		name   string
		page   PagePrediction
		html   bool
		blocks int
		want   bool // DominantArticle after
	}{
		{"text listing, sure", listing(sureTextKind, false), false, sureTextBlocks, false},
		{"text listing, unsure", listing(sureTextKind-0.01, false), false, 40, true},
		{"short text", listing(0.95, false), false, sureTextBlocks - 1, true},
		{"html", listing(0.95, false), true, 40, true},
		{"over the article cut", listing(0.95, true), false, 40, true},
		{"unknown kind", PagePrediction{DominantArticle: true}, false, 40, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := &segment.Doc{HTML: tc.html, Blocks: make([]segment.Block, tc.blocks)}
			p := tc.page
			p.sureOfTextKind(doc)
			if p.DominantArticle != tc.want {
				t.Errorf("DominantArticle = %v, want %v", p.DominantArticle, tc.want)
			}
		})
	}
}

func TestPageTokens(t *testing.T) {
	ja := "東京都は二十日、新型コロナウイルスの感染者が新たに確認されたと発表した。都内の感染者は合わせて三百人を超えた。"
	zh := "北京市政府二十日宣布，新确认了一批新型冠状病毒感染者，全市感染者总数已超过三百人。"
	for _, tc := range []struct {
		name     string
		text     string
		japanese bool // counted by letters
	}{
		{"Japanese paragraph", ja, true},
		{"Chinese paragraph", zh, false},
		{"English paragraph", "The city said on Monday that three hundred people had now been infected.", false},
		{"Korean paragraph", "서울시는 20일 신종 코로나바이러스 감염자가 새로 확인됐다고 발표했다.", false},
		{"a few kana", "ニュース", false},
		{"Japanese words between spaces", "ニュース 東京 ニュース 大阪 ニュース 京都 ニュース", false},
		{"Japanese after a few English words", "Read in Japanese: " + ja, true},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var st blockStats
			computeStats(tc.text, &st)
			got := pageTokens(&st)
			want := st.tokens
			if tc.japanese {
				want = max(st.tokens, st.cjk/2)
				if want == st.tokens {
					t.Fatalf("test text too short: %d tokens, %d letters", st.tokens, st.cjk)
				}
			}
			if got != want {
				t.Errorf("pageTokens = %d, want %d (tokens %d, cjk %d, kana %d, spaces %d)", got, want, st.tokens, st.cjk, st.kana, st.spaces)
			}
		})
	}
}
