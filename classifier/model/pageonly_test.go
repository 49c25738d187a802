package model

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestWithPageModel: the spliced model is base's block model byte for
// byte with donor's page model, and a new version.
func TestWithPageModel(t *testing.T) {
	base, baseFile := trainTiny(t, 1)
	donor, _ := trainTiny(t, 2)
	data := tinyData(t)
	got, err := WithPageModel(base, donor, data.Dev)
	if err != nil {
		t.Fatal(err)
	}
	if got.page.w != donor.page.w {
		t.Error("the page model's weights are not the donor's")
	}
	if got.threshold != base.threshold || got.temperature != base.temperature || got.shift != base.shift ||
		!slices.Equal(got.w1, base.w1) || !slices.Equal(got.w2, base.w2) {
		t.Error("the block model, threshold, temperature or shifts moved")
	}
	if v := got.Info().Version; v == base.Info().Version || !strings.HasPrefix(v, "tiny-") {
		t.Errorf("version %q, want a new stamp of %q", v, base.Info().Version)
	}
	var buf bytes.Buffer
	if err := got.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	dec, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	orig, err := Decode(baseFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range append(data.Train[:3:3], data.Dev...) {
		a, b := orig.Predict(d.Seg, 0), dec.Predict(d.Seg, 0)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("block scores moved on %q", d.Seg.Text[:min(40, len(d.Seg.Text))])
		}
	}
	if base.page == got.page {
		t.Error("base's page model was changed in place")
	}
	noPage := *donor
	noPage.page = nil
	if _, err := WithPageModel(base, &noPage, data.Dev); err == nil {
		t.Error("a donor without a page model: no error")
	}
}
