// Package decode turns page bytes in any charset into UTF-8 text and sniffs
// whether they are HTML or plain text.
package decode

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Result is a decoded document.
type Result struct {
	// Text is valid UTF-8: invalid input sequences are replaced by U+FFFD.
	Text string
	// Encoding is the canonical name of the charset decoded from.
	Encoding string
	// HTML reports whether the bytes look like HTML.
	HTML bool
}

// Decode decodes raw page bytes. mediaType is an optional hint such as
// "text/html; charset=windows-1256"; it may be empty.
// STUB: only UTF-8 for now; the segmentation issue brings charsets.
func Decode(data []byte, mediaType string) (Result, error) {
	text := UTF8(data)
	html := strings.Contains(mediaType, "html") || SniffHTML(text)
	return Result{Text: text, Encoding: "utf-8", HTML: html}, nil
}

// UTF8 returns data as a string with invalid UTF-8 sequences replaced by
// U+FFFD.
func UTF8(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	return string(bytes.ToValidUTF8(data, []byte("\uFFFD")))
}

// SniffHTML reports whether text looks like an HTML document or fragment.
func SniffHTML(text string) bool {
	head := strings.ToLower(strings.TrimSpace(text[:min(len(text), 1024)]))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<div", "<p>", "<p ", "<meta", "<title"} {
		if strings.Contains(head, p) {
			return true
		}
	}
	return false
}
