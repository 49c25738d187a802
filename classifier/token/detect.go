package token

import (
	"math/bits"
	"strings"
	"sync"
	"unicode/utf8"
)

// DetectLimit is the default number of text bytes a LangSample reads;
// language identification never looks further, so its cost per page is
// bounded.
const DetectLimit = 1 << 10

// detectLanguages are the languages DetectLanguage and LangSample.Language
// can return, sorted. A prior (a page's lang attribute) outside this list
// is returned as given when the text cannot contradict it.
var detectLanguages = []string{
	"ar", "ca", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr", "he", "hi", "hr", "hu",
	"hy", "id", "it", "ja", "ka", "ko", "lt", "lv", "nb", "nl", "pl", "pt", "ro", "ru", "sk",
	"sl", "sv", "th", "tr", "uk", "ur", "vi", "zh",
}

// DetectLanguages returns the BCP-47 language subtags that the detector
// can tell apart by itself, sorted.
func DetectLanguages() []string { return append([]string(nil), detectLanguages...) }

// latinLangs are the Latin-script languages scored by stop words (and the
// letters marker counts for them).
var latinLangs = [...]string{"en", "de", "fr", "es", "it", "pt", "nl", "pl",
	"sv", "da", "nb", "fi", "tr", "cs", "sk", "hr", "sl", "hu", "ro", "id", "vi", "ca", "lt", "lv"}

// The indexes of latinLangs that marker's letters count for.
const (
	latDe, latFr, latEs, latPt, latPl = 1, 2, 3, 5, 7
	latSv, latDa, latNb, latTr        = 8, 9, 10, 12
	latCs, latSk, latHr, latHu, latRo = 13, 14, 15, 17, 18
	latVi, latCa, latLt, latLv        = 20, 21, 22, 23
)

// A LangSample accumulates the evidence for a text's language: letters per
// script, letters that mark one language, and stop-word hits. Add text in
// pieces (a document's blocks), then ask Language. The zero value reads up
// to DetectLimit bytes; it is not safe for concurrent use.
type LangSample struct {
	// Limit bounds the bytes read; 0 means DetectLimit.
	Limit int

	n       int  // bytes read
	decided bool // the evidence so far settles the language
	counts  [numScripts]int
	marks
	al    float64
	score [32]float64 // by stopTable index
	words int         // Latin-, Arabic- and Cyrillic-script words seen
	it    Iter
}

// marks counts the letters that mark one language (or a few).
type marks struct {
	persian, arabicOnly, urdu, ukr float64
	latinBonus                     [len(latinLangs)]float64
}

// Full reports whether the sample has read its limit, or has already seen
// enough to settle the language (more text would not change it).
func (ls *LangSample) Full() bool {
	limit := ls.Limit
	if limit <= 0 {
		limit = DetectLimit
	}
	return ls.decided || ls.n >= limit
}

// Add reads s, or its head up to the sample's limit (cut at a rune
// boundary).
func (ls *LangSample) Add(s string) {
	limit := ls.Limit
	if limit <= 0 {
		limit = DetectLimit
	}
	if room := limit - ls.n; room <= 0 || ls.decided {
		return
	} else if len(s) > room {
		for room > 0 && !utf8.RuneStart(s[room]) {
			room--
		}
		s = s[:room]
		ls.n = limit // a rune cut in two ends the sample
	} else {
		ls.n += len(s)
	}
	ls.countRunes(s)
	t := stopTable()
	it := &ls.it
	if it.buf == nil {
		// One allocation for the token buffers a sample's iterator grows
		// to (the current token, the one read ahead to join Persian
		// affixes) instead of several as they grow.
		b := make([]byte, 0, 2*sampleTokenBytes)
		it.buf, it.pbuf = b[:0:sampleTokenBytes], b[sampleTokenBytes:sampleTokenBytes]
	}
	it.Reset(s)
	for it.Next() {
		tok := it.Token()
		if it.Kind() == Number {
			continue
		}
		ls.words++
		if it.arabic && len(tok) > 6 && tok[0] == 0xD8 && tok[1] == 0xA7 && tok[2] == 0xD9 && tok[3] == 0x84 {
			ls.al++
		}
		m := t.words[string(tok)]
		if m == 0 {
			continue
		}
		// A word on k lists weighs 1/k on each; among the model's
		// languages k counts their lists alone, so that their scores are
		// what they were before the other lists came (a word of
		// Portuguese and of Czech still weighs 1 for Portuguese), while
		// the other languages share each word with every list.
		if old := m & modelLangMask; old != 0 {
			w := 1 / float64(bits.OnesCount32(old))
			for old != 0 {
				i := bits.TrailingZeros32(old)
				old &^= 1 << i
				ls.score[i] += w
			}
		}
		w := 1 / float64(bits.OnesCount32(m))
		for m &^= modelLangMask; m != 0; {
			i := bits.TrailingZeros32(m)
			m &^= 1 << i
			ls.score[i] += w
		}
	}
	if ls.n >= decideAfter {
		ls.decided = ls.settled()
	}
}

