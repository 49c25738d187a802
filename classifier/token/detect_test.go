package token

import (
	"fmt"
	"strings"
	"testing"
)

// Longer texts, a few sentences each, written for these tests.
const (
	longFa = "به گزارش خبرگزاری، وزیر امور خارجه روز شنبه در نشست خبری گفت که دولت برای حل این مشکل برنامه‌ای تازه دارد. " +
		"او افزود که این برنامه در ماه‌های آینده اجرا خواهد شد و مردم نتیجه آن را خواهند دید. " +
		"کارشناسان می‌گویند که هزینه‌های زندگی در سال گذشته افزایش یافته است."
	longAr = "قال وزير الخارجية في مؤتمر صحفي يوم السبت إن الحكومة لديها خطة جديدة لحل هذه المشكلة. " +
		"وأضاف أن الخطة ستنفذ خلال الأشهر المقبلة وأن المواطنين سيرون نتائجها. " +
		"ويقول الخبراء إن تكاليف المعيشة ارتفعت في العام الماضي بشكل كبير."
	longUr = "وزیر خارجہ نے ہفتے کے روز ایک پریس کانفرنس میں کہا کہ حکومت کے پاس اس مسئلے کو حل کرنے کے لیے ایک نیا منصوبہ ہے۔ " +
		"انہوں نے مزید کہا کہ یہ منصوبہ آنے والے مہینوں میں نافذ کیا جائے گا اور لوگ اس کے نتائج دیکھیں گے۔ " +
		"ماہرین کا کہنا ہے کہ پچھلے سال زندگی کے اخراجات میں اضافہ ہوا ہے۔"
	longEn = "The foreign minister told a press conference on Saturday that the government has a new plan to solve the problem. " +
		"He added that the plan would be carried out in the coming months and that people would see its results. " +
		"Experts say that the cost of living rose last year."
	longDe = "Der Außenminister sagte am Samstag auf einer Pressekonferenz, dass die Regierung einen neuen Plan zur Lösung des Problems habe. " +
		"Er fügte hinzu, dass der Plan in den kommenden Monaten umgesetzt werde und die Menschen die Ergebnisse sehen würden."
	longPl = "Minister spraw zagranicznych powiedział w sobotę na konferencji prasowej, że rząd ma nowy plan rozwiązania tego problemu. " +
		"Dodał, że plan zostanie wdrożony w najbliższych miesiącach i ludzie zobaczą jego wyniki."
	longRu = "Министр иностранных дел заявил в субботу на пресс-конференции, что у правительства есть новый план решения этой проблемы. " +
		"Он добавил, что план будет выполнен в ближайшие месяцы и люди увидят его результаты."
	longEl = "Ο υπουργός Εξωτερικών δήλωσε το Σάββατο σε συνέντευξη Τύπου ότι η κυβέρνηση έχει ένα νέο σχέδιο για την επίλυση του προβλήματος. " +
		"Πρόσθεσε ότι το σχέδιο θα εφαρμοστεί τους επόμενους μήνες."
	longZh = "外交部长星期六在记者会上表示，政府有一个解决这个问题的新计划。他补充说，该计划将在未来几个月内实施，人们将看到它的结果。专家说，去年生活费用上涨了。"
	longJa = "外務大臣は土曜日の記者会見で、政府にはこの問題を解決するための新しい計画があると述べた。計画は今後数か月のうちに実施され、人々はその結果を見ることになるという。"
	longSv = "Utrikesministern sade på lördagen vid en presskonferens att regeringen har en ny plan för att lösa problemet. " +
		"Han tillade att planen kommer att genomföras under de kommande månaderna och att folk kommer att se resultatet."
)

