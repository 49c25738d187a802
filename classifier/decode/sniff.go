package decode

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/transform"
)

// Limits of the legacy-charset sniffer's sample.
const (
	// SniffSampleBytes bounds the bytes each candidate charset decodes.
	SniffSampleBytes = 64 << 10
	// sniffHighBytes stops the sample early once it holds this many bytes
	// >= 0x80.
	sniffHighBytes = 4 << 10
)

// candidate is a legacy charset the sniffer may choose, with the language
// evidence it earns a bonus for.
type candidate struct {
	info charsetInfo
	// frequent lists very frequent characters of the charset's language:
	// each decoded occurrence lowers the score by one.
	frequent string
	// kana gives a bonus for each hiragana (Japanese charsets).
	kana bool
}

// candidates are tried in this order; on equal scores the earlier wins, so
// the more widely used charset of a family comes first.
var candidates = [...]candidate{
	{info: charsetInfo{name: "windows-1252", enc: charmap.Windows1252, asciiCompatible: true}},
	{info: charsetInfo{name: "windows-1250", enc: charmap.Windows1250, asciiCompatible: true}},
	{info: charsetInfo{name: "iso-8859-2", enc: charmap.ISO8859_2, asciiCompatible: true}},
	{info: charsetInfo{name: "windows-1251", enc: charmap.Windows1251, asciiCompatible: true}},
	{info: charsetInfo{name: "koi8-r", enc: charmap.KOI8R, asciiCompatible: true}},
	{info: charsetInfo{name: "windows-1256", enc: charmap.Windows1256, asciiCompatible: true}},
	{info: charsetInfo{name: "windows-1253", enc: charmap.Windows1253, asciiCompatible: true}},
	{info: charsetInfo{name: "iso-8859-7", enc: charmap.ISO8859_7, asciiCompatible: true}},
	{info: charsetInfo{name: "windows-1255", enc: charmap.Windows1255, asciiCompatible: true}},
	{info: charsetInfo{name: "euc-kr", enc: korean.EUCKR, asciiCompatible: true}, frequent: frequentKorean},
	{info: charsetInfo{name: "shift_jis", enc: japanese.ShiftJIS, asciiCompatible: true}, kana: true},
	{info: charsetInfo{name: "euc-jp", enc: japanese.EUCJP, asciiCompatible: true}, kana: true},
	{info: charsetInfo{name: "gbk", enc: simplifiedchinese.GB18030, asciiCompatible: true}, frequent: frequentSimplified},
	{info: charsetInfo{name: "big5", enc: traditionalchinese.Big5, asciiCompatible: true}, frequent: frequentTraditional},
}

// The most frequent characters of Chinese (simplified and traditional) and
// Korean running text.
const (
	frequentSimplified  = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心"
	frequentTraditional = "的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心"
	frequentKorean      = "이의다는에하고을가지로서한기를도리사자대들인으시일수어아정나보것해그만부전상적있없년및과요게주"
)

// sniffCharset returns the canonical name of the charset Decode would choose for p
// if nothing were declared: "utf-16le"/"utf-16be" for BOM-less UTF-16 of
// mostly Latin text, "utf-8" for UTF-8 (or pure ASCII), otherwise one of
// windows-1252, windows-1250, iso-8859-2, windows-1251, koi8-r,
// windows-1256, windows-1253, iso-8859-7, windows-1255, euc-kr, shift_jis,
// euc-jp, gbk or big5.
//
// The legacy choice decodes a bounded sample (at most SniffSampleBytes,
// from the first non-ASCII byte) with every candidate and keeps the one
// whose text looks least broken, the earlier candidate on a tie:
//
//   - each U+FFFD, C1 control or private-use character costs 3;
//   - inside a word, each change of script, upper-case letter after a
//     letter, or pair of adjacent non-ASCII Latin letters costs 1;
//   - each odd non-ASCII symbol (± ³ ¶ ...) right before a letter,
//     half-width katakana, or Icelandic letter (ð þ: in windows-1252 they
//     stand for the Central European đ ţ) costs 1;
//   - each very frequent Chinese or Korean character, or hiragana, decoded
//     by a charset of that language earns 1.
//
// It tells scripts apart well (Arabic, Cyrillic, Greek, Hebrew, Chinese,
// Japanese, Korean, Latin) and windows-1251 from koi8-r, but within Latin
// scripts it only sees letters that are symbols in the other charset:
// Czech in iso-8859-2 may be read as windows-1250, Turkish or Icelandic
// text as windows-1252 or windows-1250. Charsets outside the list (Thai,
// Vietnamese, Baltic, Turkish) are not sniffed.
func sniffCharset(p []byte) string {
	if ci := sniffUTF16(p); ci != nil {
		return ci.name
	}
	if st := scanDecide(p); st.multi >= 4*st.invalid {
		return "utf-8"
	}
	return sniffLegacy(p).name
}

