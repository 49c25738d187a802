package decode

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// encode returns s in enc; the test fails if s is not encodable.
func encode(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s[:min(len(s), 40)], err)
	}
	return b
}

// cp1256Persian rewrites Persian text the way windows-1256 pages wrote it:
// Arabic yeh for Persian yeh, ASCII digits.
var cp1256Persian = strings.NewReplacer("ی", "ي", "ۀ", "ه", "۰", "0", "۱", "1", "۲", "2", "۳", "3", "۴", "4", "۵", "5", "۶", "6", "۷", "7", "۸", "8", "۹", "9")

const (
	persian   = "همکاری اطلاعاتی مسکو با طالبان علیه داعش. همزمان با افزایش تعداد تروریست‌های داعش در افغانستان، رئیس جمهوری روسیه برای تبادل اطلاعات به طالبان، یکی از دشمنان قدیمی‌اش رو آورده است."
	russian   = "Президент России заявил, что правительство продолжит работу над новым законом. В Москве прошло совещание, на котором обсуждались вопросы экономики и образования."
	greek     = "Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία. Ο πρωθυπουργός δήλωσε ότι η Ελλάδα θα συνεχίσει τις μεταρρυθμίσεις."
	polish    = "Rząd przyjął dziś projekt ustawy o ochronie środowiska. Minister powiedział, że zmiany wejdą w życie w przyszłym roku, a gminy otrzymają więcej pieniędzy."
	chinese   = "新华社北京电，国务院总理今天在人民大会堂会见了来访的代表团。双方就经济合作和文化交流等问题交换了意见，并表示将进一步加强两国之间的友好关系。"
	tchinese  = "中央社記者今天報導，行政院長在立法院說明國家經濟發展的計畫。他表示政府將會持續推動產業升級，並且加強與各國之間的合作關係。"
	japanese_ = "東京都は今日、新しい経済対策を発表しました。知事は記者会見で、中小企業への支援を強化すると述べ、来年度の予算に反映させる考えを示しました。"
	korean_   = "정부는 오늘 새로운 경제 정책을 발표했다. 대통령은 기자회견에서 중소기업에 대한 지원을 강화하겠다고 말했으며 내년 예산에 반영할 계획이라고 밝혔다."
	french    = "L’économie française a progressé au troisième trimestre, selon l’Insee. « C’est une très bonne nouvelle », a déclaré le ministre, qui prévoit une croissance plus élevée."
)

