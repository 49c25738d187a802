package classifier

import (
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
)

func TestOneTitle(t *testing.T) {
	for _, tc := range []struct {
		name     string
		lines    []string // the blocks' texts (nil: every block empty)
		in, want []Category
	}{
		{"title then body", nil, []Category{Title, Body, Body}, []Category{Title, Body, Body}},
		{"subheading in the body", nil, []Category{Metadata, Title, Body, Title, Body}, []Category{Metadata, Title, Body, Body, Body}},
		{"title over two blocks", nil, []Category{Title, Title, Body}, []Category{Title, Title, Body}},
		{"title after teaser boilerplate", nil, []Category{Related, Title, Related, Title, Body}, []Category{Related, Title, Related, Title, Body}},
		{"body before any title", nil, []Category{Body, Title, Body}, []Category{Body, Title, Body}},
		{"none", nil, nil, nil},
		{"standfirst after the byline", []string{"Storm hits the coast", "By A. Writer", "Thousands without power", "The storm came at night."},
			[]Category{Title, Metadata, Title, Body}, []Category{Title, Metadata, Body, Body}},
		{"title written twice around the date", []string{"Storm hits the coast", "3 March 2024", "Storm hits the coast", "The storm came at night."},
			[]Category{Title, Metadata, Title, Body}, []Category{Title, Metadata, Title, Body}},
		{"title over two lines", []string{"Storm hits the coast,", "thousands without power", "The storm came at night."},
			[]Category{Title, Title, Body}, []Category{Title, Title, Body}},
		{"a menu between", []string{"Storm hits the coast", "Home", "Thousands without power", "The storm came at night."},
			[]Category{Title, Navigation, Title, Body}, []Category{Title, Navigation, Title, Body}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, sb := lineBlocks(tc.lines)
			bs := make([]Block, len(tc.in))
			for i, c := range tc.in {
				bs[i].Category = c
				if tc.lines != nil {
					bs[i].Start, bs[i].End = sb[i].Start, sb[i].End
				}
			}
			oneTitle(text, bs)
			for i := range bs {
				if bs[i].Category != tc.want[i] {
					t.Fatalf("block %d: got %v, want %v", i, bs[i].Category, tc.want[i])
				}
			}
		})
	}
}

