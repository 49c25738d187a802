package classifier

import (
	"slices"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
)

func TestCopyrightLines(t *testing.T) {
	const (
		B = model.ClassBody
		C = model.ClassComments
		M = model.ClassMetadata
		L = model.ClassLegal
	)
	for _, tc := range []struct {
		name  string
		line  string
		class int
		want  int
	}{
		{"a footer", "Copyright © 2023 ایسنا", C, L},
		{"the sign and a year", "© 2024 Example GmbH. Alle Rechte vorbehalten.", M, L},
		{"the word and a year", "Copyright 2019 The Example Times", C, L},
		{"a credit without a year", "© AFP", M, M},
		{"content keeps its class", "© 2024 Example: the company said on Tuesday it would close.", B, B},
		{"no sign", "Published 2024 by the council", M, M},
		{"a paragraph", strings.Repeat("The copyright law of 2019 changed the rules for every publisher. ", 6), C, C},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks := lineBlocks([]string{tc.line})
			classes := []int{tc.class}
			copyrightLines(text, blocks, classes)
			if !slices.Equal(classes, []int{tc.want}) {
				t.Errorf("class = %d, want %d", classes[0], tc.want)
			}
		})
	}
}

func TestLegalLinks(t *testing.T) {
	const (
		B = model.ClassBody
		C = model.ClassComments
		N = model.ClassNavigation
		R = model.ClassRelated
		L = model.ClassLegal
	)
	for _, tc := range []struct {
		name  string
		line  string
		class int
		want  int
	}{
		{"after a comment form", "حریم خصوصی", C, L},
		{"arabic letters", "حريم خصوصي", C, L},
		{"joined with a zero-width non-joiner", "حریم‌خصوصی", N, L},
		{"persian terms", "قوانین و مقررات", R, L},
		{"a design credit", "طراحی و اجرا: همشهری آنلاین", C, L},
		{"a credit without a name", "طراحی و اجرا", C, C},
		{"english links in a row", "Privacy Policy | Terms of Use | Cookie Settings", N, L},
		{"german links", "Impressum · Datenschutz · AGB", N, L},
		{"a menu that names other pages too", "Home | About us | Privacy Policy", N, N},
		{"a sentence about privacy", "We respect your privacy.", C, C},
		{"separators only", "| · |", N, N},
		{"a separator first", "| Privacy Policy | Terms", N, L},
		{"content keeps its class", "Privacy", B, B},
		{"a long block", strings.Repeat("Privacy Policy | ", 20), N, N},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// the line after an article's paragraph
			text, blocks := lineBlocks([]string{"The council said on Tuesday that the road would reopen in May.", tc.line})
			classes := []int{B, tc.class}
			legalLinks(text, blocks, classes)
			if !slices.Equal(classes, []int{B, tc.want}) {
				t.Errorf("class = %d, want %d", classes[1], tc.want)
			}
		})
	}
	t.Run("before the article's last paragraph", func(t *testing.T) {
		text, blocks := lineBlocks([]string{"Privacy Policy", "The council said on Tuesday that the road would reopen in May."})
		classes := []int{N, B}
		legalLinks(text, blocks, classes)
		if !slices.Equal(classes, []int{N, B}) {
			t.Errorf("classes = %v, want %v", classes, []int{N, B})
		}
	})
	t.Run("a page without content", func(t *testing.T) {
		text, blocks := lineBlocks([]string{"Home | News", "Privacy Policy"})
		classes := []int{N, N}
		legalLinks(text, blocks, classes)
		if !slices.Equal(classes, []int{N, N}) {
			t.Errorf("classes = %v, want %v", classes, []int{N, N})
		}
	})
}

// TestLegalKeys checks that every name's and credit's key fits
// maxLegalKey (a longer part is read as none) and that legalStart lets
// every name and credit through.
func TestLegalKeys(t *testing.T) {
	for k := range legalPageNames() {
		if len(k) >= maxLegalKey {
			t.Errorf("%q: key of %d bytes, maxLegalKey %d", k, len(k), maxLegalKey)
		}
		if !legalStart(k) {
			t.Errorf("legalStart(%q) = false", k)
		}
	}
	for _, c := range legalCredits {
		if !legalStart(c + " X") {
			t.Errorf("legalStart(%q) = false", c)
		}
	}
}