func TestDecodeCharsets(t *testing.T) {
	fa := cp1256Persian.Replace(persian)
	tests := []struct {
		name      string
		data      []byte
		mediaType string
		want      string // decoded text
		enc       string
		declared  string
		source    Source
	}{
		{"empty", nil, "", "", "utf-8", "", SourceDefault},
		{"ascii", []byte("plain ASCII text"), "", "plain ASCII text", "utf-8", "", SourceDefault},
		{"utf-8", []byte(persian), "", persian, "utf-8", "", SourceUTF8},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, russian...), "", russian, "utf-8", "", SourceBOM},
		{"utf-16le bom", append([]byte{0xFF, 0xFE}, encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), greek)...), "", greek, "utf-16le", "", SourceBOM},
		{"utf-16be bom", append([]byte{0xFE, 0xFF}, encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), chinese)...), "", chinese, "utf-16be", "", SourceBOM},
		{"utf-16le no bom", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "<html><body>"+french+"</body></html>"), "", "<html><body>" + french + "</body></html>", "utf-16le", "", SourceSniff},
		{"windows-1256 sniffed", encode(t, charmap.Windows1256, fa), "", fa, "windows-1256", "", SourceSniff},
		{"windows-1251 sniffed", encode(t, charmap.Windows1251, russian), "", russian, "windows-1251", "", SourceSniff},
		{"koi8-r sniffed", encode(t, charmap.KOI8R, russian), "", russian, "koi8-r", "", SourceSniff},
		{"windows-1253 sniffed", encode(t, charmap.Windows1253, greek), "", greek, "windows-1253", "", SourceSniff},
		{"windows-1250 sniffed", encode(t, charmap.Windows1250, polish), "", polish, "windows-1250", "", SourceSniff},
		{"iso-8859-2 sniffed", encode(t, charmap.ISO8859_2, polish), "", polish, "iso-8859-2", "", SourceSniff},
		{"windows-1252 smart quotes sniffed", encode(t, charmap.Windows1252, french), "", french, "windows-1252", "", SourceSniff},
		{"gbk sniffed", encode(t, simplifiedchinese.GBK, chinese), "", chinese, "gbk", "", SourceSniff},
		{"gb18030 sniffed", encode(t, simplifiedchinese.GB18030, chinese), "", chinese, "gbk", "", SourceSniff},
		{"big5 sniffed", encode(t, traditionalchinese.Big5, tchinese), "", tchinese, "big5", "", SourceSniff},
		{"shift_jis sniffed", encode(t, japanese.ShiftJIS, japanese_), "", japanese_, "shift_jis", "", SourceSniff},
		{"euc-jp sniffed", encode(t, japanese.EUCJP, japanese_), "", japanese_, "euc-jp", "", SourceSniff},
		{"euc-kr sniffed", encode(t, korean.EUCKR, korean_), "", korean_, "euc-kr", "", SourceSniff},
		{
			"meta charset",
			append([]byte(`<html><head><meta charset="windows-1256"><title>t</title></head><body>`), encode(t, charmap.Windows1256, fa)...),
			"", `<html><head><meta charset="windows-1256"><title>t</title></head><body>` + fa, "windows-1256", "windows-1256", SourceMeta,
		},
		{
			"meta http-equiv",
			append([]byte(`<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>`), encode(t, charmap.KOI8R, russian)...),
			"", `<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>` + russian, "koi8-r", "koi8-r", SourceMeta,
		},
		{
			"meta upper case",
			append([]byte(`<META HTTP-EQUIV="Content-Type" CONTENT="text/html; CHARSET=KOI8-R"><p>`), encode(t, charmap.KOI8R, russian)...),
			"", `<META HTTP-EQUIV="Content-Type" CONTENT="text/html; CHARSET=KOI8-R"><p>` + russian, "koi8-r", "koi8-r", SourceMeta,
		},
		{
			// the prescan skips pages without the bytes "charset": a
			// browser's prescan reads attribute values raw too
			"meta charset written with a character reference ignored",
			append([]byte(`<meta http-equiv="Content-Type" content="text/html; &#99;harset=koi8-r"><p>`), encode(t, charmap.Windows1251, russian)...),
			"", `<meta http-equiv="Content-Type" content="text/html; &#99;harset=koi8-r"><p>` + russian, "windows-1251", "", SourceSniff,
		},
		{
			"meta gb2312 is gbk",
			append([]byte(`<meta charset=gb2312><p>`), encode(t, simplifiedchinese.GBK, chinese)...),
			"", `<meta charset=gb2312><p>` + chinese, "gbk", "gbk", SourceMeta,
		},
		{
			"meta inside comment ignored",
			append([]byte(`<!-- <meta charset="koi8-r"> --><p>`), encode(t, charmap.Windows1251, russian)...),
			"", `<!-- <meta charset="koi8-r"> --><p>` + russian, "windows-1251", "", SourceSniff,
		},
		{
			"meta utf-16 means utf-8",
			[]byte(`<meta charset="utf-16"><p>` + greek),
			"", `<meta charset="utf-16"><p>` + greek, "utf-8", "utf-8", SourceMeta,
		},
		{
			"meta cp1252 but utf-8 bytes",
			[]byte(`<meta charset="windows-1252"><p>` + french),
			"", `<meta charset="windows-1252"><p>` + french, "utf-8", "windows-1252", SourceUTF8,
		},
		{
			"meta cp1252 ascii only",
			[]byte(`<meta charset="windows-1252"><p>ascii`),
			"", `<meta charset="windows-1252"><p>ascii`, "windows-1252", "windows-1252", SourceMeta,
		},
		{
			"meta utf-8 but windows-1256 bytes",
			append([]byte(`<meta charset="utf-8"><p>`), encode(t, charmap.Windows1256, fa)...),
			"", `<meta charset="utf-8"><p>` + fa, "windows-1256", "utf-8", SourceSniff,
		},
		{
			"header utf-8 with a few bad bytes",
			[]byte("Привет, мир! Это \xff текст."),
			"text/plain; charset=utf-8", "Привет, мир! Это \uFFFD текст.", "utf-8", "utf-8", SourceHeader,
		},
		{
			"unknown meta label sniffed",
			append([]byte(`<meta charset="x-no-such"><p>`), encode(t, charmap.Windows1256, fa)...),
			"", `<meta charset="x-no-such"><p>` + fa, "windows-1256", "", SourceSniff,
		},
		{
			"media type overrides meta",
			append([]byte(`<meta charset="windows-1251"><p>`), encode(t, charmap.Windows1256, fa)...),
			"text/html; charset=windows-1256", `<meta charset="windows-1251"><p>` + fa, "windows-1256", "windows-1256", SourceHeader,
		},
		{
			"media type label cp1256",
			encode(t, charmap.Windows1256, fa),
			"text/plain; charset=CP1256", fa, "windows-1256", "windows-1256", SourceHeader,
		},
		{
			"media type utf-16le without bom",
			encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), chinese),
			"text/plain; charset=utf-16le", chinese, "utf-16le", "utf-16le", SourceHeader,
		},
		{
			"bom beats media type",
			append([]byte{0xEF, 0xBB, 0xBF}, russian...),
			"text/plain; charset=koi8-r", russian, "utf-8", "koi8-r", SourceBOM,
		},
		{
			"malformed media type still gives charset",
			encode(t, charmap.KOI8R, russian),
			"text/html;; charset=koi8-r; =", russian, "koi8-r", "koi8-r", SourceHeader,
		},
		{
			"utf-16 lone surrogate",
			[]byte{0xFF, 0xFE, 'a', 0, 0x00, 0xD8, 'b', 0, 0x00, 0xDC},
			"", "a\uFFFDb\uFFFD", "utf-16le", "", SourceBOM,
		},
		{
			"utf-16 odd length",
			[]byte{0xFE, 0xFF, 0, 'a', 0},
			"", "a\uFFFD", "utf-16be", "", SourceBOM,
		},
		{
			"invalid utf-8 mostly valid",
			[]byte("Привет, мир! Это \xff текст на русском языке."),
			"", "Привет, мир! Это \uFFFD текст на русском языке.", "utf-8", "", SourceUTF8,
		},
		{
			"truncated utf-8 at end",
			[]byte(persian)[:len(persian)-2],
			"", persian[:len(persian)-3] + "\uFFFD", "utf-8", "", SourceUTF8,
		},
		{
			"nul bytes kept",
			[]byte("a\x00b\x00c\x00 plain text with a few NULs, not UTF-16"),
			"", "a\x00b\x00c\x00 plain text with a few NULs, not UTF-16", "utf-8", "", SourceDefault,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Decode(tt.data, tt.mediaType)
			if err != nil {
				t.Fatal(err)
			}
			if r.Text != tt.want {
				t.Errorf("Text = %q\nwant   %q", trunc(r.Text), trunc(tt.want))
			}
			if r.Encoding != tt.enc || r.Declared != tt.declared || r.Source != tt.source {
				t.Errorf("Encoding, Declared, Source = %q, %q, %v; want %q, %q, %v", r.Encoding, r.Declared, r.Source, tt.enc, tt.declared, tt.source)
			}
			if !utf8.ValidString(r.Text) {
				t.Error("Text is not valid UTF-8")
			}
			if got := strings.Count(r.Text, "\uFFFD"); got != r.Replaced {
				t.Errorf("Replaced = %d, text holds %d U+FFFD", r.Replaced, got)
			}
		})
	}
}