// sniffUTF16 recognises BOM-less UTF-16 of mostly ASCII text (markup, Latin
// text): in the first KB, at least half of the code units have a zero high
// byte, and at most an eighth as many have a zero low byte.
func sniffUTF16(p []byte) *charsetInfo {
	n := min(len(p), 1024) &^ 1
	if n < 4 {
		return nil
	}
	var even, odd int // zero bytes at even and odd offsets
	for i := 0; i < n; i += 2 {
		if p[i] == 0 {
			even++
		}
		if p[i+1] == 0 {
			odd++
		}
	}
	units := n / 2
	switch {
	case 2*odd >= units && 8*even <= odd:
		return &utf16LEInfo
	case 2*even >= units && 8*odd <= even:
		return &utf16BEInfo
	}
	return nil
}

// sniffLegacy chooses among the candidate legacy charsets.
func sniffLegacy(p []byte) *charsetInfo {
	sample := legacySample(p)
	best, bestScore := 0, math.MaxInt
	var buf []byte
	for i := range candidates {
		c := &candidates[i]
		var s int
		if cm, ok := c.info.enc.(*charmap.Charmap); ok {
			s = c.scoreBytes(cm, sample)
		} else {
			out, _, err := transform.Append(c.info.enc.NewDecoder(), buf[:0], sample)
			if err != nil {
				continue
			}
			buf = out
			s = c.score(out)
		}
		if s < bestScore {
			best, bestScore = i, s
		}
	}
	return &candidates[best].info
}

