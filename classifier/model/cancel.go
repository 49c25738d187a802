package model

import "github.com/winnowhq/winnow/classifier/segment"

// checkEvery is how many blocks Predict handles between two calls of its
// check function: well under a millisecond of work.
const checkEvery = 1024

// canceler calls a check function every checkEvery steps and remembers
// the first error it returns. A nil *canceler never stops.
type canceler struct {
	check func() error
	err   error
}

// explainCheckEvery is checkEvery for explanations, which cost tens of
// times a block's scoring each.
const explainCheckEvery = 32

// stop reports whether work must stop before step i.
func (c *canceler) stop(i int) bool { return c.stopEvery(i, checkEvery) }

// stopEvery is stop for steps of which every make well under a
// millisecond of work.
func (c *canceler) stopEvery(i, every int) bool {
	if c == nil || c.check == nil {
		return false
	}
	if c.err == nil && i%every == 0 {
		c.err = c.check()
	}
	return c.err != nil
}

// PredictCheck is Predict that calls check every few hundred blocks of
// every pass (check is typically a context's Err): when check returns an
// error, PredictCheck stops and returns it, so that abandoned work ends
// within a millisecond or so of CPU. A nil check never stops.
func (m *Model) PredictCheck(doc *segment.Doc, explain int, check func() error) ([]Prediction, error) {
	out, _, err := m.PredictPageCheck(doc, explain, check)
	return out, err
}

// PredictPageCheck is PredictCheck, and the page model's judgement of the
// whole document (PredictPage).
func (m *Model) PredictPageCheck(doc *segment.Doc, explain int, check func() error) ([]Prediction, PagePrediction, error) {
	out, page, err := m.PredictCompact(doc, explain, check)
	if err != nil {
		return nil, PagePrediction{}, err
	}
	return out.All(), page, nil
}

// PredictCompact is PredictPageCheck returning the compact form of its
// output, for callers that read each block's prediction once (At) and
// need not hold them all as Prediction values.
func (m *Model) PredictCompact(doc *segment.Doc, explain int, check func() error) (*Predictions, PagePrediction, error) {
	c := &canceler{check: check}
	out, page := m.predict(doc, explain, c)
	if c.err != nil {
		return nil, PagePrediction{}, c.err
	}
	return out, page, nil
}
