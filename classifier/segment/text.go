package segment

import "strings"

// TextOptions tune plain-text segmentation.
type TextOptions struct{}

// Text segments plain text. STUB: one block per non-blank line.
func Text(text string, _ TextOptions) (*Doc, error) {
	d := &Doc{Text: text}
	line, blank := 0, false
	for pos := 0; pos <= len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		s, e := trimSpan(text, pos, end)
		if s < e {
			d.Blocks = append(d.Blocks, Block{Start: s, End: e, Line: line, BlankBefore: blank})
			blank = false
		} else {
			blank = true
		}
		line++
		pos = end + 1
	}
	return d, nil
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e && strings.IndexByte(" \t\r\n\f\v", text[s]) >= 0 {
		s++
	}
	for e > s && strings.IndexByte(" \t\r\n\f\v", text[e-1]) >= 0 {
		e--
	}
	return s, e
}