func trunc(s string) string {
	if len(s) > 120 {
		return s[:120] + "..."
	}
	return s
}

func TestDecodeErrors(t *testing.T) {
	for _, mt := range []string{"text/html; charset=x-unknown-charset", "text/html; charset=iso-2022-kr", "text/plain; charset=replacement"} {
		t.Run(mt, func(t *testing.T) {
			_, err := Decode([]byte("text"), mt)
			var ce *CharsetError
			if !errors.As(err, &ce) || !errors.Is(err, ErrUnsupportedCharset) {
				t.Fatalf("err = %v, want a *CharsetError", err)
			}
		})
	}
}

func TestDecodeHTMLFlag(t *testing.T) {
	tests := []struct {
		name, data, mediaType string
		want                  bool
	}{
		{"media type html", "just text", "text/html", true},
		{"media type xhtml", "just text", "application/xhtml+xml; charset=utf-8", true},
		{"media type plain", "<html><body>x</body></html>", "text/plain", false},
		{"sniffed html", "<!DOCTYPE html><html>", "", true},
		{"sniffed text", "a < b and c > d", "", false},
		{"other media type sniffs", "<p>x</p>", "application/octet-stream", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Decode([]byte(tt.data), tt.mediaType)
			if err != nil {
				t.Fatal(err)
			}
			if r.HTML != tt.want {
				t.Errorf("HTML = %v, want %v", r.HTML, tt.want)
			}
		})
	}
}

