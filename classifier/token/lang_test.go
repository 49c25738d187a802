package token

import (
	"errors"
	"fmt"
	"slices"
	"testing"
)

func TestStopwords(t *testing.T) {
	sw := newStopwords([]string{"The", "می‌شود", "مي شود", "كه", "在", "don't", "123", "  ", "دو کلمه"})
	tests := []struct {
		name string
		tok  string
		want bool
	}{
		{"case folded", "the", true},
		{"zwnj removed", "میشود", true},
		{"arabic letters folded", "که", true},
		{"han", "在", true},
		{"two tokens left out", "don", false},
		{"number left out", "000", false},
		{"phrase left out", "دو", false},
		{"absent", "cat", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sw.Contains([]byte(tt.tok)); got != tt.want {
				t.Errorf("Contains(%q) = %v, want %v", tt.tok, got, tt.want)
			}
		})
	}
	if a := testing.AllocsPerRun(100, func() { sw.Contains([]byte("میشود")) }); a != 0 {
		t.Errorf("Contains allocates %v times", a)
	}
	var nilSet *Stopwords
	if nilSet.Contains([]byte("the")) || nilSet.Len() != 0 {
		t.Error("nil Stopwords is not empty")
	}
}

func TestEmbeddedStopwords(t *testing.T) {
	langs := stopwordLanguages()
	want := []string{"ar", "ca", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr", "hr", "hu", "id", "it", "lt", "lv", "nb", "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sv", "tr", "vi", "zh"}
	if fmt.Sprint(langs) != fmt.Sprint(want) {
		t.Fatalf("stopwordLanguages() = %v, want %v", langs, want)
	}
	checks := map[string][]string{
		"fa": {"است", "را", "میشود", "برای", "که"},
		"en": {"the", "and", "of"},
		"de": {"und", "der", "nicht"},
		"fr": {"le", "et", "dans"},
		"es": {"el", "que", "por"},
		"pl": {"się", "nie", "że"},
		"ru": {"и", "не", "что"},
		"el": {"και", "το", "να"},
		"zh": {"的", "我们"},
		"ar": {"فی", "التی", "الذی"},
		"sv": {"och", "inte", "att"},
		"tr": {"ve", "bir", "için"},
		"cs": {"že", "také", "který"},
		"vi": {"của", "được", "những"},
	}
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			sw, err := stopwordsFor(lang)
			if err != nil {
				t.Fatal(err)
			}
			if sw.Len() < 50 {
				t.Errorf("%d entries, want at least 50", sw.Len())
			}
			for _, w := range checks[lang] {
				if !sw.Contains([]byte(w)) {
					t.Errorf("missing %q", w)
				}
			}
		})
	}
	t.Run("unknown", func(t *testing.T) {
		_, err := stopwordsFor("xx")
		var ue *unknownLanguageError
		if !errors.As(err, &ue) || ue.Lang != "xx" {
			t.Errorf("stopwordsFor(xx) error = %v, want *unknownLanguageError", err)
		}
		if _, err := stopwordsFor("../token"); err == nil {
			t.Error("path in language accepted")
		}
	})
	t.Run("default", func(t *testing.T) {
		sw := DefaultStopwords()
		for _, w := range []string{"the", "است", "und", "的"} {
			if !sw.Contains([]byte(w)) {
				t.Errorf("missing %q", w)
			}
		}
	})
}

