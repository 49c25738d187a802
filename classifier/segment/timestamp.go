package segment

import (
	"strings"
	"unicode/utf8"
)

// Date-and-time stamps set apart by white space. On a page glued onto one
// line the date line under a headline, or at a teaser's foot, runs into
// the text beside it: "… تاثیر مطالعه بر سلامت روان ۲ آذر ۱۳۹۳ - ۰۰:۱۹
// شما نمی توانید …". labelNext cuts before a stamp that opens with a
// label and stampNext around one glued to its neighbours, but a stamp
// written with spaces and without a label stays inside the piece, which
// the splitter then reads as one block of a headline, a date and a
// paragraph. timeStampNext finds such a stamp; appendSentences cuts
// before and after it.

// stampWords is how many words before a time timeStampNext reads back.
const stampWords = 8

// timeStampNext returns where, in text[from:to], the first date-and-time
// stamp starts and ends, and whether there is one: a time (a word of one
// or two digits, a colon and two digits, "۱۶:۳۰", "14:10:05", or an ISO
// date and time, "2013-06-23T22:02") after the date it belongs to: up to
// stampWords words before it of digits, month or weekday names
// (metaMonths) and separators ("-", "،", "|"), the label of the time
// right before it ("ساعت", metaLabels) and a field's label ending with a
// colon where the stamp opens ("انتشار:"), among them a year (four
// digits) and a month name or a date written with separators
// ("۱۳۹۳/۰۳/۲۳"). Digits may be ASCII, Persian or Arabic-Indic. A label
// without a colon elsewhere ends the stamp ("کد خبر ۵۲۶۹۲۲۹ …" keeps
// "کد خبر" out, as a headline's last word "خبر" is). Limits: a date and
// time inside a sentence ("… روز ۳ آذر ۱۳۸۹ ساعت ۱۴:۱۰ برگزار شد") is
// cut out of it too; a stamp with its year last and no month name
// ("12/05/2024 14:10") needs its separators; a time alone is no stamp.
// It reads the text from colon to colon (strings.IndexByte) and the words
// around a colon that may be a time's; its cost is linear in to-from.
func timeStampNext(text string, from, to int) (start, end int, ok bool) {
	for pos := from; pos < to; {
		j := strings.IndexByte(text[pos:to], ':')
		if j < 0 {
			break
		}
		c := pos + j
		ws := fieldStart(text, from, c)
		_, we := nextField(text, ws, to)
		pos = max(we, c+1)
		iso, ok := timeWord(text[ws:we])
		if !ok {
			continue
		}
		st, year, dated := ws, iso, iso
	back:
		for k, i := 0, ws; k < stampWords; k++ {
			ps, pe := prevField(text, from, i)
			if ps == pe {
				break
			}
			pw := text[ps:pe]
			switch {
			case digitWord(pw):
				year = year || hasYear(pw)
				dated = dated || strings.ContainsAny(pw, "/.-")
			case metaIn(pw)&inMonths != 0:
				dated = true
			case sepWord(pw):
			case metaIn(pw)&inLabels != 0 && strings.HasSuffix(pw, ":"):
				st = ps // a field's label opens the stamp
				break back
			case metaIn(pw)&inLabels != 0 && k == 0:
				// a label right before the time ("ساعت ۰۰:۴۷")
			default:
				break back
			}
			st, i = ps, ps
		}
		if year && dated {
			return st, we, true
		}
	}
	return 0, 0, false
}

// fieldStart returns where the word holding text[i] starts, reading back
// no further than from.
func fieldStart(text string, from, i int) int {
	for i > from {
		r, size := utf8.DecodeLastRuneInString(text[from:i])
		if isSpace(r) {
			break
		}
		i -= size
	}
	return i
}

// prevField returns the bounds of the last word of text[from:i] (as
// nextField reads words); start == end when there is none.
func prevField(text string, from, i int) (start, end int) {
	for i > from {
		r, size := utf8.DecodeLastRuneInString(text[from:i])
		if !isSpace(r) {
			break
		}
		i -= size
	}
	return fieldStart(text, from, i), i
}

// timeWord reports whether w is a time, with trailing punctuation:
// H:MM or HH:MM, optionally :SS, in any of the three digit sets; or an
// ISO date and time (iso), YYYY-MM-DDTHH:MM.
func timeWord(w string) (iso, ok bool) {
	w = strings.TrimRight(w, ",،.;)")
	if i := strings.IndexByte(w, 'T'); i > 0 {
		if j, ok := dateAt(w, 0, i); !ok || j != i {
			return false, false
		}
		return true, clockDigits(w[i+1:])
	}
	return false, clockDigits(w)
}

// clockDigits reports whether w is H:MM, HH:MM, H:MM:SS or HH:MM:SS.
func clockDigits(w string) bool {
	parts, n := 0, 0 // parts read, digits in the current one
	for _, r := range w {
		switch {
		case anyDigit(r):
			if n++; n > 2 {
				return false
			}
		case r == ':':
			if n == 0 || parts > 0 && n != 2 || parts == 2 {
				return false
			}
			parts, n = parts+1, 0
		default:
			return false
		}
	}
	return parts >= 1 && n == 2
}

// anyDigit reports whether r is an ASCII, Persian (U+06F0–U+06F9) or
// Arabic-Indic (U+0660–U+0669) digit.
func anyDigit(r rune) bool {
	return r >= '0' && r <= '9' || r >= '۰' && r <= '۹' || r >= '٠' && r <= '٩'
}

// digitWord reports whether w is digits and the separators of a date
// (/ . -), with trailing punctuation, and holds a digit.
func digitWord(w string) bool {
	w = strings.TrimRight(w, ",،;)")
	digits := false
	for _, r := range w {
		switch {
		case anyDigit(r):
			digits = true
		case r == '/' || r == '.' || r == '-':
		default:
			return false
		}
	}
	return digits
}

// hasYear reports whether w holds a run of four digits.
func hasYear(w string) bool {
	run := 0
	for _, r := range w {
		if !anyDigit(r) {
			run = 0
			continue
		}
		if run++; run == 4 {
			return true
		}
	}
	return false
}

// sepWord reports whether w is a separator between a date's parts.
func sepWord(w string) bool {
	switch w {
	case "-", "–", "—", "|", "،", ",", "/", "•", "·":
		return true
	}
	return false
}