// countRunes counts the runes of s by script (ScriptOf) and the letters
// that mark one language. Runes below scriptRunes (every ASCII, Latin,
// Greek, Cyrillic, Armenian, Hebrew and Arabic one) are looked up in
// lowScripts, the others classified by ScriptOf; invalid UTF-8 counts one
// U+FFFD per byte, as ranging over s does.
func (ls *LangSample) countRunes(s string) {
	tab := lowScripts()
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			ls.counts[tab[c]]++
			i++
			continue
		}
		var r rune
		if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			r = rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
			i += 2
		} else {
			var n int
			r, n = utf8.DecodeRuneInString(s[i:])
			i += n
		}
		if r >= scriptRunes {
			ls.counts[ScriptOf(r)]++
			continue
		}
		v := tab[r]
		ls.counts[v&^markerRune]++
		if v&markerRune != 0 {
			ls.marker(r)
		}
	}
}

// scriptRunes bounds the runes lowScripts describes: every rune marker
// counts is below it.
const scriptRunes = 0x800

// markerRune flags, in lowScripts, a rune that marker counts.
const markerRune Script = 0x80

// lowScripts is ScriptOf of every rune below scriptRunes, with markerRune
// set on the runes marker counts; built once, read-only
// (TestLowScripts).
var lowScripts = sync.OnceValue(func() *[scriptRunes]Script {
	var t [scriptRunes]Script
	var probe marks
	for r := range rune(scriptRunes) {
		t[r] = ScriptOf(r)
		before := probe
		probe.marker(r)
		if probe != before {
			t[r] |= markerRune
		}
	}
	return &t
})