func TestLangSampleLanguage(t *testing.T) {
	tests := []struct {
		name, in, prior, want string
	}{
		{"persian short", "این گزارش در بهار منتشر می‌شود", "", "fa"},
		{"persian long", longFa, "", "fa"},
		{"persian long, page says ar", longFa, "ar", "fa"},
		{"persian long, page says en", longFa, "en", "fa"},
		{"arabic short", "قال الوزير إن التقرير سينشر في الربيع", "", "ar"},
		{"arabic long", longAr, "", "ar"},
		{"arabic long, page says fa", longAr, "fa", "ar"},
		{"urdu short", "حکومت کے پاس ایک نیا منصوبہ ہے", "", "ur"},
		{"urdu long", longUr, "", "ur"},
		{"urdu long, page says fa", longUr, "fa", "ur"},
		{"pashto prior, arabic script", longFa, "ps", "ps"},
		{"english short", "The minister said it would be published.", "", "en"},
		{"english long", longEn, "", "en"},
		{"english long, page says de", longEn, "de", "en"},
		{"english long, page says fa", longEn, "fa", "en"},
		{"german short", "Der Bericht wird im Frühjahr veröffentlicht.", "", "de"},
		{"german long", longDe, "en-US", "de"},
		{"polish short", "Raport nie zostanie opublikowany wiosną.", "", "pl"},
		{"polish long", longPl, "", "pl"},
		{"russian short", "Доклад будет опубликован весной.", "", "ru"},
		{"russian long", longRu, "", "ru"},
		{"bulgarian prior, cyrillic text", longRu, "bg", "bg"},
		{"greek short", "Η έκθεση θα δημοσιευθεί.", "", "el"},
		{"greek long", longEl, "en", "el"},
		{"chinese short", "报告将于春季发布。", "", "zh"},
		{"chinese long", longZh, "en", "zh"},
		{"chinese long, page says ja", longZh, "ja", "zh"},
		{"japanese short", "報告書は春に公表される。", "", "ja"},
		{"japanese long", longJa, "zh-CN", "ja"},
		{"swedish without prior", longSv, "", "sv"},
		{"swedish with prior", longSv, "sv-SE", "sv"},
		{"swedish, page says en", longSv, "en", "sv"},
		{"norwegian, page says no", "Ministeren sa at rapporten blir publisert etter sommeren, og at det ikke er mye nytt i den.", "no", "no"},
		{"norwegian, page says nb", "Ministeren sa at rapporten blir publisert etter sommeren, og at det ikke er mye nytt i den.", "nb-NO", "nb"},
		{"danish, page says da", "Ministeren sagde, at rapporten først bliver offentliggjort efter sommeren, og at der ikke er meget nyt i den.", "da", "da"},
		{"slovak, page says cs", "Minister povedal, že správa, ktorá je tiež hotová, bude zverejnená na jar.", "cs", "sk"},
		{"croatian, page says bs", "Ministar je rekao da će izvješće biti objavljeno na proljeće, ali još nije gotovo.", "bs", "bs"},
		{"icelandic prior, latin text without a list", "Ráðherrann sagði að skýrslan yrði birt í vor.", "is", "is"},
		{"no letters, prior kept", "2024 — 12:30", "pt-BR", "pt"},
		{"few letters, prior kept", "Home | News", "fr", "fr"},
		{"few letters, no prior", "Home | News", "", "und"},
		{"bad prior ignored", longEn, "x-klingon!", "en"},
		{"empty", "", "", "und"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ls LangSample
			ls.Add(tt.in)
			if got := ls.Language(tt.prior); got != tt.want {
				t.Errorf("Language(%q) of %.40q = %q, want %q", tt.prior, tt.in, got, tt.want)
			}
		})
	}
}

// TestLangSampleLimit checks that the sample reads no further than its
// limit, cuts at a rune boundary, and that pieces add up like one text.
func TestLangSampleLimit(t *testing.T) {
	ls := LangSample{Limit: 101}
	ls.Add(strings.Repeat("ب", 100)) // 200 bytes
	if n := ls.counts[ScriptArabic]; n != 50 || !ls.Full() {
		t.Errorf("read %d letters (full %v), want 50 and full", n, ls.Full())
	}
	ls.Add(longEn)
	if n := ls.counts[ScriptLatin]; n != 0 {
		t.Errorf("read %d letters after full, want 0", n)
	}
	var one, pieces LangSample
	one.Add(longFa)
	for _, s := range strings.SplitAfter(longFa, ". ") {
		pieces.Add(s)
	}
	if a, b := one.Language(""), pieces.Language(""); a != b {
		t.Errorf("one piece %q, many pieces %q", a, b)
	}
	if a := testing.AllocsPerRun(20, func() {
		var ls LangSample
		ls.Add(longEn)
		ls.Language("en")
	}); a > 2 {
		t.Errorf("%v allocations, want at most 2 (the iterator's buffer)", a)
	}
}

