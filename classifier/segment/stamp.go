package segment

// Date stamps glued to their neighbours. When a page's text nodes run
// together (the DOM's textContent, a scraper's get_text() without a
// separator), a list of teasers written as a headline, its date and time
// and its view count becomes one run of text, "…残骸っぽい2022.08.09
// 22:0012,595クーラーがソーラーで動いてる。…"; in a script written
// without spaces, or when the headlines do not end a sentence, nothing
// else cuts it, and the list reads as one paragraph. stampNext finds such
// stamps in a long line (appendSentences), which then cuts before and
// after each: the headlines become pieces of their own and the stamps
// lines of a date alone, which the decoder's dated runs know.

// stampNext finds the first date stamp glued to the text beside it in
// text[from:to]: a date written with digits and separators, year first
// ("2022.08.03", "2024-5-1", "2022/08/03"), then optionally a time
// ("08:00" or "08:00:15", after a space, a "T" or nothing) and the
// digits and commas run into it (a view count: "08:001,898,365"), with a
// letter or a digit right before it or right after it (bytes of
// non-ASCII runes count as letters). It returns the stamp's bounds.
// Limits: ASCII digits only; dates written with words or the year last
// ("3 May 2024", "03.05.2024") are not stamps; a stamp set apart by white
// space or punctuation on both sides is not cut.
func stampNext(text string, from, to int) (start, end int, ok bool) {
	for i := from; i+8 <= to; i++ {
		if !isDigit(text[i]) || i > from && isDigit(text[i-1]) {
			continue
		}
		j, ok := dateAt(text, i, to)
		if !ok {
			continue
		}
		k := j
		if k < to && (text[k] == ' ' || text[k] == 'T') {
			k++
		}
		if t, ok := timeAt(text, k, to); ok {
			j = t
			for j < to && (isDigit(text[j]) || text[j] == ',') {
				j++
			}
		}
		if i > from && gluedByte(text[i-1]) || j < to && gluedByte(text[j]) {
			return i, j, true
		}
		i = j - 1
	}
	return 0, 0, false
}

// dateAt reads a date at text[i:to]: four digits, a separator (. / -),
// one or two digits, the same separator, one or two digits. It returns
// the date's end.
func dateAt(text string, i, to int) (int, bool) {
	if i+8 > to || !isDigit(text[i+1]) || !isDigit(text[i+2]) || !isDigit(text[i+3]) {
		return 0, false
	}
	sep := text[i+4]
	if sep != '.' && sep != '/' && sep != '-' {
		return 0, false
	}
	j, ok := digits12(text, i+5, to)
	if !ok || j >= to || text[j] != sep {
		return 0, false
	}
	return digits12(text, j+1, to)
}

// timeAt reads a time at text[i:to]: one or two digits, a colon, two
// digits, and optionally a colon and two digits more. It returns the
// time's end.
func timeAt(text string, i, to int) (int, bool) {
	j, ok := digits12(text, i, to)
	if !ok || !minutesAt(text, j, to) {
		return 0, false
	}
	j += 3
	if minutesAt(text, j, to) {
		j += 3
	}
	return j, true
}

// minutesAt reports whether text[i:to] starts with a colon and two
// digits.
func minutesAt(text string, i, to int) bool {
	return i+3 <= to && text[i] == ':' && isDigit(text[i+1]) && isDigit(text[i+2])
}

// digits12 reads one or two digits at text[i:to] and returns their end.
func digits12(text string, i, to int) (int, bool) {
	if i >= to || !isDigit(text[i]) {
		return 0, false
	}
	if i+1 < to && isDigit(text[i+1]) {
		return i + 2, true
	}
	return i + 1, true
}

// gluedByte reports whether c is an ASCII letter or digit, or a byte of a
// non-ASCII rune.
func gluedByte(c byte) bool {
	return c >= 0x80 || isDigit(c) || lowerASCII(c|0x20)
}

func isDigit(c byte) bool { return c-'0' <= 9 }
