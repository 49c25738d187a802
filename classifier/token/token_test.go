package token

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/winnowhq/winnow/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files")

// sharedDir returns the shared material beside the repository, or skips
// the test when it is absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	sh, err := corpus.SharedDir()
	if err != nil {
		t.Skip(err)
	}
	return sh
}

type tok struct {
	Text string // Token
	Src  string // s[Span()]
	Kind Kind
}

func tokens(s string) []tok {
	var it Iter
	it.Reset(s)
	var out []tok
	for it.Next() {
		a, b := it.Span()
		out = append(out, tok{string(it.Token()), s[a:b], it.Kind()})
	}
	return out
}

func texts(s string) []string {
	var out []string
	for _, t := range tokens(s) {
		out = append(out, t.Text)
	}
	return out
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"ascii lower", "Hello, World!", "hello, world!"},
		{"arabic yeh", "علي", "علی"},
		{"alef maksura", "مصطفى", "مصطفی"},
		{"arabic kaf", "كتاب", "کتاب"},
		{"teh marbuta", "مدرسة", "مدرسه"},
		{"heh with yeh above", "خانۀ", "خانه"},
		{"heh variants", "ە ھ ہ", "ه ه ه"},
		{"hamza alef", "أإٱ", "ااا"},
		{"waw hamza", "مؤمن", "مومن"},
		{"madda stays", "آب", "آب"},
		{"yeh hamza stays", "مسئله", "مسئله"},
		{"decomposed madda", "\u0627\u0653ب", "آب"},
		{"decomposed yeh hamza", "مس\u064a\u0654له", "مسئله"},
		{"decomposed alef hamza", "\u0627\u0654حمد", "احمد"},
		{"persian digits", "۱۴۰۳", "1403"},
		{"arabic-indic digits", "٢٠٢٤", "2024"},
		{"devanagari digits", "१२३", "123"},
		{"fullwidth digits", "１２３", "123"},
		{"diacritics", "مُحَمَّدٌ", "محمد"},
		{"superscript alef", "هٰذا", "هذا"},
		{"tatweel", "بـــــر", "بر"},
		{"zwnj", "می\u200cکند", "میکند"},
		{"zwj lrm rlm", "a\u200db\u200ec\u200fd", "abcd"},
		{"not sign as zwnj", "می¬کند", "میکند"},
		{"lam alef ligature", "ﻻ", "لا"},
		{"presentation forms", "ﺑﺮﺍﯼ", "برای"},
		{"allah ligature", "ﷲ", "الله"},
		{"salla ligature is one word", "ﷺ", "صلیاللهعلیهوسلم"},
		{"rial sign", "﷼", "ریال"},
		{"nbsp and em space", "a\u00a0b\u2003c", "a b c"},
		{"space runs", "  a \t\t b  ", "a b"},
		{"line break wins", "a \n\n b", "a\nb"},
		{"crlf", "a\r\nb", "a\nb"},
		{"greek final sigma", "ΛΟΓΟΣ λόγος", "λογοσ λόγοσ"},
		{"turkish dotted I", "İstanbul", "istanbul"},
		{"turkish dotless i stays", "ılık", "ılık"},
		{"sharp s stays", "Straße", "straße"},
		{"cyrillic", "Москва", "москва"},
		{"decomposed e acute", "cafe\u0301", "café"},
		{"fi ligature", "ﬁnal", "final"},
		{"fullwidth latin", "ＡＢＣ", "abc"},
		{"fullwidth punctuation", "（ｘ），：～！", "(x),:~!"},
		{"one half", "½", "12"},
		{"kelvin", "\u212a", "k"},
		{"cjk kept", "北京", "北京"},
		{"halfwidth katakana", "ｶﾀｶﾅ", "カタカナ"},
		{"space convention joined", "می کند", "میکند"},
		{"negative prefix", "نمی دانم", "نمیدانم"},
		{"plural suffix", "کتاب ها", "کتابها"},
		{"two suffixes", "بزرگ تر ها", "بزرگترها"},
		{"no join across newline", "می\nکند", "می\nکند"},
		{"no join across comma", "کتاب، ها", "کتاب، ها"},
		{"nul bytes", "a\x00b", "a b"},
		{"invalid utf-8", "a\xffb", "a\ufffdb"},
		{"soft hyphen", "exam\u00adple", "example"},
		{"bom", "\ufeffabc", "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Normalize(got); again != got {
				t.Errorf("Normalize not idempotent: %q -> %q", got, again)
			}
		})
	}
}