// marker counts r when it is a letter that marks one language (or a few).
func (ls *marks) marker(r rune) {
	switch r {
	case 'پ', 'چ', 'ژ', 'گ':
		ls.persian++
	case 'ة', 'ي', 'ك', 'أ', 'إ':
		ls.arabicOnly++
	case 'ٹ', 'ڈ', 'ڑ', 'ں', 'ے', 'ہ', 'ھ':
		ls.urdu++
	case 'і', 'ї', 'є', 'ґ', 'І', 'Ї', 'Є', 'Ґ':
		ls.ukr++
	case 'ß', 'ä', 'ö', 'ü', 'Ä', 'Ö', 'Ü':
		ls.latinBonus[latDe] += 0.25
	case 'ñ', 'Ñ', '¿', '¡':
		ls.latinBonus[latEs] += 0.25
	case 'ç', 'è', 'ê', 'œ', 'Ç', 'È', 'Ê':
		ls.latinBonus[latFr] += 0.25
	case 'ã', 'õ', 'Ã', 'Õ':
		ls.latinBonus[latPt] += 0.25
	case 'ą', 'ę', 'ł', 'ś', 'ż', 'ź', 'ć', 'ń', 'Ą', 'Ę', 'Ł', 'Ś', 'Ż', 'Ź', 'Ć', 'Ń':
		ls.latinBonus[latPl] += 0.25
	case 'å', 'Å':
		ls.latinBonus[latSv] += 0.25
		ls.latinBonus[latDa] += 0.25
		ls.latinBonus[latNb] += 0.25
	case 'æ', 'ø', 'Æ', 'Ø':
		ls.latinBonus[latDa] += 0.25
		ls.latinBonus[latNb] += 0.25
	case 'ğ', 'ş', 'ı', 'İ', 'Ğ', 'Ş':
		ls.latinBonus[latTr] += 0.25
	case 'ř', 'ů', 'ě', 'Ř', 'Ů', 'Ě':
		ls.latinBonus[latCs] += 0.25
	case 'ľ', 'ĺ', 'ŕ', 'ô', 'Ľ', 'Ĺ', 'Ŕ', 'Ô':
		ls.latinBonus[latSk] += 0.25
	case 'đ', 'Đ':
		ls.latinBonus[latHr] += 0.25
		ls.latinBonus[latVi] += 0.25
	case 'ő', 'ű', 'Ő', 'Ű':
		ls.latinBonus[latHu] += 0.25
	case 'ă', 'ș', 'ț', 'Ă', 'Ș', 'Ț':
		ls.latinBonus[latRo] += 0.25
	case 'ơ', 'ư', 'Ơ', 'Ư':
		ls.latinBonus[latVi] += 0.25
	case 'ŀ', 'Ŀ':
		ls.latinBonus[latCa] += 0.25
	case 'ė', 'į', 'ų', 'Ė', 'Į', 'Ų':
		ls.latinBonus[latLt] += 0.25
	case 'ā', 'ē', 'ī', 'ķ', 'ļ', 'ņ', 'ģ', 'Ā', 'Ē', 'Ī', 'Ķ', 'Ļ', 'Ņ', 'Ģ':
		ls.latinBonus[latLv] += 0.25
	}
}

// sampleTokenBytes is the room a LangSample makes at once for a token:
// longer tokens grow the buffer as usual.
const sampleTokenBytes = 64

// decideAfter is the fewest bytes after which a sample may stop early
// (settled is asked after each Add from then on). At 256 instead, the
// corpora's 3,704 labelled pages get the same languages
// (TestLanguageCorpora), and a 2 KB Persian text reads its second
// paragraph too.
const decideAfter = 128

// settled reports whether the evidence is so one-sided that more text
// would not change the answer: 200 letters of a script that names one
// language, or a stop-word score of 10 at least 3 times the runner-up's.
func (ls *LangSample) settled() bool {
	letters, top := 0, ScriptOther
	for sc := ScriptLatin; sc < numScripts; sc++ {
		letters += ls.counts[sc]
		if ls.counts[sc] > ls.counts[top] {
			top = sc
		}
	}
	if ls.counts[top]*10 < letters*9 {
		return false // mixed scripts
	}
	switch top {
	case ScriptLatin:
		var a, b float64
		for i := range latinLangs {
			v := ls.latinScore(i)
			if v > a {
				a, b = v, a
			} else if v > b {
				b = v
			}
		}
		return a >= 8 && a >= 3*b
	case ScriptArabic:
		fa := ls.stopScore("fa") + ls.persian/2
		ar := ls.stopScore("ar") + ls.arabicOnly/4 + ls.al/2
		return ls.urdu == 0 && (fa >= 8 && fa >= 3*ar || ar >= 8 && ar >= 3*fa)
	case ScriptCyrillic, ScriptHan, ScriptKana:
		return false // the uk and ja shares want the whole sample
	}
	return ls.counts[top] >= 200
}

// latinScore returns the stop-word hits so far of latinLangs[i] and the
// letters that mark it.
func (ls *LangSample) latinScore(i int) float64 {
	return ls.score[stopTable().latin[i]] + ls.latinBonus[i]
}

// stopScore returns lang's stop-word hits so far.
func (ls *LangSample) stopScore(lang string) float64 {
	for i, l := range stopTable().langs {
		if l == lang && i < len(ls.score) {
			return ls.score[i]
		}
	}
	return 0
}

