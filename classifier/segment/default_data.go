package segment

// defaultSplitterData is the embedded trained splitter; empty means the
// hand-set weights.
var defaultSplitterData []byte
