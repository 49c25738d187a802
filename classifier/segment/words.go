package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one whitespace-separated word of a line, or a part of one cut
// at a camelCase or punctuation-then-letter position.
type word struct {
	start, end int
	nospace    bool // no white space before it (cut inside a longer word)
	wtOK       bool // wt is set
	digit, aln bool // it has a digit; a letter or digit
	attr       wattr
	wt         [2]float32 // End and Start weights, set lazily
}

type wattr uint32

const (
	aQuestion wattr = 1 << iota
	aExclaim
	aDot
	aColon
	aComma
	aClose
	aMedia
	aSep
	aDigit
	aStartUpper
	aStartLower
	aEndLower
	aStartOpen
	aEndPlain
	aStartLetter
)

const aHard = aQuestion | aExclaim | aDot | aMedia

// scanWords splits text[s:e] into words.
func scanWords(ws []word, text string, s, e int) []word {
	ws = ws[:0]
	i := s
	for i < e {
		// skip space
		for i < e {
			c := text[i]
			if c < utf8.RuneSelf {
				if !isASCIISpace(c) {
					break
				}
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[i:e])
			if !isSpace(r) {
				break
			}
			i += n
		}
		if i >= e {
			break
		}
		ws = append(ws, word{start: i})
		var prev, prev2 rune = -1, -1
		for i < e {
			c := text[i]
			var r rune
			n := 1
			switch {
			case c < utf8.RuneSelf:
				if isASCIISpace(c) {
					goto end
				}
				r = rune(c)
			case c >= 0xC2 && c <= 0xDF && i+1 < e && text[i+1]&0xC0 == 0x80:
				// Two-byte runes (Latin to Arabic): decode inline.
				r, n = rune(c&0x1F)<<6|rune(text[i+1]&0x3F), 2
				if r == 0x85 || r == 0xA0 {
					goto end
				}
			default:
				r, n = utf8.DecodeRuneInString(text[i:e])
				if isSpace(r) {
					goto end
				}
			}
			if prev >= 0 && i > ws[len(ws)-1].start && intraCut(prev2, prev, r) {
				ws[len(ws)-1].end = i
				ws = append(ws, word{start: i, nospace: true})
			}
			if r < utf8.RuneSelf {
				if r >= '0' && r <= '9' {
					ws[len(ws)-1].digit, ws[len(ws)-1].aln = true, true
				} else if r|0x20 >= 'a' && r|0x20 <= 'z' {
					ws[len(ws)-1].aln = true
				}
			} else if isDigit(r) {
				ws[len(ws)-1].digit, ws[len(ws)-1].aln = true, true
			} else if !ws[len(ws)-1].aln && isLetter(r) {
				ws[len(ws)-1].aln = true
			}
			prev2, prev = prev, r
			i += n
		}
	end:
		ws[len(ws)-1].end = i
	}
	for k := range ws {
		w := &ws[k]
		w.attr = wordAttr(text[w.start:w.end], w.digit, w.aln)
	}
	return ws
}

// intraCut reports a candidate gap between prev and r inside a word.
// Case is only looked at in the scripts below U+0590 (Latin, Greek,
// Cyrillic, Armenian) and Latin/Greek Extended.
func intraCut(prev2, prev, r rune) bool {
	switch prev {
	case '?', '!', '؟':
		return r == '«' || r == '(' || isLetter(r)
	}
	return cased(r) && cased(prev) && cased(prev2) &&
		unicode.IsUpper(r) && unicode.IsLower(prev) && unicode.IsLower(prev2)
}

func cased(r rune) bool {
	return r >= 'A' && r < 0x590 || r >= 0x1E00 && r < 0x2000
}

// isLetter is unicode.IsLetter with an ASCII and Arabic-block fast path.
func isLetter(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r|0x20 >= 'a' && r|0x20 <= 'z'
	case r >= 0x621 && r <= 0x64A || r >= 0x671 && r <= 0x6D3:
		return true
	}
	return unicode.IsLetter(r)
}

// isDigit is unicode.IsDigit with fast paths for ASCII and Arabic-Indic
// and Persian digits.
func isDigit(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r >= '0' && r <= '9'
	case r >= 0x660 && r <= 0x669 || r >= 0x6F0 && r <= 0x6F9:
		return true
	case r < 0x660 || r <= 0x6FF:
		return false
	}
	return unicode.IsDigit(r)
}

func isQuestion(r rune) bool { return r == '?' || r == '؟' }

// wordAttr computes a word's attributes; digit and aln say whether it
// holds a digit, and a letter or digit.
func wordAttr(w string, digit, aln bool) wattr {
	var a wattr
	first, _ := utf8.DecodeRuneInString(w)
	last, _ := utf8.DecodeLastRuneInString(w)
	if isLetter(first) {
		a |= aStartLetter
		if cased(first) {
			if unicode.IsUpper(first) {
				a |= aStartUpper
			} else if unicode.IsLower(first) {
				a |= aStartLower
			}
		}
	}
	switch first {
	case '«', '“', '"', '(', '[', '\'', '‘':
		a |= aStartOpen
	}
	// Strip trailing closers to see the sentence mark before them:
	// «...؟» ends a question.
	t := w
	for len(t) > 0 {
		r, n := utf8.DecodeLastRuneInString(t)
		if r != '»' && r != '”' && r != '"' && r != '\'' && r != ')' && r != ']' && r != '’' {
			break
		}
		t = t[:len(t)-n]
	}
	if len(t) < len(w) {
		a |= aClose
	}
	tl, _ := utf8.DecodeLastRuneInString(t)
	switch tl {
	case '?', '؟':
		a |= aQuestion
	case '!':
		a |= aExclaim
	case '.', '…':
		a |= aDot
	case ':':
		a |= aColon
	case ',', '،', ';', '؛':
		a |= aComma
	}
	if cased(last) && unicode.IsLower(last) {
		a |= aEndLower
	}
	if isLetter(last) || isDigit(last) || last >= 0x300 && unicode.Is(unicode.Mn, last) {
		a |= aEndPlain
	}
	if digit {
		a |= aDigit
	}
	punctOnly := !aln
	if punctOnly {
		a |= aSep
	}
	if last == ')' && isMedia(w) {
		a |= aMedia
	}
	return a
}

// mediaWords are what "(+عکس)"-style markers announce.
var mediaWords = []string{
	"عکس", "فیلم", "صوت", "تصاویر", "ویدئو", "ویدیو", "اینفوگرافیک", "تصویر", "گزارش تصویری", "فیلم و عکس",
	"video", "photos", "photo", "audio", "watch", "gallery",
}

func isMedia(w string) bool {
	i := strings.LastIndexByte(w, '(')
	if i < 0 {
		return false
	}
	inner := strings.TrimSpace(strings.Trim(w[i+1:len(w)-1], "+ "))
	if inner == "" {
		return false
	}
	inner = strings.ToLower(inner)
	for _, m := range mediaWords {
		if inner == m {
			return true
		}
	}
	return false
}
