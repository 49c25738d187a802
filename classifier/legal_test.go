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