func TestZWNJConventions(t *testing.T) {
	tests := []struct {
		name  string
		forms []string
	}{
		{"mi prefix", []string{"می‌کند", "میکند", "می کند", "مي‌كند", "می\u00a0کند", "می¬کند"}},
		{"nemi prefix", []string{"نمی‌دانم", "نمیدانم", "نمی دانم"}},
		{"plural", []string{"کتاب‌ها", "کتابها", "کتاب ها"}},
		{"plural ezafe", []string{"کتاب‌های", "کتابهای", "کتاب های"}},
		{"superlative", []string{"بزرگ‌ترین", "بزرگترین", "بزرگ ترین"}},
		{"verb ending", []string{"رفته‌اند", "رفتهاند", "رفته اند"}},
		{"indefinite", []string{"خانه‌ای", "خانهای", "خانه ای"}},
		{"prefix and suffix", []string{"می‌کرده‌اند", "میکردهاند", "می کرده اند"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := texts(tt.forms[0])
			if len(want) != 1 {
				t.Fatalf("%q gives %d tokens %q, want 1", tt.forms[0], len(want), want)
			}
			for _, f := range tt.forms[1:] {
				got := texts(f)
				if len(got) != 1 || got[0] != want[0] {
					t.Errorf("%q gives %q, want %q", f, got, want)
				}
				if toks := tokens(f); len(toks) == 1 && toks[0].Src != f {
					t.Errorf("%q: joined token spans %q, want the whole", f, toks[0].Src)
				}
			}
		})
	}
}

func TestIter(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []tok
	}{
		{"empty", "", nil},
		{"punctuation only", " ,.;!? ", nil},
		{"latin", "The cat's hat.", []tok{{"the", "The", Word}, {"cat", "cat", Word}, {"s", "s", Word}, {"hat", "hat", Word}}},
		{"apostrophe french", "l'homme", []tok{{"l", "l", Word}, {"homme", "homme", Word}}},
		{"hyphen", "e-mail", []tok{{"e", "e", Word}, {"mail", "mail", Word}}},
		{"latin and digits together", "mp3 covid19", []tok{{"mp3", "mp3", Word}, {"covid19", "covid19", Word}}},
		{"persian digits split from letters", "۹متر", []tok{{"0", "۹", Number}, {"متر", "متر", Word}}},
		{"number shapes", "7 42 1403 96106 1018425 123456789",
			[]tok{{"0", "7", Number}, {"00", "42", Number}, {"0000", "1403", Number}, {"00000", "96106", Number},
				{"00000", "1018425", Number}, {"000000000", "123456789", Number}}},
		{"persian date", "۰۲:۳۰ - ۱۳-۰۹-۱۴۰۳", []tok{{"00", "۰۲", Number}, {"00", "۳۰", Number}, {"00", "۱۳", Number},
			{"00", "۰۹", Number}, {"0000", "۱۴۰۳", Number}}},
		{"zwnj inside span", "می‌شود", []tok{{"میشود", "می‌شود", Word}}},
		{"joined span covers both", "آنها می کنند", []tok{{"آنها", "آنها", Word}, {"میکنند", "می کنند", Word}}},
		{"arabic vs persian letters", "كيف", []tok{{"کیف", "كيف", Word}}},
		{"presentation form span", "ﻻ ﺑﺮ", []tok{{"لا", "ﻻ", Word}, {"بر", "ﺑﺮ", Word}}},
		{"chinese bigrams", "北京大学", []tok{{"北京", "北京", Bigram}, {"京大", "京大", Bigram}, {"大学", "大学", Bigram}}},
		{"chinese single", "的 中", []tok{{"的", "的", Bigram}, {"中", "中", Bigram}}},
		{"chinese punctuation cuts runs", "你好，世界。", []tok{{"你好", "你好", Bigram}, {"世界", "世界", Bigram}}},
		{"japanese mixed", "東京タワー", []tok{{"東京", "東京", Bigram}, {"京タ", "京タ", Bigram}, {"タワ", "タワ", Bigram}, {"ワー", "ワー", Bigram}}},
		{"han and latin", "iPhone手机", []tok{{"iphone", "iPhone", Word}, {"手机", "手机", Bigram}}},
		{"thai with marks", "ที่นี่", []tok{{"ที่นี่", "ที่นี่", Bigram}}},
		{"korean uses spaces", "한국어 문장", []tok{{"한국어", "한국어", Word}, {"문장", "문장", Word}}},
		{"greek", "Η Αθήνα", []tok{{"η", "Η", Word}, {"αθήνα", "Αθήνα", Word}}},
		{"expansion shares span", "㋀", []tok{{"0", "㋀", Number}, {"月", "㋀", Bigram}}},
		{"invalid utf-8", "ab\xffcd", []tok{{"ab", "ab", Word}, {"cd", "cd", Word}}},
		{"nul", "a\x00b", []tok{{"a", "a", Word}, {"b", "b", Word}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tokens(tt.in)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("tokens(%q)\n got %v\nwant %v", tt.in, got, tt.want)
			}
			checkSpans(t, tt.in)
		})
	}
}

