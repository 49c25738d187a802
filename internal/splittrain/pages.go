package splittrain

import (
	"strings"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/internal/dataset"
)

// sentenceLine and sentenceEnds mirror segment's reflow: a line of
// sentenceLine bytes or more reaches the splitter cut at sentence ends
// (a rune of sentenceEnds followed by white space), one piece at a time.
const sentenceLine = 4096

const sentenceEnds = ".!?؟…。！？"

// pageExamples returns the synthetic Persian pages of the training sites
// written on one line (dataset.PersianTrainingOneline: n pages per site),
// cut at sentence ends as the classifier's reflow cuts such lines, as
// splitter examples: each piece with the unit starts inside it. Pages
// alternate between the folds (page i in fold i%2).
func pageExamples(persian string, n int) (folds [2][]segment.SplitExample, err error) {
	return onelineExamples(dataset.PersianTrainingOneline(persian, n, 1))
}

// listingExamples is pageExamples for n training listings of each
// training site (dataset.PersianTrainingListingsOneline).
func listingExamples(persian string, n int) (folds [2][]segment.SplitExample, err error) {
	return onelineExamples(dataset.PersianTrainingListingsOneline(persian, n, 1))
}

// onelineExamples turns pages written on one line, with their unit
// starts, into splitter examples, page i in fold i%2.
func onelineExamples(lines []string, cuts [][]int, err error) (folds [2][]segment.SplitExample, _ error) {
	if err != nil {
		return folds, err
	}
	for i, l := range lines {
		folds[i%2] = append(folds[i%2], sentencePieces(l, cuts[i])...)
	}
	return folds, nil
}

// sentencePieces cuts line into the pieces the splitter sees (the whole
// line when it is shorter than sentenceLine), each with the cuts that
// fall inside it, shifted to its start.
func sentencePieces(line string, cuts []int) []segment.SplitExample {
	var out []segment.SplitExample
	piece := func(s, e int) {
		for s < e && isSpaceByte(line, s) {
			_, n := utf8.DecodeRuneInString(line[s:])
			s += n
		}
		e = s + len(strings.TrimRightFunc(line[s:e], isSpace))
		if s >= e {
			return
		}
		ex := segment.SplitExample{Line: line[s:e]}
		for _, c := range cuts {
			if c > s && c < e {
				ex.Cuts = append(ex.Cuts, c-s)
			}
		}
		out = append(out, ex)
	}
	if len(line) < sentenceLine {
		piece(0, len(line))
		return out
	}
	from := 0
	for i := 0; i < len(line); {
		r, n := utf8.DecodeRuneInString(line[i:])
		i += n
		if !strings.ContainsRune(sentenceEnds, r) {
			continue
		}
		if i < len(line) {
			if r2, _ := utf8.DecodeRuneInString(line[i:]); !isSpace(r2) {
				continue
			}
		}
		piece(from, i)
		from = i
	}
	piece(from, len(line))
	return out
}

func isSpaceByte(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isSpace(r)
}
