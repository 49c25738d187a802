package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/token"
)

// Metadata tables. Keys are compared after stripping punctuation and
// folding Arabic ي/ك to Persian ی/ک and ASCII case (metaKey).
var (
	// metaLabels name a metadata field.
	metaLabels = []string{
		"شناسه", "کد", "خبر", "تاریخ", "انتشار", "منتشر", "منبع", "ساعت", "زمان",
		"به‌روز", "بروز", "بروزرسانی", "به‌روزرسانی",
		"نویسنده", "خبرنگار", "عکاس", "ترجمه", "مترجم", "تنظیم", "دبیر", "سرویس",
		"id", "news", "code", "date", "published", "updated", "posted", "source",
		"modified",
	}
	// metaMonths are month and weekday names (Jalali, Hijri, Gregorian in
	// Persian and English).
	metaMonths = []string{
		"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
		"محرم", "صفر", "ربیع‌الاول", "ربیع‌الثانی", "جمادی‌الاول", "جمادی‌الثانی", "رجب", "شعبان", "رمضان", "شوال", "ذی‌القعده", "ذی‌الحجه",
		"ژانویه", "فوریه", "مارس", "آوریل", "مه", "می", "ژوئن", "ژوئیه", "جولای", "اوت", "آگوست", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
		"شنبه", "یکشنبه", "یک‌شنبه", "دوشنبه", "سه‌شنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "پنج‌شنبه", "جمعه",
		"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"am", "pm", "gmt", "utc", "ق", "ه", "هجری", "شمسی", "قمری", "میلادی",
	}
	// suffixLabels start a metadata tail after the body: منبع: ایسنا.
	suffixLabels = []string{"منبع", "source", "انتهای", "sources"}
	// deskHeads start a desk prefix: گروه اقتصادی: ...
	deskHeads = []string{"گروه", "سرویس"}
)

// metaSet says which of the tables a key is in.
type metaSet uint8

const (
	inLabels metaSet = 1 << iota
	inMonths
	inSuffixLabels
	inDeskHeads
)

// metaTable maps the keys of all the tables to the tables that hold them.
type metaTable struct {
	sets   map[string]metaSet
	maxKey int // the longest key, in bytes
}

var metaWords = func() metaTable {
	t := metaTable{sets: map[string]metaSet{}}
	for _, l := range []struct {
		set   metaSet
		words []string
	}{{inLabels, metaLabels}, {inMonths, metaMonths}, {inSuffixLabels, suffixLabels}, {inDeskHeads, deskHeads}} {
		for _, w := range l.words {
			k := metaKey(w)
			t.sets[k] |= l.set
			t.maxKey = max(t.maxKey, len(k))
		}
	}
	return t
}()