// checkSpans checks the span invariants of the iterator on s: spans in
// bounds and non-empty, starts non-decreasing, and no overlap except
// between bigrams or within one source rune; and that the tokens of
// Normalize(s) are the tokens of s.
func checkSpans(t testing.TB, s string) {
	t.Helper()
	var it Iter
	it.Reset(s)
	prevStart, prevEnd := 0, 0
	prevKind := Word
	var toks []string
	for i := 0; it.Next(); i++ {
		a, b := it.Span()
		if a < 0 || b > len(s) || a >= b {
			t.Fatalf("token %d %q: span [%d,%d) out of bounds (len %d)", i, it.Token(), a, b, len(s))
		}
		if len(it.Token()) == 0 {
			t.Fatalf("token %d: empty token at [%d,%d)", i, a, b)
		}
		if !utf8.Valid(it.Token()) {
			t.Fatalf("token %d: invalid UTF-8 %q", i, it.Token())
		}
		if i > 0 {
			if a < prevStart || b < prevEnd {
				t.Fatalf("token %d: span [%d,%d) before previous [%d,%d)", i, a, b, prevStart, prevEnd)
			}
			if a < prevEnd && !(it.Kind() == Bigram && prevKind == Bigram) {
				if _, n := utf8.DecodeRuneInString(s[a:]); a+n != prevEnd {
					t.Fatalf("token %d %q: span [%d,%d) overlaps previous [%d,%d) by more than a rune", i, it.Token(), a, b, prevStart, prevEnd)
				}
			}
		}
		prevStart, prevEnd, prevKind = a, b, it.Kind()
		toks = append(toks, string(it.Token()))
	}
	n := Normalize(s)
	if slow := normalize(s); slow != n {
		t.Fatalf("Normalize(%q) = %q, but without the fast path %q", s, n, slow)
	}
	if !utf8.ValidString(n) {
		t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, n)
	}
	if nn := Normalize(n); nn != n {
		t.Fatalf("Normalize not idempotent on %q: %q then %q", s, n, nn)
	}
	var again []string
	it.Reset(n)
	for it.Next() {
		again = append(again, string(it.Token()))
	}
	if strings.Join(toks, "\x00") != strings.Join(again, "\x00") {
		t.Fatalf("tokens of %q\n  %q\ndiffer from tokens of Normalize = %q\n  %q", s, toks, n, again)
	}
}

