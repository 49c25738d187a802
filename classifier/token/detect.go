package token

import "math/bits"

// detectLimit bounds the bytes of a text that DetectLanguage reads.
const detectLimit = 64 << 10

// DetectLanguage guesses the language of s and returns a BCP-47 language
// subtag, or "und" when there is no evidence. Deterministic and cheap: it
// reads at most the first 64 KiB.
//
// The dominant script decides most languages: Greek → el, Hangul → ko,
// Thai → th, Hebrew → he, Devanagari → hi, Armenian → hy, Georgian → ka;
// Han → zh, or ja when kana make 5% of the CJK letters; Cyrillic → ru, or
// uk when і ї є ґ make 1% of the letters (Bulgarian, Serbian, … are not
// told apart). Arabic script → fa or ar by stop-word hits, the Persian
// letters پ چ ژ گ, and the Arabic-only ة ي ك أ إ and ال- words; ur when
// the Urdu letters ٹ ڈ ڑ ں ے make 5% of the letters. Latin → the language
// among en, de, fr, es, it, pt, nl, pl whose stop words (plus a few
// distinctive letters: ß ä ö ü, ñ, ç è ê, ã õ, ą ę ł ś ż ź ć ń) score
// best; "und" when none is hit. Short or mixed texts are guessed poorly.
func DetectLanguage(s string) string {
	if len(s) > detectLimit {
		s = s[:detectLimit]
	}
	var counts [numScripts]int
	var persian, arabicOnly, urdu, ukrainian float64
	latinBonus := map[string]float64{}
	for _, r := range s {
		counts[ScriptOf(r)]++
		switch r {
		case 'پ', 'چ', 'ژ', 'گ':
			persian++
		case 'ة', 'ي', 'ك', 'أ', 'إ':
			arabicOnly++
		case 'ٹ', 'ڈ', 'ڑ', 'ں', 'ے':
			urdu++
		case 'і', 'ї', 'є', 'ґ', 'І', 'Ї', 'Є', 'Ґ':
			ukrainian++
		case 'ß', 'ä', 'ö', 'ü', 'Ä', 'Ö', 'Ü':
			latinBonus["de"] += 0.25
		case 'ñ', 'Ñ', '¿', '¡':
			latinBonus["es"] += 0.25
		case 'ç', 'è', 'ê', 'œ', 'Ç', 'È', 'Ê':
			latinBonus["fr"] += 0.25
		case 'ã', 'õ', 'Ã', 'Õ':
			latinBonus["pt"] += 0.25
		case 'ą', 'ę', 'ł', 'ś', 'ż', 'ź', 'ć', 'ń', 'Ą', 'Ę', 'Ł', 'Ś', 'Ż', 'Ź', 'Ć', 'Ń':
			latinBonus["pl"] += 0.25
		}
	}
	cjk := counts[ScriptHan] + counts[ScriptKana]
	best, bestN := ScriptOther, 0
	for sc := ScriptLatin; sc < numScripts; sc++ {
		n := counts[sc]
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
		if counts[ScriptKana]*20 >= cjk {
			return "ja"
		}
		return "zh"
	case ScriptCyrillic:
		if ukrainian*100 >= float64(counts[ScriptCyrillic]) {
			return "uk"
		}
		return "ru"
	}
	score, al := stopScores(s)
	if best == ScriptArabic {
		if urdu*20 >= float64(counts[ScriptArabic]) {
			return "ur"
		}
		fa := score["fa"] + persian/2
		ar := score["ar"] + arabicOnly/4 + al/2
		if ar > fa {
			return "ar"
		}
		return "fa"
	}
	lang, top := "und", 0.0
	for _, l := range [...]string{"en", "de", "fr", "es", "it", "pt", "nl", "pl"} {
		if v := score[l] + latinBonus[l]; v > top {
			lang, top = l, v
		}
	}
	return lang
}

// stopScores returns each language's stop-word hits in s (a word on k
// lists counts 1/k for each), and the number of Arabic-script words that
// start with the article ال.
func stopScores(s string) (map[string]float64, float64) {
	t := stopTable()
	score := make(map[string]float64, len(t.langs))
	var al float64
	var it Iter
	it.Reset(s)
	for it.Next() {
		tok := it.Token()
		if it.arabic && len(tok) > 6 && tok[0] == 0xD8 && tok[1] == 0xA7 && tok[2] == 0xD9 && tok[3] == 0x84 {
			al++
		}
		m := t.words[string(tok)]
		if m == 0 {
			continue
		}
		w := 1 / float64(bits.OnesCount32(m))
		for m != 0 {
			i := bits.TrailingZeros32(m)
			m &^= 1 << i
			score[t.langs[i]] += w
		}
	}
	return score, al
}