// Language returns the sample's language as a BCP-47 language subtag, or
// "und" when there is no evidence. prior is what the page claims (its lang
// attribute, "" for none): it decides between languages the text cannot
// tell apart and when the text is too short, but clear text evidence wins
// over it. Only the primary subtag of prior is used ("en-US" → "en").
//
// The dominant script decides most languages: Greek → el, Hangul → ko,
// Thai → th, Hebrew → he, Devanagari → hi, Armenian → hy, Georgian → ka;
// Han → zh, or ja when kana make 5% of the CJK letters; Cyrillic → ru, or
// uk when і ї є ґ make 1% of the letters (Bulgarian, Serbian, … are only
// returned from a prior). Arabic script → ur when the Urdu letters ٹ ڈ ڑ ں
// ے ہ ھ make 3% of the letters, else fa or ar by stop-word hits, the
// Persian letters پ چ ژ گ, and the Arabic-only ة ي ك أ إ and ال- words.
// Latin → the language among latinLangs (en, de, fr, es, it, pt, nl, pl,
// sv, da, nb, fi, tr, cs, sk, hr, sl, hu, ro, id, vi, ca, lt, lv) whose
// stop words (plus a few distinctive letters: å æ ø ğ ş ı ř ů ě ľ ô đ ő ű
// ă ș ț ơ ư ė į ų ā ķ ļ ņ …) score best, when they cover enough of the
// words; otherwise another Latin-script prior (is, et, sq, …) or "und".
// Bokmål comes out nb (a page that says no keeps no, a language the
// detector does not return by itself); Bosnian and Serbian in Latin
// letters come out hr unless the page says bs. Short or mixed texts, and
// close languages (da and nb, cs and sk) in a sentence or two, are
// guessed poorly.
func (ls *LangSample) Language(prior string) string {
	prior = primarySubtag(prior)
	best, bestN, letters := ScriptOther, 0, 0
	cjk := ls.counts[ScriptHan] + ls.counts[ScriptKana]
	for sc := ScriptLatin; sc < numScripts; sc++ {
		n := ls.counts[sc]
		letters += n
		switch sc {
		case ScriptHan:
			n = 2 * cjk // a CJK character is worth about two letters
		case ScriptKana:
			continue
		case ScriptHangul:
			n *= 2
		}
		if n > bestN {
			best, bestN = sc, n
		}
	}
	ps, priorKnown := priorScript(prior)
	if letters < minLetters {
		if prior != "" && (best == ScriptOther || !priorKnown || ps == best) {
			return prior
		}
		if best == ScriptOther {
			return "und"
		}
	}
	if priorKnown && ps == best && !detectable(prior) {
		return prior // same script, a language the text cannot tell apart
	}
	switch best {
	case ScriptOther:
		return "und"
	case ScriptGreek:
		return "el"
	case ScriptHangul:
		return "ko"
	case ScriptThai:
		return "th"
	case ScriptHebrew:
		return "he"
	case ScriptDevanagari:
		return "hi"
	case ScriptArmenian:
		return "hy"
	case ScriptGeorgian:
		return "ka"
	case ScriptHan:
		if ls.counts[ScriptKana]*20 >= cjk {
			return "ja"
		}
		return "zh"
	case ScriptCyrillic:
		if ls.ukr*100 >= float64(ls.counts[ScriptCyrillic]) {
			return "uk"
		}
		return "ru"
	case ScriptArabic:
		return ls.arabicLanguage(prior)
	}
	return ls.latinLanguage(prior, ps == ScriptLatin)
}

// minLetters is the fewest letters that outweigh a prior.
const minLetters = 20

func (ls *LangSample) arabicLanguage(prior string) string {
	if ls.urdu*100 >= 3*float64(ls.counts[ScriptArabic]) {
		return "ur"
	}
	fa := ls.stopScore("fa") + ls.persian/2
	ar := ls.stopScore("ar") + ls.arabicOnly/4 + ls.al/2
	switch {
	case prior == "ar" && ar*2 >= fa, prior == "fa" && fa*2 >= ar:
		return prior
	case ar > fa:
		return "ar"
	}
	return "fa"
}