// TestEveryRune checks idempotence and the span invariants for every
// scalar value alone and between letters.
func TestEveryRune(t *testing.T) {
	step := rune(1)
	if testing.Short() {
		step = 7
	}
	for r := rune(0); r <= utf8.MaxRune; r += step {
		if r >= 0xD800 && r < 0xE000 {
			continue
		}
		s := string(r)
		n := Normalize(s)
		if nn := Normalize(n); nn != n {
			t.Errorf("U+%04X: Normalize %q then %q", r, n, nn)
		}
		// in context: every rune below the CJK blocks, the compatibility
		// blocks, and a sample of the rest
		if r < 0x3400 || r >= 0xF900 && r < 0x10000 || r >= 0x1D400 && r < 0x1D800 ||
			r >= 0x1F100 && r < 0x1F300 || r%97 == 0 {
			for _, ctx := range [...]string{"a%sb", "ب%sب", "中%s文", "1%s2"} {
				checkSpans(t, fmt.Sprintf(ctx, s))
			}
		}
	}
}

func TestAllocs(t *testing.T) {
	sh := sharedDir(t)
	fa, err := os.ReadFile(filepath.Join(sh, "examples", "seed-fa-news.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, text string }{
		{"persian", string(fa)},
		{"english", englishSample},
		{"chinese", chineseSample},
		{"mixed", "ﻻ ﷺ ½ café\u0301 ΛΟΓΟΣ ที่นี่ ㋀ ｶﾞ a\xffb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var it Iter
			it.Reset(tc.text)
			for it.Next() {
			}
			allocs := testing.AllocsPerRun(20, func() {
				it.Reset(tc.text)
				for it.Next() {
					_ = it.Hash()
				}
			})
			if allocs != 0 {
				t.Errorf("%v allocations per run, want 0", allocs)
			}
		})
	}
}

// TestSeedGolden writes the tokens of the seed example to a golden file
// (go test -run TestSeedGolden -update).
func TestSeedGolden(t *testing.T) {
	sh := sharedDir(t)
	data, err := os.ReadFile(filepath.Join(sh, "examples", "seed-fa-news.txt"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	checkSpans(t, s)
	var b bytes.Buffer
	for _, tk := range tokens(s) {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", tk.Kind, tk.Text, tk.Src)
	}
	b.WriteString("--- Normalize\n")
	b.WriteString(Normalize(s))
	b.WriteString("\n")
	golden := filepath.Join("testdata", "seed-fa-news.golden")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("tokens of the seed example differ from %s; run with -update and review the diff", golden)
	}
}

func TestHash(t *testing.T) {
	// FNV-1a 64 test vectors: model files depend on these values.
	for _, tc := range []struct {
		in   string
		want uint64
	}{
		{"", 0xcbf29ce484222325},
		{"a", 0xaf63dc4c8601ec8c},
		{"foobar", 0x85944171f73967e8},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := HashString(tc.in); got != tc.want {
				t.Errorf("HashString(%q) = %#x, want %#x", tc.in, got, tc.want)
			}
			if got := Hash([]byte(tc.in)); got != tc.want {
				t.Errorf("Hash(%q) = %#x, want %#x", tc.in, got, tc.want)
			}
		})
	}
	var it Iter
	it.Reset("Foobar")
	if !it.Next() || it.Hash() != 0x85944171f73967e8 {
		t.Errorf("Iter.Hash of Foobar = %#x", it.Hash())
	}
}

func TestHugeAndDeep(t *testing.T) {
	t.Run("one long word", func(t *testing.T) {
		s := strings.Repeat("a", 1<<20)
		var it Iter
		it.Reset(s)
		if !it.Next() || len(it.Token()) != 1<<20 || it.Next() {
			t.Error("want one token of 1 MiB")
		}
	})
	t.Run("long han run", func(t *testing.T) {
		s := strings.Repeat("中文", 1<<16)
		var it Iter
		it.Reset(s)
		n := 0
		for it.Next() {
			n++
		}
		if want := 2<<16 - 1; n != want {
			t.Errorf("%d bigrams, want %d", n, want)
		}
	})
	t.Run("many marks", func(t *testing.T) {
		checkSpans(t, "a"+strings.Repeat("\u0301", 10000)+" ب"+strings.Repeat("\u064b", 10000))
	})
	t.Run("many joins", func(t *testing.T) {
		s := "کتاب" + strings.Repeat(" ها", 10000)
		checkSpans(t, s)
		if n := len(tokens(s)); n != 1 {
			t.Errorf("%d tokens, want 1", n)
		}
		s = strings.Repeat("می ", 10000)
		checkSpans(t, s)
		if n := len(tokens(s)); n != 5000 {
			t.Errorf("%d tokens, want 5000 (prefixes join in pairs)", n)
		}
	})
}

