package evalrun

import (
	"context"

	"github.com/winnowhq/winnow/classifier"
)

// Decoders that Options.Decode may name, applied to the classifier's
// labels before scoring: experiments measured on the dev sets, not part of
// the classifier.
//
//   - "mainrun": the article as one region. Content blocks (content
//     probability at least the model's threshold) are grouped into runs
//     that boilerplate gaps of at most mainRunGap blocks do not break; the
//     run with the largest content mass (probability × bytes) stays, and
//     outside it a block stays content only with a probability of at
//     least mainRunOutside.
const (
	mainRunGap     = 3
	mainRunOutside = 0.9
)

// classify runs c on in and applies o.Decode.
func (o Options) classify(ctx context.Context, c *classifier.Classifier, in classifier.Input) (*classifier.Result, error) {
	res, err := c.Classify(ctx, in)
	if err != nil || o.Decode == "" {
		return res, err
	}
	switch o.Decode {
	case "mainrun":
		mainRun(res)
	}
	return res, nil
}

// mainRun relabels res's blocks by the "mainrun" decoder.
func mainRun(res *classifier.Result) {
	bs := res.Blocks
	bestMass, bestFrom, bestTo := 0.0, -1, -1
	from, last, gap := -1, -1, 0
	mass := 0.0
	flush := func() {
		if from >= 0 && mass > bestMass {
			bestMass, bestFrom, bestTo = mass, from, last
		}
	}
	for i, b := range bs {
		if b.Label != classifier.Content {
			gap++
			if from >= 0 && gap > mainRunGap {
				flush()
				from, mass = -1, 0
			}
			continue
		}
		if from < 0 {
			from = i
		}
		last, gap = i, 0
		mass += b.ContentProb * float64(b.End-b.Start)
	}
	flush()
	if bestFrom < 0 {
		return
	}
	for i := range bs {
		b := &bs[i]
		if b.Label != classifier.Content || (i >= bestFrom && i <= bestTo) || b.ContentProb >= mainRunOutside {
			continue
		}
		// the most probable boilerplate category is not known here: other
		b.Label, b.Category, b.Score = classifier.Boilerplate, classifier.Other, 1-b.ContentProb
	}
}