// metaKey folds a word for the metadata tables.
func metaKey(w string) string {
	w = strings.TrimFunc(w, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\u200c'
	})
	if w == "" {
		return ""
	}
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	if !strings.ContainsAny(w, "يك\u200c") {
		return w
	}
	var b strings.Builder
	for _, r := range w {
		switch r {
		case 'ي':
			b.WriteRune('ی')
		case 'ك':
			b.WriteRune('ک')
		case '\u200c':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// keptInKey reports the runes metaKey keeps at the ends of a word.
func keptInKey(r rune) bool {
	return token.ClassOf(r)&(cLetter|cDigit) != 0 || r == '\u200c'
}

// metaIn returns the tables that hold w, folded like metaKey (and
// lower-cased throughout). It does not allocate.
func metaIn(w string) metaSet {
	// Trim what metaKey trims.
	for len(w) > 0 {
		if c := w[0]; c < utf8.RuneSelf {
			if token.ClassOf(rune(c))&(cLetter|cDigit) != 0 {
				break
			}
			w = w[1:]
			continue
		}
		r, n := utf8.DecodeRuneInString(w)
		if keptInKey(r) {
			break
		}
		w = w[n:]
	}
	for len(w) > 0 {
		if c := w[len(w)-1]; c < utf8.RuneSelf {
			if token.ClassOf(rune(c))&(cLetter|cDigit) != 0 {
				break
			}
			w = w[:len(w)-1]
			continue
		}
		r, n := utf8.DecodeLastRuneInString(w)
		if keptInKey(r) {
			break
		}
		w = w[:len(w)-n]
	}
	if w == "" || len(w) > 64 {
		return 0
	}
	var buf [192]byte
	b := buf[:0]
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		if c >= 0xC2 && c <= 0xDF && i+1 < len(w) && w[i+1]&0xC0 == 0x80 {
			// a two-byte rune, as utf8.AppendRune writes it, but ي and ك
			switch r := rune(c&0x1F)<<6 | rune(w[i+1]&0x3F); r {
			case 'ي':
				b = utf8.AppendRune(b, 'ی')
			case 'ك':
				b = utf8.AppendRune(b, 'ک')
			default:
				b = append(b, c, w[i+1])
			}
			i += 2
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		i += n
		switch r {
		case 'ي':
			b = utf8.AppendRune(b, 'ی')
		case 'ك':
			b = utf8.AppendRune(b, 'ک')
		case '\u200c':
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	if len(b) > metaWords.maxKey {
		return 0
	}
	return metaWords.sets[string(b)]
}

type metaKind uint8

const (
	mNone  metaKind = iota
	mSep            // punctuation only
	mLabel          // a field label
	mDate           // digits, month or weekday names, times
)

func classify(w string, attr wattr) (metaKind, bool) {
	if attr&aSep != 0 {
		return mSep, false
	}
	if attr&aDigit != 0 {
		return mDate, strings.ContainsAny(w, ":")
	}
	switch in := metaIn(w); {
	case in&inMonths != 0:
		return mDate, false
	case in&inLabels != 0:
		return mLabel, false
	}
	return mNone, false
}

// metaPrefix returns how many leading words of a line are a metadata
// stamp such as "شناسه خبر: 96106 ۲۴ مرداد ۱۳۹۶ - ۱۹:۴۰", or 0. The stamp
// must hold a label and a date word, a time, or two date words and a
// separator; it ends on a date word and leaves at least three words.
func metaPrefix(text string, ws []word) int {
	n := len(ws)
	if n < 5 {
		return 0 // no room for a stamp of two words and three after it
	}
	p, dates, labels, times, seps, lastDate := 0, 0, 0, 0, 0, -1
	for p < n && p < 16 {
		w := text[ws[p].start:ws[p].end]
		k, isTime := classify(w, ws[p].attr)
		if k == mNone {
			break
		}
		switch k {
		case mDate:
			dates++
			lastDate = p
			if isTime {
				times++
			}
		case mLabel:
			labels++
		case mSep:
			seps++
		}
		p++
	}
	if lastDate < 0 {
		return 0
	}
	p = lastDate + 1
	if p < 2 || n-p < 3 {
		return 0
	}
	if !(times > 0 || labels > 0 && dates > 0 || dates >= 2 && seps > 0) {
		return 0
	}
	// The rest must start like prose, not with another number.
	if ws[p].attr&aDigit != 0 {
		return 0
	}
	return p
}

// deskPrefix returns the words of a desk prefix ("گروه اقتصادی:") or 0.
func deskPrefix(text string, ws []word) int {
	if len(ws) < 5 || metaIn(text[ws[0].start:ws[0].end])&inDeskHeads == 0 {
		return 0
	}
	for j := 1; j < 4 && j < len(ws)-3; j++ {
		if ws[j].attr&aColon != 0 {
			return j + 1
		}
		if ws[j].attr&(aHard|aComma) != 0 {
			return 0
		}
	}
	return 0
}

// metaSuffix returns where a metadata tail (منبع: ایسنا, a date stamp)
// after the body's last sentence starts, or len(ws). from is the end of
// any metadata prefix.
func metaSuffix(text string, ws []word, from int) int {
	n := len(ws)
	if n-from < 5 {
		return n // a tail must leave four words after from
	}
	for j := n - 1; j >= n-6 && j > from+3; j-- {
		if ws[j-1].attr&(aHard|aClose) != 0 && metaIn(text[ws[j].start:ws[j].end])&inSuffixLabels != 0 {
			return j
		}
	}
	// A trailing date stamp after a sentence end.
	j, dates, times := n, 0, 0
	for j > from+3 && n-j < 12 {
		k, isTime := classify(text[ws[j-1].start:ws[j-1].end], ws[j-1].attr)
		if k == mNone {
			break
		}
		if k == mDate {
			dates++
			if isTime {
				times++
			}
		}
		j--
	}
	if j < n && j > from+3 && (dates >= 2 || times > 0) && ws[j-1].attr&aHard != 0 {
		return j
	}
	return n
}

// labelNext returns where, in text[from:to], the first metadata label
// starts and where it ends, and whether there is one: a word of
// metaLabels that ends with a colon ("بروزرسانی:", "Updated:"), with the
// word before it when that is one of metaLabels too ("کد خبر:", "تاریخ
// انتشار:"). On a page glued onto one line the article's title runs into
// the date line under it ("… “سنکل” آخرین بروزرسانی: ۲۹ شهریور ۱۴۰۲"),
// and the two made one block, called metadata; appendSentences cuts at
// the label, so that the title is a block of its own and metaPrefix reads
// the date line. Limits: a label's other words ("آخرین", last) stay with
// the text before it; a label inside a sentence ("… گفت منبع: …") cuts
// it too. It reads the text from colon to colon (strings.IndexByte), and
// the words around a colon that ends one; its cost is linear in to-from.
func labelNext(text string, from, to int) (start, end int, ok bool) {
	for pos := from; pos < to; {
		j := strings.IndexByte(text[pos:to], ':')
		if j < 0 {
			break
		}
		c := pos + j + 1 // just after the colon
		pos = c
		if c < to && spaceSize(text, c, to) == 0 {
			continue // the colon does not end its word
		}
		// back over the colon's word and the word before it, then read
		// them forwards as nextField splits them
		b := c
		for b > from && !isASCIISpace(text[b-1]) {
			b--
		}
		for b > from && isASCIISpace(text[b-1]) {
			b--
		}
		for b > from && !isASCIISpace(text[b-1]) {
			b--
		}
		var before, w span
		for p := b; ; {
			s, e := nextField(text, p, c)
			if s == e {
				break
			}
			before, w, p = w, span{s, e}, e
		}
		if w.end != c || metaIn(text[w.start:w.end])&inLabels == 0 {
			continue
		}
		if before.end > before.start && metaIn(text[before.start:before.end])&inLabels != 0 {
			return before.start, c, true
		}
		return w.start, c, true
	}
	return 0, 0, false
}