func TestShape(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Shape
	}{
		{"empty", "", Shape{}},
		{"english sentence", "Hello, World 42.", Shape{Runes: 16, Letters: 10, Digits: 2, Punct: 2, Spaces: 2, Upper: 2, Latin: 10, Terminal: true}},
		{"persian question", "چرا؟ ۱۲", Shape{Runes: 7, Letters: 3, Digits: 2, Punct: 1, Spaces: 1, Arabic: 3}},
		{"persian terminal", "چرا؟ »", Shape{Runes: 6, Letters: 3, Punct: 2, Spaces: 1, Arabic: 3, Terminal: true}},
		{"chinese", "你好。", Shape{Runes: 3, Letters: 2, Punct: 1, CJK: 2, Terminal: true}},
		{"quote after period", `He said "yes."`, Shape{Runes: 14, Letters: 9, Punct: 3, Spaces: 2, Upper: 1, Latin: 9, Terminal: true}},
		{"no terminal", "Share this", Shape{Runes: 10, Letters: 9, Spaces: 1, Upper: 1, Latin: 9}},
		{"greek and cyrillic", "Αβ Жж", Shape{Runes: 5, Letters: 4, Spaces: 1, Upper: 2, Greek: 2, Cyrillic: 2}},
		{"symbols", "$5 + €", Shape{Runes: 6, Digits: 1, Symbols: 3, Spaces: 2}},
		{"invalid utf-8", "a\xff", Shape{Runes: 2, Letters: 1, Latin: 1, Symbols: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ShapeOf(tt.in); got != tt.want {
				t.Errorf("ShapeOf(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
	if a := testing.AllocsPerRun(100, func() { ShapeOf("چرا؟ Hello 你好。") }); a != 0 {
		t.Errorf("ShapeOf allocates %v times", a)
	}
}

func TestScriptOf(t *testing.T) {
	tests := []struct {
		r    rune
		want Script
	}{
		{'a', ScriptLatin}, {'Z', ScriptLatin}, {'é', ScriptLatin}, {'ł', ScriptLatin}, {'1', ScriptOther},
		{'ب', ScriptArabic}, {'پ', ScriptArabic}, {'ﻻ', ScriptArabic}, {'۱', ScriptOther}, {'ـ', ScriptOther},
		{'ж', ScriptCyrillic}, {'λ', ScriptGreek}, {'中', ScriptHan}, {'々', ScriptHan}, {'カ', ScriptKana},
		{'ー', ScriptKana}, {'한', ScriptHangul}, {'ท', ScriptThai}, {'א', ScriptHebrew}, {'क', ScriptDevanagari},
		{'ա', ScriptArmenian}, {'ა', ScriptGeorgian}, {'。', ScriptOther}, {'😀', ScriptOther},
	}
	for _, tt := range tests {
		t.Run(string(tt.r), func(t *testing.T) {
			if got := ScriptOf(tt.r); got != tt.want {
				t.Errorf("ScriptOf(%q) = %v, want %v", tt.r, got, tt.want)
			}
		})
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "und"},
		{"digits only", "12 34 ۵۶", "und"},
		{"no stop words", "Zyxw Qvbn", "und"},
		{"english", "The minister said that the report would be published in the spring.", "en"},
		{"german", "Der Minister sagte, dass der Bericht im Frühjahr veröffentlicht wird.", "de"},
		{"french", "Le ministre a dit que le rapport sera publié dans le printemps.", "fr"},
		{"spanish", "El ministro dijo que el informe se publicará en la primavera.", "es"},
		{"italian", "Il ministro ha detto che il rapporto sarà pubblicato nella primavera.", "it"},
		{"portuguese", "O ministro disse que o relatório será publicado na primavera.", "pt"},
		{"dutch", "De minister zei dat het rapport in het voorjaar wordt gepubliceerd.", "nl"},
		{"polish", "Minister powiedział, że raport zostanie opublikowany wiosną i nie będzie zmian.", "pl"},
		{"russian", "Министр сказал, что доклад будет опубликован весной.", "ru"},
		{"ukrainian", "Міністр сказав, що доповідь буде опублікована навесні, і це їхнє рішення.", "uk"},
		{"greek", "Ο υπουργός είπε ότι η έκθεση θα δημοσιευθεί την άνοιξη.", "el"},
		{"chinese", "部长表示，该报告将于春季发布。", "zh"},
		{"japanese", "大臣は報告書が春に公表されると述べた。", "ja"},
		{"korean", "장관은 보고서가 봄에 발표될 것이라고 말했다.", "ko"},
		{"persian", "وزیر گفت که این گزارش در بهار منتشر می‌شود.", "fa"},
		{"persian with arabic yeh and kaf", "وزير گفت كه اين گزارش در بهار منتشر مي شود و به مردم ارائه مي كند.", "fa"},
		{"arabic", "قال الوزير إن التقرير سينشر في الربيع على الموقع الذي أعلن عنه.", "ar"},
		{"urdu", "وزیر نے کہا کہ رپورٹ موسم بہار میں شائع کی جائے گی۔", "ur"},
		{"thai", "รัฐมนตรีกล่าวว่ารายงานจะเผยแพร่ในฤดูใบไม้ผลิ", "th"},
		{"hebrew", "השר אמר שהדוח יפורסם באביב.", "he"},
		{"hindi", "मंत्री ने कहा कि रिपोर्ट वसंत में प्रकाशित होगी।", "hi"},
		{"swedish", "Ministern sade att rapporten kommer att publiceras i våras och att den inte är klar än.", "sv"},
		{"danish", "Ministeren sagde, at rapporten først bliver offentliggjort efter sommeren, og at der ikke er meget nyt i den.", "da"},
		{"norwegian", "Ministeren sa at rapporten blir publisert etter sommeren, og at det ikke er mye nytt i den.", "nb"},
		{"finnish", "Ministeri sanoi, että raportti julkaistaan keväällä, mutta se ei ole vielä valmis.", "fi"},
		{"turkish", "Bakan, raporun ilkbaharda yayımlanacağını ve bu konuda bir değişiklik olmayacağını söyledi.", "tr"},
		{"czech", "Ministr řekl, že zpráva, která je také hotová, bude zveřejněna na jaře.", "cs"},
		{"slovak", "Minister povedal, že správa, ktorá je tiež hotová, bude zverejnená na jar.", "sk"},
		{"croatian", "Ministar je rekao da će izvješće biti objavljeno na proljeće, ali još nije gotovo.", "hr"},
		{"slovenian", "Minister je rekel, da bo poročilo objavljeno spomladi, vendar še ni končano.", "sl"},
		{"hungarian", "A miniszter azt mondta, hogy a jelentést tavasszal teszik közzé, de még nem készült el.", "hu"},
		{"romanian", "Ministrul a spus că raportul va fi publicat în primăvară și că nu este încă gata.", "ro"},
		{"indonesian", "Menteri mengatakan bahwa laporan itu akan diterbitkan pada musim semi dan belum selesai.", "id"},
		{"vietnamese", "Bộ trưởng cho biết báo cáo sẽ được công bố vào mùa xuân và chưa hoàn thành.", "vi"},
		{"catalan", "El ministre va dir que l'informe, que és molt important per als ciutadans, es publicarà amb els altres documents.", "ca"},
		{"lithuanian", "Ministras sakė, kad ataskaita bus paskelbta pavasarį, bet ji dar nebaigta.", "lt"},
		{"latvian", "Ministrs teica, ka ziņojums tiks publicēts pavasarī, bet tas vēl nav pabeigts.", "lv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectLanguage(tt.in); got != tt.want {
				t.Errorf("DetectLanguage(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func ExampleDetectLanguage() {
	fmt.Println(DetectLanguage("همکاری اطلاعاتی مسکو با طالبان علیه داعش در افغانستان است"))
	fmt.Println(DetectLanguage("The ministry said it had no evidence of the claims."))
	fmt.Println(DetectLanguage("外交部发言人表示"))
	fmt.Println(DetectLanguage("Regeringen sade att planen inte är klar än."))
	fmt.Println(DetectLanguage("Bakan, bu konuda bir değişiklik olmayacağını söyledi."))
	// Output:
	// fa
	// en
	// zh
	// sv
	// tr
}

func ExampleStopwords() {
	sw, err := stopwordsFor("fa")
	if err != nil {
		panic(err)
	}
	s := "او مي شود و مي‌گويد"
	var it Iter
	it.Reset(s)
	for it.Next() {
		fmt.Println(string(it.Token()), sw.Contains(it.Token()))
	}
	// Output:
	// او true
	// میشود true
	// و true
	// میگوید true
}

func ExampleShapeOf() {
	sh := ShapeOf("آیا بادام به کالری‌سوزی بدن کمک می‌کند؟")
	fmt.Println(sh.Letters, sh.Arabic, sh.Terminal)
	// Output: 30 30 true
}

// TestModelStopLangs checks that the model's stop lists come first in the
// language table and that modelLangMask holds exactly their bits, so that
// the detector weighs their words among themselves alone.
func TestModelStopLangs(t *testing.T) {
	if want := uint32(1)<<len(modelStopLangs) - 1; modelLangMask != want {
		t.Fatalf("modelLangMask = %#x, want %#x for %d lists", modelLangMask, want, len(modelStopLangs))
	}
	langs := stopTable().langs
	for i, l := range modelStopLangs {
		if langs[i] != l {
			t.Errorf("stopTable().langs[%d] = %q, want %q", i, langs[i], l)
		}
	}
	if len(langs) > 32 {
		t.Errorf("%d stop lists: a langTable set holds 32", len(langs))
	}
	for _, l := range latinLangs {
		if !slices.Contains(langs, l) {
			t.Errorf("latin language %q has no stop list", l)
		}
	}
	for name, i := range map[string]int{"de": latDe, "fr": latFr, "es": latEs, "pt": latPt, "pl": latPl,
		"sv": latSv, "da": latDa, "nb": latNb, "tr": latTr, "cs": latCs, "sk": latSk, "hr": latHr,
		"hu": latHu, "ro": latRo, "vi": latVi, "ca": latCa, "lt": latLt, "lv": latLv} {
		if latinLangs[i] != name {
			t.Errorf("latinLangs[%d] = %q, want %q", i, latinLangs[i], name)
		}
	}
}
