package main

import (
	"io"
	"os"
)

// ANSI SGR sequences for the categories in `classify --format blocks` and
// for the title in `--format text`.
const (
	sgrReset = "\033[0m"
	sgrBold  = "\033[1m"
)

// categoryColor is the colour of a block's category: content stands out,
// boilerplate is coloured by kind, navigation and other fade.
var categoryColor = map[string]string{
	"title":      "\033[1;32m", // bold green
	"body":       "\033[32m",   // green
	"metadata":   "\033[36m",   // cyan
	"share":      "\033[34m",   // blue
	"ad":         "\033[1;31m", // bold red
	"related":    "\033[35m",   // magenta
	"navigation": "\033[2m",    // faint
	"comments":   "\033[33m",   // yellow
	"legal":      "\033[2m",
	"other":      "\033[2m",
}

// useColor decides --color: "always", "never", or "auto" (colour when w
// is a terminal and NO_COLOR is unset or empty, as no-color.org asks).
func useColor(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	return os.Getenv("NO_COLOR") == "" && isTerminal(w)
}

// paint wraps s in the category's colour when on is set.
func paint(on bool, category, s string) string {
	c, ok := categoryColor[category]
	if !on || !ok {
		return s
	}
	return c + s + sgrReset
}
