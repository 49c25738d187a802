package segment

import _ "embed"

// defaultSplitterData is the trained default splitter, made by
// "winnow train splitter --out classifier/segment/splitter.bin"
// (internal/splittrain).
//
//go:embed splitter.bin
var defaultSplitterData []byte

// defaultLongSplitterData is the trained splitter for lines of a whole page
// (TextOptions.LongSplitter), made by "winnow train splitter --variant
// base+pages500+listings100+notable --out
// classifier/segment/splitter_long.bin": the default recipe also trained
// on the unit boundaries of 500 synthetic Persian pages and 100 synthetic
// Persian listings (teaser cards: a title, then its summary) per training
// site written on one line, without a cohesion table.
//
//go:embed splitter_long.bin
var defaultLongSplitterData []byte
