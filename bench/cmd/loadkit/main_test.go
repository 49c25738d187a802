package main

import (
	"strings"
	"testing"
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