// legacySample returns the part of p the sniffer looks at: from the word
// holding the first non-ASCII byte, at most SniffSampleBytes and at most
// about sniffHighBytes non-ASCII bytes, cut after a byte below 0x30 so that
// no multi-byte character is split.
func legacySample(p []byte) []byte {
	start := firstNonASCII(p)
	if start < 0 {
		return nil
	}
	for k := 0; start > 0 && k < 32 && isASCIILetter(p[start-1]); k++ {
		start--
	}
	s := p[start:]
	if len(s) > SniffSampleBytes {
		s = s[:SniffSampleBytes]
	}
	high := 0
	for i, c := range s {
		if c >= 0x80 {
			high++
			if high >= sniffHighBytes {
				s = s[:i+1]
				break
			}
		}
	}
	if len(s) < len(p)-start {
		// Cut after the last byte that cannot be a trail byte.
		for i := len(s) - 1; i >= 0; i-- {
			if s[i] < 0x30 {
				return s[:i+1]
			}
		}
	}
	return s
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// Scripts the sniffer tells apart.
const (
	scriptOther = iota
	scriptLatin
	scriptGreek
	scriptCyrillic
	scriptArabic
	scriptHebrew
	scriptCJK // Han and kana: Japanese mixes them in one word
	scriptHangul
	scriptThai
)

func scriptOf(r rune) int {
	switch {
	case r < 0x250 || 0x1E00 <= r && r <= 0x1EFF:
		return scriptLatin
	case 0x370 <= r && r <= 0x3FF || 0x1F00 <= r && r <= 0x1FFF:
		return scriptGreek
	case 0x400 <= r && r <= 0x52F:
		return scriptCyrillic
	case 0x590 <= r && r <= 0x5FF || 0xFB1D <= r && r <= 0xFB4F:
		return scriptHebrew
	case 0x600 <= r && r <= 0x6FF || 0x750 <= r && r <= 0x77F || 0xFB50 <= r && r <= 0xFDFF || 0xFE70 <= r && r <= 0xFEFF:
		return scriptArabic
	case 0xE00 <= r && r <= 0xE7F:
		return scriptThai
	case 0x1100 <= r && r <= 0x11FF || 0x3130 <= r && r <= 0x318F || 0xAC00 <= r && r <= 0xD7AF:
		return scriptHangul
	case 0x3040 <= r && r <= 0x30FF || 0x3400 <= r && r <= 0x9FFF || 0xF900 <= r && r <= 0xFAFF || 0xFF66 <= r && r <= 0xFF9F || 0x20000 <= r:
		return scriptCJK
	}
	return scriptOther
}

// isOddSymbol reports whether r is a non-ASCII symbol, number sign or
// punctuation mark that real text does not put right before a letter:
// ± ³ ¶ § ¤ ... but not ¿ ¡ · … • (Spanish, Catalan, ellipses, bullets),
// quotes, brackets, dashes or CJK punctuation.
func isOddSymbol(r rune) bool {
	switch {
	case r < utf8.RuneSelf, 0x3000 <= r && r <= 0x303F, 0xFF00 <= r && r <= 0xFF65:
		return false
	}
	switch r {
	case '¿', '¡', '·', '…', '•', '‧', '※':
		return false
	}
	return unicode.In(r, unicode.S, unicode.No, unicode.Po)
}

// runeClass is what the scorer needs to know about one rune.
type runeClass struct {
	kind     uint8 // one of the class* constants
	script   uint8
	upper    bool
	nonASCII bool
	cost     int8 // added to the score whenever the rune occurs
}

const (
	classBoundary    = iota // space, ASCII punctuation, digits: ends a word
	classLetter             // a letter
	classTransparent        // marks and joiners (ZWNJ, soft hyphen) stay inside the word
	classOdd                // an odd symbol: costs 1 if a letter follows
	classBad                // U+FFFD, C1 control, private use: costs badCost
)

const badCost = 3

// classify classifies r for candidate c.
func (c *candidate) classify(r rune) runeClass {
	if r < utf8.RuneSelf {
		if isASCIILetter(byte(r)) {
			return runeClass{kind: classLetter, script: scriptLatin, upper: 'A' <= r && r <= 'Z'}
		}
		return runeClass{kind: classBoundary}
	}
	switch {
	case r == utf8.RuneError, 0x80 <= r && r <= 0x9F, 0xE000 <= r && r <= 0xF8FF:
		return runeClass{kind: classBad, cost: badCost}
	}
	rc := runeClass{nonASCII: true}
	switch {
	case 0xFF61 <= r && r <= 0xFF9F:
		rc.cost++ // half-width katakana: rare in real text
	case r == 'ð', r == 'Ð', r == 'þ', r == 'Þ':
		rc.cost++ // Icelandic letters; in windows-1252 they stand for Central European đ ţ
	}
	if c.kana && 0x3040 <= r && r <= 0x309F {
		rc.cost--
	} else if c.frequent != "" && r >= 0x3000 && strings.ContainsRune(c.frequent, r) {
		rc.cost--
	}
	switch {
	case unicode.IsLetter(r):
		rc.kind, rc.script, rc.upper = classLetter, uint8(scriptOf(r)), unicode.IsUpper(r)
	case unicode.In(r, unicode.Mn, unicode.Mc, unicode.Cf):
		rc.kind = classTransparent
	case isOddSymbol(r):
		rc.kind = classOdd
	default:
		rc.kind = classBoundary
	}
	return rc
}

// scorer accumulates the score of a text one rune class at a time. See
// sniffCharset for the costs.
type scorer struct {
	score int
	// The previous letter, if the previous rune was a letter, and whether
	// the previous rune was an odd symbol.
	prev         runeClass
	prevLetter   bool
	symbolBefore bool
}

func (s *scorer) add(rc runeClass) {
	s.score += int(rc.cost)
	switch rc.kind {
	case classLetter:
		if s.symbolBefore {
			s.score++
		}
		if s.prevLetter && (rc.nonASCII || s.prev.nonASCII) {
			switch {
			case rc.script != s.prev.script:
				s.score++
			case rc.upper:
				s.score++
			case rc.script == scriptLatin && rc.nonASCII && s.prev.nonASCII:
				s.score++
			}
		}
		s.prev, s.prevLetter, s.symbolBefore = rc, true, false
	case classTransparent:
	case classOdd:
		s.prevLetter, s.symbolBefore = false, true
	default:
		s.prevLetter, s.symbolBefore = false, false
	}
}

// score rates text decoded by c; lower is more plausible.
func (c *candidate) score(text []byte) int {
	var s scorer
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		s.add(c.classify(r))
	}
	return s.score
}

// scoreBytes is score for a single-byte charset: it classifies the 256
// byte values once instead of decoding the sample.
func (c *candidate) scoreBytes(cm *charmap.Charmap, sample []byte) int {
	var table [256]runeClass
	for b := range table {
		table[b] = c.classify(cm.DecodeByte(byte(b)))
	}
	var s scorer
	for _, b := range sample {
		s.add(table[b])
	}
	return s.score
}
