package main

import (
	"strings"
	"testing"
)

// TestHelpEverywhere: every command has --help with examples on stdout,
// exit 0; a mistyped flag is one line on stderr, exit 1.
func TestHelpEverywhere(t *testing.T) {
	for _, cmd := range [][]string{{"classify"}, {"batch"}, {"train"}, {"train", "model"}, {"train", "splitter"}, {"eval"}} {
		name := strings.Join(cmd, " ")
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := winnow(t, "", append(cmd, "--help")...)
			if code != exitOK || !strings.Contains(stdout, "Examples:") || !strings.Contains(stdout, "Exit codes:") || stderr != "" {
				t.Errorf("--help: exit %d, stdout %.300q, stderr %q", code, stdout, stderr)
			}
			code, stdout, stderr = winnow(t, "", append(cmd, "--no-such-flag")...)
			if code != exitUsage || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "winnow "+name+": unknown flag") {
				t.Errorf("bad flag: exit %d, stdout %q, stderr %q", code, stdout, stderr)
			}
		})
	}
}

func TestRoot(t *testing.T) {
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		stdout   string // a substring
		stderrOK bool
	}{
		{"version", []string{"--version"}, exitOK, "winnow ", false},
		{"completion-bash", []string{"completion", "bash"}, exitOK, "complete -o default", false},
		{"completion-zsh", []string{"completion", "zsh"}, exitOK, "#compdef winnow", false},
		{"completion-fish", []string{"completion", "fish"}, exitOK, "complete -c winnow", false},
		{"help", []string{"--help"}, exitOK, "batch", false},
		{"unknown-command", []string{"frobnicate"}, exitUsage, "", true},
		{"stray-argument", []string{"batch", "--in", "x", "--out", "y", "extra"}, exitUsage, "", true},
		{"train-stray", []string{"train", "models"}, exitUsage, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := winnow(t, "", tc.args...)
			if code != tc.code || !strings.Contains(stdout, tc.stdout) || (stderr != "") != tc.stderrOK {
				t.Errorf("exit %d (want %d), stdout %.200q, stderr %q", code, tc.code, stdout, stderr)
			}
		})
	}
}

// TestCompleteFlagValues: the shell completion of --format lists the
// formats.
func TestCompleteFlagValues(t *testing.T) {
	code, stdout, _ := winnow(t, "", "__complete", "classify", "--format", "")
	for _, want := range []string{"text", "json", "jsonl", "blocks"} {
		if code != exitOK || !strings.Contains(stdout, want+"\n") {
			t.Errorf("completion of --format: exit %d, %q lacks %s", code, stdout, want)
		}
	}
}