func (ls *LangSample) latinLanguage(prior string, priorLatin bool) string {
	lang, top := "und", 0.0
	for i, l := range latinLangs {
		v := ls.latinScore(i)
		if l == prior {
			v *= priorBoost
		}
		if v > top {
			lang, top = l, v
		}
	}
	if priorLatin && prior != lang && top < minCover*float64(ls.words) {
		return prior // a Latin-script language without a stop list, or weak evidence
	}
	if top < 1 || (ls.words >= 20 && top < minCover*float64(ls.words)) {
		return "und"
	}
	return lang
}

// priorBoost multiplies a Latin-script prior's stop-word score; minCover
// is the share of words that must be stop words of the winning language
// for the text to overrule a prior it does not support.
const (
	priorBoost = 1.5
	minCover   = 0.08
)

// DetectLanguage guesses the language of s with no prior; see
// LangSample.Language. It reads at most DetectLimit bytes.
func DetectLanguage(s string) string {
	var ls LangSample
	ls.Add(s)
	return ls.Language("")
}

// detectable reports whether lang is one the detector returns by itself.
func detectable(lang string) bool {
	for _, l := range detectLanguages {
		if l == lang {
			return true
		}
	}
	return false
}

// primarySubtag lower-cases tag's first subtag ("pt-BR" → "pt"); "" for
// anything that is not 2 or 3 ASCII letters.
func primarySubtag(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	tag = strings.TrimSpace(tag)
	if len(tag) < 2 || len(tag) > 3 {
		return ""
	}
	for i := 0; i < len(tag); i++ {
		if c := tag[i] | 0x20; c < 'a' || c > 'z' {
			return ""
		}
	}
	return strings.ToLower(tag)
}

// priorScripts is the script of languages a prior may name; a language
// missing here is trusted only when the text has almost no letters.
var priorScripts = map[string]Script{
	"ar": ScriptArabic, "fa": ScriptArabic, "ur": ScriptArabic, "ps": ScriptArabic, "ckb": ScriptArabic,
	"sd": ScriptArabic, "ug": ScriptArabic, "ku": ScriptArabic,
	"ru": ScriptCyrillic, "uk": ScriptCyrillic, "bg": ScriptCyrillic, "sr": ScriptCyrillic, "mk": ScriptCyrillic,
	"be": ScriptCyrillic, "kk": ScriptCyrillic, "ky": ScriptCyrillic, "mn": ScriptCyrillic, "tg": ScriptCyrillic,
	"el": ScriptGreek, "zh": ScriptHan, "ja": ScriptHan, "ko": ScriptHangul, "th": ScriptThai,
	"he": ScriptHebrew, "yi": ScriptHebrew, "hi": ScriptDevanagari, "mr": ScriptDevanagari, "ne": ScriptDevanagari,
	"hy": ScriptArmenian, "ka": ScriptGeorgian,
	"en": ScriptLatin, "de": ScriptLatin, "fr": ScriptLatin, "es": ScriptLatin, "it": ScriptLatin,
	"pt": ScriptLatin, "nl": ScriptLatin, "pl": ScriptLatin, "sv": ScriptLatin, "no": ScriptLatin,
	"nb": ScriptLatin, "nn": ScriptLatin, "da": ScriptLatin, "fi": ScriptLatin, "is": ScriptLatin,
	"cs": ScriptLatin, "sk": ScriptLatin, "sl": ScriptLatin, "hr": ScriptLatin, "bs": ScriptLatin,
	"hu": ScriptLatin, "ro": ScriptLatin, "tr": ScriptLatin, "az": ScriptLatin, "lt": ScriptLatin,
	"lv": ScriptLatin, "et": ScriptLatin, "id": ScriptLatin, "ms": ScriptLatin, "vi": ScriptLatin,
	"tl": ScriptLatin, "ca": ScriptLatin, "eu": ScriptLatin, "gl": ScriptLatin, "sq": ScriptLatin,
	"ga": ScriptLatin, "cy": ScriptLatin, "af": ScriptLatin, "sw": ScriptLatin, "mt": ScriptLatin,
	"lb": ScriptLatin, "uz": ScriptLatin,
}

// priorScript returns the script lang is written in, and whether it is known.
func priorScript(lang string) (Script, bool) {
	s, ok := priorScripts[lang]
	return s, ok
}
