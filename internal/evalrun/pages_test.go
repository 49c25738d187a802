package evalrun

import (
	"bytes"
	"strings"
	"testing"
)

func TestPageScoresRoundTrip(t *testing.T) {
	in := []PageScore{
		{Set: "s", Mode: "html", ID: "a", Lang: "en", Precision: 0.5, Recall: 1, F1: 2.0 / 3, HasArticle: true, PageKind: "article", Units: 3, UnitsRight: 2},
		{Set: "s", Mode: "text", ID: "a", Error: "boom"},
	}
	var b bytes.Buffer
	if err := WritePageScores(&b, in); err != nil {
		t.Fatal(err)
	}
	out, err := ReadPageScores(&b)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(in) || out[0] != in[0] || out[1] != in[1] {
		t.Errorf("read %+v, want %+v", out, in)
	}
}

func TestReadPageScoresErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"not JSON", "{\"set\":\"s\",\"mode\":\"html\",\"id\":\"a\"}\nnot json\n", "line 2"},
		{"no id", "{\"set\":\"s\",\"mode\":\"html\"}\n", "line 1: a page score needs set, mode and id"},
		{"too long", "{\"set\":\"" + strings.Repeat("x", maxPageLine) + "\"}\n", "too long"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadPageScores(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
}

func TestMovedPages(t *testing.T) {
	old := []PageScore{
		{Set: "s", Mode: "html", ID: "a", F1: 0.9, HasArticle: true},
		{Set: "s", Mode: "html", ID: "b", F1: 0.5, HasArticle: true},
		{Set: "s", Mode: "html", ID: "c", F1: 0.7, HasArticle: true},
		{Set: "s", Mode: "html", ID: "gone", F1: 0.7},
		{Set: "s", Mode: "text", ID: "a", F1: 0.8, HasArticle: true},
	}
	new := []PageScore{
		{Set: "s", Mode: "html", ID: "a", F1: 0.905, HasArticle: true}, // under 0.01
		{Set: "s", Mode: "html", ID: "b", F1: 0.9, HasArticle: true},   // +0.4
		{Set: "s", Mode: "html", ID: "c", F1: 0.7, HasArticle: false},  // presence flipped
		{Set: "s", Mode: "html", ID: "new", F1: 0.1},                   // not in old
		{Set: "s", Mode: "text", ID: "a", F1: 0.6, HasArticle: true},   // -0.2
	}
	moves := MovedPages(old, new, 0.01)
	var got []string
	for _, m := range moves {
		got = append(got, m.New.Mode+"/"+m.New.ID)
	}
	if want := "html/b text/a html/c"; strings.Join(got, " ") != want {
		t.Errorf("moved %v, want %s", got, want)
	}
	var b bytes.Buffer
	if err := WriteMoves(&b, moves, 2); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "| s | html | b | 0.500 | 0.900 | +0.400 | true → true |") || !strings.Contains(b.String(), "1 more pages moved.") {
		t.Errorf("table:\n%s", b.String())
	}
	b.Reset()
	if err := WriteMoveSummary(&b, moves); err != nil {
		t.Fatal(err)
	}
	// html: b up, c unchanged F1 (presence flipped); text: a down
	if want := "| s | html | 1 | 0 | +0.400 |\n| s | text | 0 | 1 | -0.200 |\n"; !strings.HasSuffix(b.String(), want) {
		t.Errorf("summary:\n%s\nwant it to end with\n%s", b.String(), want)
	}
}
