package segment

import _ "embed"

// defaultSplitterData is the trained default splitter, made by
// "go test -run TestTrainSplitter -train" (see train_test.go).
//
//go:embed splitter.bin
var defaultSplitterData []byte
