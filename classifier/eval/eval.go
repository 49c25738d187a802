// Package eval scores extracted text against gold text the way the field
// does: bag-of-tokens precision, recall and F1 (tokens are runs of letters
// and digits, lower-cased, counted with multiplicity), and snippet checks.
// `winnow eval` and the peer benchmarks use this one scorer.
package eval

import (
	"strings"

	"github.com/winnowhq/winnow/classifier/token"
)

// Tokens returns the lower-cased runs of letters, marks and digits in s
// (token.Words).
func Tokens(s string) []string { return token.Words(s) }

// Counts is the overlap between an extraction and its gold.
type Counts struct {
	// Common is the multiset intersection size; Extracted and Gold are the
	// token counts of each side.
	Common, Extracted, Gold int
}

// Compare counts the token overlap between extracted and gold text.
func Compare(extracted, gold string) Counts {
	g := map[string]int{}
	for _, t := range Tokens(gold) {
		g[t]++
	}
	c := Counts{}
	for _, n := range g {
		c.Gold += n
	}
	for _, t := range Tokens(extracted) {
		c.Extracted++
		if g[t] > 0 {
			g[t]--
			c.Common++
		}
	}
	return c
}

// Add accumulates o into c (for micro averages).
func (c *Counts) Add(o Counts) {
	c.Common += o.Common
	c.Extracted += o.Extracted
	c.Gold += o.Gold
}

// PRF returns precision, recall and F1. An empty extraction of an empty gold
// scores 1; an empty extraction of a non-empty gold scores 0.
func (c Counts) PRF() (p, r, f float64) {
	switch {
	case c.Extracted == 0 && c.Gold == 0:
		return 1, 1, 1
	case c.Extracted == 0 || c.Gold == 0:
		return 0, 0, 0
	}
	p = float64(c.Common) / float64(c.Extracted)
	r = float64(c.Common) / float64(c.Gold)
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// SnippetScore checks snippets against extracted text: found counts the With
// snippets present, clean the Without snippets absent. Matching is on
// white-space-collapsed text.
func SnippetScore(extracted string, with, without []string) (found, clean int) {
	x := collapse(extracted)
	for _, s := range with {
		if strings.Contains(x, collapse(s)) {
			found++
		}
	}
	for _, s := range without {
		if !strings.Contains(x, collapse(s)) {
			clean++
		}
	}
	return found, clean
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// Mean accumulates per-page scores and corpus micro counts.
type Mean struct {
	N       int
	P, R, F float64 // sums over pages
	Micro   Counts
}

// Add records one page.
func (m *Mean) Add(c Counts) {
	p, r, f := c.PRF()
	m.N++
	m.P += p
	m.R += r
	m.F += f
	m.Micro.Add(c)
}

// Means returns the mean precision, recall and F1 over pages.
func (m *Mean) Means() (p, r, f float64) {
	if m.N == 0 {
		return 0, 0, 0
	}
	n := float64(m.N)
	return m.P / n, m.R / n, m.F / n
}

// Merge adds o's pages and counts to m.
func (m *Mean) Merge(o *Mean) {
	m.N += o.N
	m.P += o.P
	m.R += o.R
	m.F += o.F
	m.Micro.Add(o.Micro)
}
