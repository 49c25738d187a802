package model

import (
	"errors"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/segment"
)

func TestPredictCheck(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := segment.Text(strings.Repeat("A headline here\nSome body text of the article.\n", 3*checkEvery), segment.TextOptions{NoSplit: true})
	if err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stop")
	calls := 0
	if _, err := m.PredictCheck(doc, 0, func() error {
		if calls++; calls > 3 {
			return stop
		}
		return nil
	}); !errors.Is(err, stop) {
		t.Errorf("failing check: err = %v", err)
	}
	want := m.Predict(doc, 0)
	got, err := m.PredictCheck(doc, 0, func() error { return nil })
	if err != nil || len(got) != len(want) {
		t.Fatalf("passing check: %d predictions, %v", len(got), err)
	}
	for i := range got {
		if got[i].ContentProb != want[i].ContentProb {
			t.Fatalf("block %d: %v vs %v", i, got[i].ContentProb, want[i].ContentProb)
		}
	}
}