func Example() {
	s := "سخنگوی وزارت امور خارجه روسيه گفت: ارتباط میان مسکو و طالبان ... می کند ۱۴۰۳"
	var it Iter
	it.Reset(s)
	for it.Next() {
		start, end := it.Span()
		fmt.Printf("%s %q %s\n", it.Kind(), it.Token(), s[start:end])
	}
	fmt.Println(Normalize("ﻻ تُرجمه‌ها ك ي ۱۲۳ Straße"))
	// Output:
	// word "سخنگوی" سخنگوی
	// word "وزارت" وزارت
	// word "امور" امور
	// word "خارجه" خارجه
	// word "روسیه" روسيه
	// word "گفت" گفت
	// word "ارتباط" ارتباط
	// word "میان" میان
	// word "مسکو" مسکو
	// word "و" و
	// word "طالبان" طالبان
	// word "میکند" می کند
	// number "0000" ۱۴۰۳
	// لا ترجمهها ک ی 123 straße
}

const englishSample = `The quick brown fox jumps over the lazy dog. In a statement on Tuesday,
the ministry said it had "no evidence" of the claims, and that the report's authors
would be invited to present their findings. Prices rose 3.5% in March, the highest
rate since 2019. Share this article: Facebook Twitter Email. Related: Ten things
you didn't know about foxes (+photos).`

const chineseSample = `北京时间周二，外交部发言人在例行记者会上表示，中方对有关报道高度关注。
据新华社报道，今年三月物价上涨百分之三点五，为二〇一九年以来最高。分享到：微博 微信 邮件。`

// TestFiftyMegabytes tokenises and normalises a 50 MB mixed-script text
// (skipped with -short and under the race detector, for CI time).
func TestFiftyMegabytes(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("50 MB input: skipped with -short and -race")
	}
	unit := "سخنگوی وزارت امور خارجه می کند، The ministry said 2024 北京大学 ﻻ\u200c\x00\xff\n"
	s := strings.Repeat(unit, 50<<20/len(unit)+1)
	var it Iter
	it.Reset(s)
	n, last := 0, 0
	for it.Next() {
		n++
		_, last = it.Span()
	}
	if want := 13 * (50<<20/len(unit) + 1); n != want {
		t.Errorf("%d tokens, want %d", n, want)
	}
	if last != len(s)-len(unit)+strings.Index(unit, "ﻻ")+len("ﻻ") {
		t.Errorf("last token ends at %d", last)
	}
	if got := Normalize(s); len(got) == 0 || !utf8.ValidString(got) {
		t.Error("Normalize of 50 MB failed")
	}
}

// TestCompatBits checks the table of runes NFKC changes against
// norm.NFKC.String.
func TestCompatBits(t *testing.T) {
	bits := compatBits()
	for r := rune(0x80); r < 0x10000; r++ {
		if r >= 0xD800 && r < 0xE000 {
			continue
		}
		s := string(r)
		want := norm.NFKC.String(s) != s
		if got := bits[r/64]&(1<<(r%64)) != 0; got != want {
			t.Errorf("U+%04X: needs NFKC = %v, want %v", r, got, want)
		}
	}
}

