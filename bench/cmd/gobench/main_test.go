package main

import (
	"strings"
	"testing"
)

const out = `goos: linux
BenchmarkDecode/small-2   	    1000	     18335 ns/op	 146.88 MB/s	    4096 B/op	       2 allocs/op
BenchmarkDecode/small-2   	    1000	     12000 ns/op	 200.00 MB/s	    4096 B/op	       2 allocs/op
BenchmarkPredict/large-2  	       5	     22694 ns/op	22037.28 MB/s	   24576 B/op	       1 allocs/op
PASS
`

func TestParse(t *testing.T) {
	rows, err := parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2: %+v", len(rows), rows)
	}
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"first name", rows[0].name, "Decode/small"},
		{"fastest kept", rows[0].nsOp, 12000.0},
		{"MB/s", rows[0].mbS, 200.0},
		{"allocs", rows[1].alloc, 1.0},
		{"order", rows[1].name, "Predict/large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
	if _, err := parse(strings.NewReader("PASS\n")); err == nil {
		t.Error("no error without benchmark lines")
	}
	if got := table(rows); !strings.Contains(got, "| Decode/small | 1000 | 12.0 | 200.00 | 4096 | 2 |") {
		t.Errorf("table:\n%s", got)
	}
}
