package classifier_test

import (
	"context"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/internal/dataset"
)

// TestSeedLines checks the seed example (../examples/seed-fa-news.txt)
// line by line against its labels with the shipped model: every labelled
// line in the category the labels give, as written and as scrapers and
// editors alter it: other line ends, Arabic letters for the Persian ones,
// Latin digits, zero-width non-joiners, direction marks, indentation,
// blank lines taken out or added, list bullets, and boilerplate the
// example does not have (a menu above, a footer or reader comments
// below), whose lines must come out boilerplate. None of these variants
// is in the model's training data; the model reads them as it reads the
// example. Limits: two forms are left out because they do not hold yet
// (session 47): the example written on one line (the headline glued to
// the first paragraph, "send to friends" glued to the ad after it: 17 of
// 20 lines right) and hard-wrapped at 76 columns (the ad and the related
// line called share: 18 of 20).
func TestSeedLines(t *testing.T) {
	seed, err := dataset.LoadSeed("../examples")
	if err != nil {
		t.Fatal(err)
	}
	c := newClassifier(t)
	var lines []string // the example's non-empty lines
	for l := range strings.Lines(seed.Text) {
		if l = strings.TrimRight(l, "\n"); strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	same := func(s string) string { return s }
	arabic := strings.NewReplacer("ی", "ي", "ک", "ك").Replace
	latin := strings.NewReplacer("۰", "0", "۱", "1", "۲", "2", "۳", "3", "۴", "4", "۵", "5", "۶", "6", "۷", "7", "۸", "8", "۹", "9").Replace
	zwnj := strings.NewReplacer("ها ", "\u200cها ", "های ", "\u200cهای ", "می", "می\u200c").Replace
	menu := []string{"صفحه نخست", "سیاسی", "اقتصادی", "ورزشی", "فرهنگی", "جستجو"}
	footer := []string{"تماس با ما | درباره ما | تبلیغات", "کلیه حقوق این سایت محفوظ است © ۱۴۰۳"}
	comments := []string{"نظرات کاربران", "علی ۲۷ اسفند ۱۴۰۳", "خیلی خوب بود ممنون", "رضا ۲۸ اسفند ۱۴۰۳", "مطلب جالبی بود ولی کامل نبود"}
	for _, tc := range []struct {
		name  string
		text  string              // the input
		units func(string) string // what a labelled line becomes in it
		added []string            // lines added to the example: boilerplate
	}{
		{"as written", seed.Text, same, nil},
		{"CRLF line ends", strings.ReplaceAll(seed.Text, "\n", "\r\n"), same, nil},
		{"Arabic yeh and kaf", arabic(seed.Text), arabic, nil},
		{"Latin digits", latin(seed.Text), latin, nil},
		{"zero-width non-joiners", zwnj(seed.Text), zwnj, nil},
		{"right-to-left marks", strings.ReplaceAll(seed.Text, "\n", "\n\u200f"), same, nil},
		{"no-break space indent", strings.ReplaceAll(seed.Text, "\n", "\n\u00a0\u00a0"), same, nil},
		{"tabs around lines", strings.ReplaceAll(seed.Text, "\n", "\t\n\t"), same, nil},
		{"byte order mark", "\ufeff" + seed.Text, same, nil},
		{"no blank lines", strings.Join(lines, "\n"), same, nil},
		{"a blank line after every line", strings.Join(lines, "\n\n"), same, nil},
		{"list bullets", "- " + strings.Join(lines, "\n- "), same, nil},
		{"menu above", strings.Join(menu, "\n") + "\n" + seed.Text, same, menu},
		{"footer below", seed.Text + "\n" + strings.Join(footer, "\n"), same, footer},
		{"reader comments below", seed.Text + "\n" + strings.Join(comments, "\n"), same, comments},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Classify(context.Background(), classifier.Input{Data: []byte(tc.text), Mode: classifier.ModeText})
			if err != nil {
				t.Fatal(err)
			}
			if !res.HasArticle || res.PageKind != classifier.PageArticle {
				t.Errorf("has article %v, kind %v; want an article", res.HasArticle, res.PageKind)
			}
			// at finds the block holding the first byte of s in the input
			at := func(s string) *classifier.Block {
				p := strings.Index(res.Text, s)
				if p < 0 {
					t.Fatalf("%q is not in the input", s)
				}
				for i := range res.Blocks {
					if b := &res.Blocks[i]; b.Start <= p && p < b.End {
						return b
					}
				}
				t.Fatalf("no block holds %q", s)
				return nil
			}
			for _, u := range seed.Units {
				want := classifier.Category(u.Class + 1)
				if b := at(tc.units(u.Text)); b.Category != want {
					t.Errorf("%.40q: %v (content %.2f), want %v", u.Text, b.Category, b.ContentProb, want)
				}
			}
			for _, l := range tc.added {
				if b := at(l); b.Label != classifier.Boilerplate {
					t.Errorf("added line %q: %v (content %.2f), want boilerplate", l, b.Category, b.ContentProb)
				}
			}
		})
	}
}