func TestDetectLanguagesReturnable(t *testing.T) {
	for _, l := range DetectLanguages() {
		if !detectable(l) {
			t.Errorf("%s listed but not detectable", l)
		}
		if _, ok := priorScripts[l]; !ok {
			t.Errorf("%s has no script in priorScripts", l)
		}
	}
}

func ExampleLangSample() {
	var ls LangSample
	ls.Add("وزیر خارجه گفت که این برنامه در ماه‌های آینده اجرا خواهد شد.")
	fmt.Println(ls.Language("ar")) // the text outweighs the page's lang="ar"

	var en LangSample
	en.Add("Home | News")
	fmt.Println(en.Language("en-GB")) // too little text: the prior decides
	// Output:
	// fa
	// en
}

// BenchmarkLangSample is the detector's throughput on a Persian and an
// English paragraph.
func BenchmarkLangSample(b *testing.B) {
	for _, s := range []struct{ name, text string }{{"fa", longFa}, {"en", longEn}} {
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(s.text)))
			for b.Loop() {
				var ls LangSample
				ls.Add(s.text)
				ls.Language("")
			}
		})
	}
}

// countRunesRef is what countRunes computes, rune by rune.
func countRunesRef(s string) (counts [numScripts]int, m marks) {
	for _, r := range s {
		counts[ScriptOf(r)]++
		m.marker(r)
	}
	return counts, m
}

// checkCountRunes fails unless countRunes counts s as countRunesRef does.
func checkCountRunes(t *testing.T, s string) {
	t.Helper()
	var ls LangSample
	ls.countRunes(s)
	if counts, m := countRunesRef(s); ls.counts != counts || ls.marks != m {
		t.Fatalf("countRunes(%q) = %v %+v, want %v %+v", s, ls.counts, ls.marks, counts, m)
	}
}

// TestLowScripts checks the table countRunes reads against ScriptOf and
// marker for every rune it covers, and countRunes on every such rune and
// on invalid UTF-8.
func TestLowScripts(t *testing.T) {
	tab := lowScripts()
	var b strings.Builder
	for r := range rune(scriptRunes) {
		var m marks
		m.marker(r)
		if got, want := tab[r]&^markerRune, ScriptOf(r); got != want {
			t.Fatalf("lowScripts[%U] = %v, want %v", r, got, want)
		}
		if got, want := tab[r]&markerRune != 0, m != (marks{}); got != want {
			t.Fatalf("lowScripts[%U] marker = %v, want %v", r, got, want)
		}
		b.WriteRune(r)
	}
	for _, s := range append([]string{b.String(), longFa, longAr, longUr, longDe, longPl, longRu, longEl, longZh, longJa},
		fuzzSeeds...) {
		checkCountRunes(t, s)
	}
}

// FuzzCountRunes checks countRunes against the rune-by-rune reference on
// arbitrary bytes.
func FuzzCountRunes(f *testing.F) {
	for _, s := range append(fuzzSeeds, longFa, "\xc2\xdf\xdf\x80Ł\xe2\x80") {
		f.Add(s)
	}
	f.Fuzz(checkCountRunes)
}

// FuzzLanguage checks that LangSample.Language, on any text and any
// prior, returns "und", a language the detector returns by itself, or
// the prior's primary subtag, and the same answer twice.
func FuzzLanguage(f *testing.F) {
	for _, s := range append(fuzzSeeds, longFa, longSv, longPl, "Ministr řekl, že zpráva bude zveřejněna.") {
		f.Add(s, "")
		f.Add(s, "sv-SE")
	}
	f.Fuzz(func(t *testing.T, s, prior string) {
		var a, b LangSample
		a.Add(s)
		b.Add(s)
		got := a.Language(prior)
		if again := b.Language(prior); again != got {
			t.Fatalf("Language(%q) = %q, then %q", prior, got, again)
		}
		if got != "und" && !detectable(got) && got != primarySubtag(prior) {
			t.Fatalf("Language(%q) of %q = %q: not und, not detectable, not the prior", prior, s, got)
		}
	})
}
