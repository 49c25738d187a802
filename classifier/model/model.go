// Package model holds the token-weight model that labels blocks: its file
// format, feature pipeline, prediction and training.
package model

import (
	"fmt"
	"io"
	"math"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/segment"
)

// NumClasses is the number of block categories the model predicts. Class k
// is classifier.Category(k+1); ClassNames gives their names.
const NumClasses = 10

// ClassNames are the category names, in class order.
var ClassNames = [NumClasses]string{"title", "body", "metadata", "share", "ad", "related", "navigation", "comments", "legal", "other"}

// Content reports whether class k is a content class (title or body).
func Content(k int) bool { return k == 0 || k == 1 }

// Contribution is a feature's weight in a decision.
type Contribution struct {
	Feature string
	Weight  float64
}

// Prediction is the model's output for one block.
type Prediction struct {
	// Probs are calibrated class probabilities (sum 1).
	Probs [NumClasses]float64
	// ContentProb is the probability the block is content.
	ContentProb float64
	// Explain lists the strongest features for and against the predicted
	// class when asked for.
	Explain []Contribution
}

// Info describes a model.
type Info struct {
	FormatVersion int
	Version       string
	Fingerprint   string
	Languages     []string
	// Training summarises the training data: documents and blocks per source.
	Training map[string]int
	// Metrics are dev-set numbers stored at training time.
	Metrics map[string]float64
}

// Model labels the blocks of a segmented document. A Model is immutable
// and safe for concurrent use.
type Model struct {
	info      Info
	threshold float64
}

// Default returns the embedded default model. STUB: a heuristic scorer
// until the trained model lands.
func Default() (*Model, error) {
	return &Model{info: Info{FormatVersion: 0, Version: "heuristic-0", Fingerprint: "none"}, threshold: 0.5}, nil
}

// Decode reads a model file.
func Decode(data []byte) (*Model, error) {
	return nil, fmt.Errorf("model: decode: no model formats yet")
}

// Encode writes the model file.
func (m *Model) Encode(w io.Writer) error {
	return fmt.Errorf("model: encode: not supported by the heuristic model")
}

// Info describes the model.
func (m *Model) Info() Info { return m.info }

// Threshold is the default content-probability cut.
func (m *Model) Threshold() float64 { return m.threshold }

// Language guesses the document's language ("" when unsure).
func (m *Model) Language(doc *segment.Doc) string { return doc.Lang }

// Predict labels every block of doc. explain > 0 asks for that many
// contributions per block.
func (m *Model) Predict(doc *segment.Doc, explain int) []Prediction {
	out := make([]Prediction, len(doc.Blocks))
	for i, b := range doc.Blocks {
		text := doc.Text[b.Start:b.End]
		n := utf8.RuneCountInString(text)
		p := 1 / (1 + math.Exp(-(float64(n)-60)/20))
		if b.End > b.Start && b.LinkBytes*2 > b.End-b.Start {
			p *= 0.2
		}
		var pr Prediction
		pr.ContentProb = p
		pr.Probs[1] = p
		pr.Probs[9] = 1 - p
		out[i] = pr
	}
	return out
}
