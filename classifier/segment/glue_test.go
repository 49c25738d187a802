package segment

import (
	"strings"
	"testing"
	"unicode"
)

func TestGlueJoint(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    string
		at   int // -1: no joint
	}{
		{"menu run together", "PodcastInstagram", 7},
		{"sentence run into the next", "on Monday.Next story", 10},
		{"question", "Got a tip?Let us know", 10},
		{"exclamation", "Wow!Now", 4},
		{"one letter before", "iPhone", -1},
		{"capital before", "McDonald", -1},
		{"abbreviation", "U.S.Army", -1},
		{"capital not followed by lower case", "the USA", -1},
		{"all capitals after", "nowNASA", -1},
		{"space", "Home World", -1},
		{"a number", "12 May 2024Share this", 11},
		{"one digit", "4Runner", -1},
		{"a model number (a false joint)", "Galaxy S24Ultra", 10},
		{"at the end", "homeW", -1},
		{"accent before, ASCII at the joint", "städteBerlin", 7},
		{"accented letter before the joint", "FürSie", 4},
		{"accented letter just before the capital", "MenüSuche", 5},
		{"accented capital", "straßeÖl", 7},
		{"Cyrillic", "НовостиСпорт", 14},
		{"Cyrillic sentence", "сказал он.Далее", 18},
		{"Greek", "ΕιδήσειςΑθλητικά", 16},
		{"Persian (no case)", "صفحه نخستسیاسی", -1},
		{"capital Cyrillic before", "ТАСССпорт", -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := nextGlue(tc.s); got != tc.at {
				t.Errorf("nextGlue(%q) = %d, want %d", tc.s, got, tc.at)
			}
		})
	}
}

func TestGluedText(t *testing.T) {
	minified := strings.Repeat("NewsSportWeatherThe council voted on Tuesday.It said the plan was fair.Critics disagreed.", 3)
	for _, tc := range []struct {
		name string
		text string
		want bool
	}{
		{"a minified page's text nodes", minified, true},
		{"the same with a line break between each element", strings.NewReplacer("Sport", "\nSport\n", "Weather", "\nWeather\n", ".", ".\n").Replace(minified), false},
		{"prose with camel-case names", strings.Repeat("MacRumors and YouTube said on Monday that JavaScript and WordPress sites load slowly. ", 10), false},
		{"too few sentences run together", "NewsSportWeatherMoneyTravelFood. The council voted.It said no.Then yes.", false},
		{"code", strings.Repeat("using Microsoft.CodeAnalysis;\npublic class GameService\n{\nvar x = new Foo.Bar();\nreturn x.Run();\n}\n", 6), false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := gluedText(tc.text); got != tc.want {
				t.Errorf("gluedText = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestGluedLine(t *testing.T) {
	menu := strings.Repeat("NewsSportWeatherMoneyTravelFoodCultureOpinion", 10)
	prose := strings.Repeat("MacRumors said on Monday that the new phones would ship in March with faster chips. ", 30)
	for _, tc := range []struct {
		name string
		line string
		want bool
	}{
		{"a menu run together", menu, true},
		{"the menu before a paragraph", menu + prose, true},
		{"prose with camel-case names", prose, false},
		{"short", menu[:300], false},
		{"joints too far apart", strings.Repeat("HomeNews ", 5) + strings.Repeat("x", 6000) + strings.Repeat("HomeNews ", 16), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := gluedLine(tc.line); got != tc.want {
				t.Errorf("gluedLine = %v, want %v", got, tc.want)
			}
		})
	}
}

// nextCapitalNaive is nextCapital one byte at a time.
func nextCapitalNaive(s string, i int) int {
	for ; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' || s[i] >= minCasedLead && s[i] <= maxCasedLead {
			return i
		}
	}
	return -1
}

func FuzzNextCapital(f *testing.F) {
	for _, s := range []string{"", "a", "abcdefghZ", "\xff\xc1@[`{AZ", "ÄÖÜ straße Berlin", "abcdefgh\x80\xc1\xda\xbfZ", "@@@@@@@@[[[[[[[["} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, i int) {
		if i < 0 || i > len(s) {
			return
		}
		if got, want := nextCapital(s, i), nextCapitalNaive(s, i); got != want {
			t.Fatalf("nextCapital(%q, %d) = %d, want %d", s, i, got, want)
		}
	})
}

// TestTextGlued checks that, with Reflow, a text whose elements were run
// together is cut at each glue joint, and one that was not is not.
func TestTextGlued(t *testing.T) {
	text := "Skip to contentGot a tip?Let us knowPodcastInstagramFacebookTwitterNewsletter" +
		"Apple plans a new pencil.Reports say it will ship next year with a new tip.It may cost more.Analysts expect strong demand." +
		"Related StoriesNew iPad reviewedMacRumors forums"
	got := blockTexts(t, text, TextOptions{Reflow: true})
	for _, want := range []string{"Podcast", "Instagram", "Facebook", "Apple plans a new pencil.", "Related Stories"} {
		found := false
		for _, b := range got {
			found = found || b == want
		}
		if !found {
			t.Errorf("no block %q in %q", want, got)
		}
	}
	if plain := blockTexts(t, text, TextOptions{}); len(plain) >= len(got) {
		t.Errorf("without Reflow %d blocks, with it %d: the joints were not cut", len(plain), len(got))
	}
}

// TestGlueBlockLimit checks that glue cuts stop at half the block limit:
// a glued text with a joint every few bytes is not refused for the
// blocks the cuts make.
func TestGlueBlockLimit(t *testing.T) {
	text := strings.Repeat("Said so.Then mostAbleBetterGlue", 4000) // 124 KB, one line
	if !gluedText(text) {
		t.Fatal("the text is not taken for glued")
	}
	d, err := Text(text, TextOptions{Reflow: true, MaxBlocks: 2000})
	if err != nil {
		t.Fatalf("refused: %v", err)
	}
	if n := len(d.Blocks); n < 1000 || n > 2000 {
		t.Errorf("%d blocks, want cuts up to half the limit of 2000 and few after", n)
	}
	checkDoc(t, d)
}

func TestGluedTextLinear(t *testing.T) {
	checkLinear(t, func(s string) { gluedText(s); gluedLine(s); nextGlue(s) },
		linearCase{"joints", "aaBb.Cc"},
		linearCase{"full stops", "a.b."},
	)
}

// TestCaseAt checks capitalAt and lowerAt against unicode.IsUpper and
// unicode.IsLower on every two-byte rune of the cased scripts' lead
// bytes (the Cyrillic fast paths leave out only the letters out of use
// from Ѡ to ҁ) and every ASCII byte.
func TestCaseAt(t *testing.T) {
	for r := rune(0); r < 0x800; r++ {
		s := string(r) + "x"
		up, low := capitalAt(s, 0) > 0, lowerAt(s, 0) > 0
		wantUp, wantLow := unicode.IsUpper(r), unicode.IsLower(r)
		lead := s[0]
		switch {
		case r >= 0x80 && (lead < minCasedLead || lead > maxCasedLead):
			wantUp, wantLow = false, false // not read
		case r >= 0x460 && r < 0x480:
			wantUp, wantLow = false, false // Cyrillic letters out of use (Ѡ–ҁ): not read
		}
		if up != wantUp || low != wantLow {
			t.Errorf("%U %q: capital %v lower %v, want %v %v", r, r, up, low, wantUp, wantLow)
		}
	}
}