func TestSniffHTML(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"empty", "", false},
		{"doctype", "<!doctype html>\n<title>x</title>", true},
		{"doctype upper with bom and space", "\uFEFF \n<!DOCTYPE HTML PUBLIC>", true},
		{"html tag", "<html lang=fa>", true},
		{"comment first", "<!-- saved from url -->\n<p>hi", true},
		{"xml declaration", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">`, true},
		{"fragment starting with p", "<p>Hello world</p>", true},
		{"fragment starting with div", "<div class=\"a\">Hello", true},
		{"two tags later", "Some text <b>bold</b> and more", true},
		{"less than", "a < b", false},
		{"math", "if a<b && c<a then", false},
		{"heart", "I <3 Go", false},
		{"one tag mention", "Use the <div> element to group content.", false},
		{"unknown tag", "<foo>bar</foo>", false},
		{"persian plain text", "همکاری اطلاعاتی مسکو با طالبان علیه داعش\nبه گزارش ایسنا", false},
		{"tag name prefix only", "<pineapple> <divide>", false},
		{"tags after the first KB", strings.Repeat("x", SniffBytes) + "<p>a</p><p>b</p>", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SniffHTML(tt.text); got != tt.want {
				t.Errorf("SniffHTML(%q) = %v, want %v", trunc(tt.text), got, tt.want)
			}
		})
	}
}

func TestUTF8(t *testing.T) {
	tests := []struct {
		name, in, want string
		n              int
	}{
		{"empty", "", "", 0},
		{"valid", "héllo", "héllo", 0},
		{"one bad byte", "a\xffb", "a\uFFFDb", 1},
		{"each bad byte replaced", "a\xff\xfeb", "a\uFFFD\uFFFDb", 2},
		{"surrogate encoded in utf-8", "a\xed\xa0\x80b", "a\uFFFD\uFFFD\uFFFDb", 3},
		{"truncated", "ab\xe4\xb8", "ab\uFFFD\uFFFD", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n := utf8Count([]byte(tt.in))
			if got != tt.want || n != tt.n {
				t.Errorf("utf8Count(%q) = %q, %d; want %q, %d", tt.in, got, n, tt.want, tt.n)
			}
			if UTF8([]byte(tt.in)) != tt.want {
				t.Errorf("UTF8 disagrees with utf8Count")
			}
		})
	}
}

// TestSeedWindows1256 decodes the Persian seed example encoded the way an
// old Persian site would have served it, without any declaration.
func TestSeedWindows1256(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join(sharedDir(t), "examples", "seed-fa-news.txt"))
	if err != nil {
		t.Skip(err)
	}
	text := cp1256Persian.Replace(string(seed))
	data, err := encoding.ReplaceUnsupported(charmap.Windows1256.NewEncoder()).Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Decode(data, "")
	if err != nil {
		t.Fatal(err)
	}
	if r.Encoding != "windows-1256" || r.HTML {
		t.Fatalf("Encoding, HTML = %q, %v; want windows-1256, false", r.Encoding, r.HTML)
	}
	want, _ := charmap.Windows1256.NewDecoder().Bytes(data)
	if !bytes.Equal([]byte(r.Text), want) {
		t.Error("text differs from a windows-1256 decoding")
	}
}

func TestDecodeLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	// 50 MB of windows-1256 with invalid-UTF-8 bytes: the slow path
	// (5 MB under the race detector).
	size := 50 << 20
	if raceEnabled {
		size = 5 << 20
	}
	unit := encode(t, charmap.Windows1256, cp1256Persian.Replace(persian)+"\n")
	data := bytes.Repeat(unit, size/len(unit))
	r, err := Decode(data, "")
	if err != nil {
		t.Fatal(err)
	}
	if r.Encoding != "windows-1256" || r.Replaced != 0 {
		t.Fatalf("Encoding, Replaced = %q, %d", r.Encoding, r.Replaced)
	}
}

func TestDeepNesting(t *testing.T) {
	data := []byte(strings.Repeat("<div>", 100000) + "<meta charset=koi8-r>" + strings.Repeat("</div>", 100000))
	r, err := Decode(data, "")
	if err != nil {
		t.Fatal(err)
	}
	if !r.HTML || r.Encoding != "utf-8" || len(r.Text) != len(data) {
		t.Errorf("HTML, Encoding, len = %v, %q, %d", r.HTML, r.Encoding, len(r.Text))
	}
}