// TestLowFold checks the reader's table path for the two-byte runes below
// the Arabic block against foldSimple, rune by rune, alone and inside a
// word (the word loop reads the table itself).
func TestLowFold(t *testing.T) {
	var rd reader
	for r := rune(0x80); r < lowFoldEnd; r++ {
		s := string(r)
		if needsNFKC(r, s) {
			if lowFold[r-0x80] != lowFoldNFKC {
				t.Errorf("U+%04X: NFKC changes it but the table folds it", r)
			}
			continue
		}
		rd.reset(s)
		if !rd.peek() {
			t.Fatalf("U+%04X: no rune", r)
		}
		wr, wc := foldSimple(r)
		if rd.r != wr || rd.c != wc || rd.start != 0 || rd.end != len(s) {
			t.Errorf("U+%04X: peek = %U class %d [%d,%d), want %U class %d [0,%d)", r, rd.r, rd.c, rd.start, rd.end, wr, wc, len(s))
		}
		if wc != cLetter && wc != cDigit && wc != cMark {
			continue
		}
		var it Iter
		it.Reset("a" + s + "b")
		want := "a" + string(wr) + "b"
		if wc == cMark {
			want = norm.NFC.String(want)
		}
		if !it.Next() || string(it.Token()) != want {
			t.Errorf("U+%04X: first token %q, want %q", r, it.Token(), want)
		}
	}
}

// TestPeekFastPaths checks the reader's inline cases for the Arabic block
// (U+0600–U+06FF), General Punctuation (U+2000–U+207F, punctFold) and the
// CJK ideographs (U+4E00–U+9FFF, ideographAt) and CJK punctuation and
// kana (U+3000–U+30FF, kanaFold) against the general case:
// arabicFold for the first, foldSimple or the NFKC expansion for the
// others, alone and before another rune, and truncated or broken
// sequences of their lead bytes as invalid bytes.
func TestPeekFastPaths(t *testing.T) {
	check := func(r rune, s string, wr rune, wc class, wend int) {
		t.Helper()
		var rd reader
		rd.reset(s)
		if !rd.peek() {
			t.Fatalf("U+%04X: no rune in %q", r, s)
		}
		if rd.r != wr || rd.c != wc || rd.start != 0 || rd.end != wend {
			t.Errorf("U+%04X in %q: peek = %U class %d [%d,%d), want %U class %d [0,%d)", r, s, rd.r, rd.c, rd.start, rd.end, wr, wc, wend)
		}
	}
	for r := rune(0x0600); r < 0x0700; r++ {
		s := string(r)
		wr, wc := arabicFold(r)
		check(r, s, wr, wc, 2)
		check(r, s+"\u0628", wr, wc, 2)
	}
	// the three-byte tables: each rune by the table, or expanded where
	// NFKC changes it
	table := func(first rune, tab []uint32) {
		for i := range tab {
			r := first + rune(i)
			s := string(r)
			if needsNFKC(r, s) {
				if tab[i] != lowFoldNFKC {
					t.Errorf("U+%04X: NFKC changes it but the table folds it", r)
				}
				var want reader
				want.reset(s)
				want.expand(s)
				check(r, s+"x", want.q[0], want.qc[0], 3)
				continue
			}
			wr, wc := foldSimple(r)
			check(r, s, wr, wc, 3)
			check(r, s+"\u0628", wr, wc, 3)
		}
	}
	table(punctFoldStart, punctFold[:])
	table(0x3000, kanaFold[:])
	for r := rune(0x4DC0); r < 0xA000; r++ {
		// the ideographs (ideographAt) and the hexagrams before them
		s := string(r)
		wr, wc := foldSimple(r)
		if needsNFKC(r, s) {
			t.Errorf("U+%04X: NFKC changes it", r)
		}
		check(r, s, wr, wc, 3)
		check(r, s+"\u0628", wr, wc, 3)
	}
	for _, s := range []string{"\xd8", "\xd8x", "\xe2", "\xe2\x80", "\xe2\x80x", "\xe2\x82\xac", "\xe2\xc0\x80",
		"\xe4", "\xe4\xb8", "\xe4\xb8x", "\xe5\x80\xc0", "\xe9\xc0\x80", "\xe4\xb7\xbf",
		"\xe3", "\xe3\x80", "\xe3\x84\x80", "\xe3\x80\xc0"} {
		// invalid bytes read as U+FFFD; € (U+20AC) is past the table
		r, n := utf8.DecodeRuneInString(s)
		wr, wc := foldSimple(r)
		check(r, s, wr, wc, n)
	}
}
