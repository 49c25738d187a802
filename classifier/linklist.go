package classifier

import "strings"

// linkListBlocks appends to bs one block for each line of text from start
// on that is not blank: the link list a text browser writes after the
// page's text (segment.LinkList), which Classify does not give the model
// to read. Each is boilerplate, category navigation, at a content
// probability of 0: the list is the page's links again, as addresses.
func linkListBlocks(text string, start int, bs []Block) []Block {
	for i := start; i < len(text); {
		e := strings.IndexByte(text[i:], '\n')
		if e < 0 {
			e = len(text)
		} else {
			e += i
		}
		line := text[i:e]
		if t := strings.TrimSpace(line); t != "" {
			s := i + strings.Index(line, t)
			bs = append(bs, Block{Start: s, End: s + len(t), Category: Navigation, Label: Boilerplate, Score: 1})
		}
		i = e + 1
	}
	return bs
}
