package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Metadata tables. Keys are compared after stripping punctuation and
// folding Arabic ي/ك to Persian ی/ک and ASCII case (metaKey).
var (
	// metaLabels name a metadata field.
	metaLabels = setOf(
		"شناسه", "کد", "خبر", "تاریخ", "انتشار", "منتشر", "منبع", "ساعت", "زمان",
		"به‌روز", "بروز", "بروزرسانی", "به‌روزرسانی",
		"نویسنده", "خبرنگار", "عکاس", "ترجمه", "مترجم", "تنظیم", "دبیر", "سرویس",
		"id", "news", "code", "date", "published", "updated", "posted", "source",
		"modified",
	)
	// metaMonths are month and weekday names (Jalali, Hijri, Gregorian in
	// Persian and English).
	metaMonths = setOf(
		"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
		"محرم", "صفر", "ربیع‌الاول", "ربیع‌الثانی", "جمادی‌الاول", "جمادی‌الثانی", "رجب", "شعبان", "رمضان", "شوال", "ذی‌القعده", "ذی‌الحجه",
		"ژانویه", "فوریه", "مارس", "آوریل", "مه", "می", "ژوئن", "ژوئیه", "جولای", "اوت", "آگوست", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
		"شنبه", "یکشنبه", "یک‌شنبه", "دوشنبه", "سه‌شنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "پنج‌شنبه", "جمعه",
		"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"am", "pm", "gmt", "utc", "ق", "ه", "هجری", "شمسی", "قمری", "میلادی",
	)
	// suffixLabels start a metadata tail after the body: منبع: ایسنا.
	suffixLabels = setOf("منبع", "source", "انتهای", "sources")
	// deskHeads start a desk prefix: گروه اقتصادی: ...
	deskHeads = setOf("گروه", "سرویس")
)

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[metaKey(w)] = true
	}
	return m
}

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

// metaIn reports whether w, folded like metaKey, is in set. It does not
// allocate.
func metaIn(set map[string]bool, w string) bool {
	w = strings.TrimFunc(w, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\u200c'
	})
	if w == "" || len(w) > 64 {
		return false
	}
	var buf [96]byte
	b := buf[:0]
	for _, r := range w {
		switch {
		case r >= 'A' && r <= 'Z':
			b = append(b, byte(r)+'a'-'A')
		case r < utf8.RuneSelf:
			b = append(b, byte(r))
		case r == 'ي':
			b = utf8.AppendRune(b, 'ی')
		case r == 'ك':
			b = utf8.AppendRune(b, 'ک')
		case r == '\u200c':
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return set[string(b)]
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
	if metaIn(metaMonths, w) {
		return mDate, false
	}
	if metaIn(metaLabels, w) {
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
	if len(ws) < 5 || !metaIn(deskHeads, text[ws[0].start:ws[0].end]) {
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
	for j := n - 1; j >= n-6 && j > from+3; j-- {
		if ws[j-1].attr&(aHard|aClose) != 0 && metaIn(suffixLabels, text[ws[j].start:ws[j].end]) {
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
