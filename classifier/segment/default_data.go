package segment

import _ "embed"

// defaultSplitterData is the trained default splitter, made by
// "winnow train splitter --out classifier/segment/splitter.bin"
// (internal/splittrain).
//
//go:embed splitter.bin
var defaultSplitterData []byte
