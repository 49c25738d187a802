package corpus

import (
	"sort"
	"strings"
)

// Aligner finds labelled text in other text by its words. Words are added
// with a class, in reading order; Majority then finds a run of words in
// that stream, searching forward from the end of the previous match first
// and then from the start, and returns the class most of its words carry.
// Words are compared exactly: callers pass token.Words output.
type Aligner struct {
	sb      strings.Builder
	starts  []int // byte offset of each word in the stream
	classes []int
	cursor  int
	stream  string
}

// Add appends words of the given class to the stream.
func (a *Aligner) Add(words []string, class int) {
	if a.sb.Len() == 0 {
		a.sb.WriteByte(' ')
	}
	for _, w := range words {
		a.starts = append(a.starts, a.sb.Len())
		a.classes = append(a.classes, class)
		a.sb.WriteString(w)
		a.sb.WriteByte(' ')
	}
	a.stream = ""
}

// Majority finds words in the stream and returns the class most of the
// matched words carry (the smallest class on ties) and true, or false when
// words is empty or not found. classes bounds the class values.
func (a *Aligner) Majority(words []string, classes int) (int, bool) {
	if len(words) == 0 {
		return 0, false
	}
	if a.stream == "" {
		a.stream = a.sb.String()
	}
	key := " " + strings.Join(words, " ") + " "
	at := strings.Index(a.stream[a.cursor:], key)
	if at >= 0 {
		at += a.cursor
	} else if at = strings.Index(a.stream, key); at < 0 {
		return 0, false
	}
	first := sort.SearchInts(a.starts, at+1)
	votes := make([]int, classes)
	for j := first; j < first+len(words) && j < len(a.classes); j++ {
		if c := a.classes[j]; c >= 0 && c < classes {
			votes[c]++
		}
	}
	best := 0
	for k := range votes {
		if votes[k] > votes[best] {
			best = k
		}
	}
	if e := first + len(words); e < len(a.starts) {
		a.cursor = a.starts[e] - 1
	}
	return best, true
}
