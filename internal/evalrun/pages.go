package evalrun

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
)

// PageScores returns every page score of the report, in its order.
func (rep *Report) PageScores() []PageScore {
	var out []PageScore
	for _, r := range rep.Results {
		out = append(out, r.PerPage...)
	}
	return out
}

// WritePageScores writes scores to w, one JSON object a line.
func WritePageScores(w io.Writer, scores []PageScore) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for i := range scores {
		if err := enc.Encode(&scores[i]); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// maxPageLine bounds one line of a page-score file (a page's id and URL
// are short; 1 MiB is far beyond any).
const maxPageLine = 1 << 20

// ReadPageScores reads page scores written by WritePageScores. A line that
// is not a page score is an error naming its number.
func ReadPageScores(r io.Reader) ([]PageScore, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxPageLine)
	var out []PageScore
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var ps PageScore
		if err := json.Unmarshal(sc.Bytes(), &ps); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if ps.Set == "" || ps.Mode == "" || ps.ID == "" {
			return nil, fmt.Errorf("line %d: a page score needs set, mode and id", n)
		}
		out = append(out, ps)
	}
	return out, sc.Err()
}

// PageMove is one page whose scores differ between two runs.
type PageMove struct {
	Old, New PageScore
}

// Delta is the page's change in F1.
func (m PageMove) Delta() float64 { return m.New.F1 - m.Old.F1 }

// MovedPages joins old and new on set, mode and id and returns the pages
// whose F1 moved by minDelta or more or whose article presence flipped,
// the largest moves first (ties by set, mode and id). Pages in only one
// of the runs are left out.
func MovedPages(old, new []PageScore, minDelta float64) []PageMove {
	type key struct{ set, mode, id string }
	before := make(map[key]PageScore, len(old))
	for _, ps := range old {
		before[key{ps.Set, ps.Mode, ps.ID}] = ps
	}
	var out []PageMove
	for _, ps := range new {
		o, ok := before[key{ps.Set, ps.Mode, ps.ID}]
		if !ok {
			continue
		}
		m := PageMove{Old: o, New: ps}
		if math.Abs(m.Delta()) >= minDelta || o.HasArticle != ps.HasArticle {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := math.Abs(out[i].Delta()), math.Abs(out[j].Delta())
		if a != b {
			return a > b
		}
		x, y := out[i].New, out[j].New
		if x.Set != y.Set {
			return x.Set < y.Set
		}
		if x.Mode != y.Mode {
			return x.Mode < y.Mode
		}
		return x.ID < y.ID
	})
	return out
}

// WriteMoveSummary writes, per set and mode, how many of moves went up
// and down and the sum of their F1 changes (the set's mean F1 moves by
// that sum over its page count), as a markdown table.
func WriteMoveSummary(w io.Writer, moves []PageMove) error {
	type key struct{ set, mode string }
	type tally struct {
		up, down int
		sum      float64
	}
	by := map[key]*tally{}
	var keys []key
	for _, m := range moves {
		k := key{m.New.Set, m.New.Mode}
		t := by[k]
		if t == nil {
			t = &tally{}
			by[k] = t
			keys = append(keys, k)
		}
		switch d := m.Delta(); {
		case d > 0:
			t.up++
		case d < 0:
			t.down++
		}
		t.sum += m.Delta()
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].set != keys[j].set {
			return keys[i].set < keys[j].set
		}
		return keys[i].mode < keys[j].mode
	})
	if _, err := fmt.Fprintf(w, "| set | mode | pages up | pages down | sum of F1 changes |\n|---|---|---:|---:|---:|\n"); err != nil {
		return err
	}
	for _, k := range keys {
		t := by[k]
		if _, err := fmt.Fprintf(w, "| %s | %s | %d | %d | %+.3f |\n", k.set, k.mode, t.up, t.down, t.sum); err != nil {
			return err
		}
	}
	return nil
}

// WriteMoves writes moves as a markdown table, at most max rows (0: all).
func WriteMoves(w io.Writer, moves []PageMove, max int) error {
	if _, err := fmt.Fprintf(w, "| set | mode | page | F1 before | F1 after | change | article before → after |\n|---|---|---|---:|---:|---:|---|\n"); err != nil {
		return err
	}
	for i, m := range moves {
		if max > 0 && i >= max {
			_, err := fmt.Fprintf(w, "\n%d more pages moved.\n", len(moves)-max)
			return err
		}
		if _, err := fmt.Fprintf(w, "| %s | %s | %s | %.3f | %.3f | %+.3f | %v → %v |\n", m.New.Set, m.New.Mode, m.New.ID, m.Old.F1, m.New.F1, m.Delta(), m.Old.HasArticle, m.New.HasArticle); err != nil {
			return err
		}
	}
	return nil
}
