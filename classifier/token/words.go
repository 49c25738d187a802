package token

import (
	"strings"
	"unicode"
)

// Words returns the units of the field's bag-of-tokens metric: the
// lower-cased runs of letters, marks and digits in s, without any other
// normalisation. Scoring (classifier/eval) and gold alignment for training
// use it so that both count tokens the same way; features use Iter.
func Words(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		if word && start < 0 {
			start = i
		} else if !word && start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}
