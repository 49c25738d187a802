package main

import (
	"strings"
	"testing"
	"time"
)

func TestParseHWM(t *testing.T) {
	got, err := parseHWM(strings.NewReader("VmPeak:\t 9 kB\nVmHWM:\t   35000 kB\n"))
	if err != nil || got != 35000 {
		t.Errorf("parseHWM = %d, %v", got, err)
	}
	if _, err := parseHWM(strings.NewReader("")); err == nil {
		t.Error("no error without VmHWM")
	}
}

func TestParseStat(t *testing.T) {
	const stat = "4242 (winnow d) S 1 4242 4242 0 -1 4194560 2300 0 0 0 150 25 0 0 20 0 9 0 1000 1 1"
	got, err := parseStat(stat)
	if err != nil || got != 1750*time.Millisecond {
		t.Errorf("parseStat = %v, %v; want 1.75s", got, err)
	}
	if _, err := parseStat("4242 (x) S 1"); err == nil {
		t.Error("no error for a short line")
	}
}