func TestMenuShaped(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want bool
	}{
		{"english menu", "Home | News | Sport | Contact us", true},
		{"persian breadcrumb", "خانه » سلامت » اخبار", true},
		{"persian menu", "همه اخبار | درباره ما | پربازدیدترین | عضویت", true},
		{"two items only", "News | Sport", false},
		{"headline with a site name", "Council approves the new bus routes | City Times", false},
		{"headline with dashes", "Storm hits the coast - thousands without power - roads closed", false},
		{"an item of four words", "Home | Latest news from Tehran | Sport", false},
		{"empty item", "Home |  | Sport", false},
		{"mixed separators", "Home | News » Sport", false},
		{"plain headline", "همکاری اطلاعاتی مسکو با طالبان علیه داعش", false},
		{"items split by two spaces", "پربازدیدترین  سیاسی  پادکست  همه اخبار  همه اخبار", true},
		{"headline with one double space", "Council approves  the new bus routes", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := menuShaped(tc.text); got != tc.want {
				t.Errorf("menuShaped(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestMenuLines(t *testing.T) {
	lines := []string{
		"Home | News | Sport",
		"The council votes on the bus plan",
		"Podcast Join Join Most read About us About us",
		"خانه » سلامت » اخبار",
		"منبع: ایسنا | ۲۸ خرداد ۱۴۰۴ | ۱۸:۰۲",
		"Facebook | Twitter | Email",
		"Home | News | Sport",
	}
	classes := []int{model.ClassTitle, model.ClassTitle, model.ClassTitle, model.ClassMetadata, model.ClassMetadata, model.ClassShare, model.ClassBody}
	want := []int{model.ClassNavigation, model.ClassTitle, model.ClassNavigation, model.ClassNavigation, model.ClassMetadata, model.ClassShare, model.ClassBody}
	names := []string{"menu called title", "headline", "menu of repeated words", "breadcrumb called metadata", "source, date and time", "share bar", "menu called body"}
	text, blocks := lineBlocks(lines)
	menuLines(text, blocks, classes)
	for i := range classes {
		if classes[i] != want[i] {
			t.Errorf("%s: class %s, want %s", names[i], model.ClassNames[classes[i]], model.ClassNames[want[i]])
		}
	}
	menu := makeBlock(blocks[0], model.Prediction{ContentProb: 0.8}, classes[0])
	if menu.Category != Navigation || menu.Label != Boilerplate || menu.Score < 0.19 || menu.Score > 0.21 {
		t.Errorf("menu line: %+v, want navigation, boilerplate, score 0.2", menu)
	}
}

func TestRepeatsWords(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want bool
	}{
		{"menu glued with spaces", "پادکست عضویت عضویت پربازدیدترین درباره ما درباره ما پادکست", true},
		{"english menu twice", "Home News Sport Home News Sport", true},
		{"headline", "The council votes on the new bus plan for the city", false},
		{"headline repeating a word", "Rain, rain and more rain for the weekend", false},
		{"five words", "Join Join Join Join Join", false},
		{"too many words", strings.Repeat("menu ", maxRepeatWords+1), false},
		{"white space only", " \t\n ", false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := repeatsWords(tc.text); got != tc.want {
				t.Errorf("repeatsWords(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestShareMenus(t *testing.T) {
	lines := []string{
		"Facebook | Twitter | Email",
		"تلگرام | ايتا | كپي لينك",
		"همه اخبار | عضویت | درباره ما",
		"Home | News | Sport",
		"منبع: ایسنا | ۲۸ خرداد ۱۴۰۴ | ۱۸:۰۲",
		"Home | News | Sport",
	}
	classes := []int{model.ClassShare, model.ClassShare, model.ClassShare, model.ClassShare, model.ClassShare, model.ClassRelated}
	want := []int{model.ClassShare, model.ClassShare, model.ClassNavigation, model.ClassNavigation, model.ClassShare, model.ClassRelated}
	names := []string{"share bar", "share bar in Arabic letters", "persian menu called share", "menu called share", "digits", "menu called related (menuLines' case)"}
	text, blocks := lineBlocks(lines)
	shareMenus(text, blocks, classes)
	for i := range classes {
		if classes[i] != want[i] {
			t.Errorf("%s: class %s, want %s", names[i], model.ClassNames[classes[i]], model.ClassNames[want[i]])
		}
	}
}

func TestSharing(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want bool
	}{
		{"networks", "Facebook | Twitter | WhatsApp", true},
		{"upper case", "SHARE | TWEET | EMAIL", true},
		{"persian networks", "تلگرام | اینستاگرام | توییتر", true},
		{"arabic yeh and kaf", "كپي لينك | ايتا", true},
		{"persian verbs", "چاپ خبر | ارسال به دوستان", true},
		{"sections", "Home | News | Sport", false},
		{"persian footer menu", "همه اخبار | عضویت | درباره ما | تبلیغات", false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := sharing(tc.text); got != tc.want {
				t.Errorf("sharing(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

// FuzzMenuShaped checks that menuShaped never panics and says true only
// for text holding some separator at least twice, that it agrees with a
// plain reading (menuShapedRef), and that repeatsWords and words
// agree with a reading by strings.Fields.
func FuzzMenuShaped(f *testing.F) {
	for _, s := range []string{"Home | News | Sport", "خانه » سلامت » اخبار", " |  | ", "a - b - c - d e f g", "\xff | \xfe | \xfd"} {
		f.Add(s)
	}
	f.Add("Join Join Most read About us About us")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := words(s, len(s)+1), len(strings.Fields(s)); got != want {
			t.Errorf("words(%q) = %d, strings.Fields gives %d", s, got, want)
		}
		fields := strings.Fields(s)
		distinct := map[string]bool{}
		for _, w := range fields {
			distinct[w] = true
		}
		want := len(fields) >= minRepeatWords && len(fields) <= maxRepeatWords && 3*len(distinct) <= 2*len(fields)
		if got := repeatsWords(s); got != want {
			t.Errorf("repeatsWords(%q) = %v, strings.Fields says %v", s, got, want)
		}
		if got, want := menuShaped(s), menuShapedRef(s); got != want {
			t.Errorf("menuShaped(%q) = %v, the plain reading says %v", s, got, want)
		}
		if !menuShaped(s) {
			return
		}
		for _, sep := range menuSeparators {
			if strings.Count(s, sep) >= 2 {
				return
			}
		}
		t.Errorf("menuShaped(%q) without two of any separator", s)
	})
}

// menuShapedRef is menuShaped read plainly: every separator that occurs at
// least twice, its items each of one to three words.
func menuShapedRef(text string) bool {
	for _, sep := range menuSeparators {
		if strings.Count(text, sep) < 2 {
			continue
		}
		ok := true
		for _, item := range strings.Split(text, sep) {
			if n := len(strings.Fields(item)); n == 0 || n > 3 {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}
