//go:build race

package server_test

// raceEnabled: the race detector changes how the runtime allocates, so
// heap measurements (TestMemoryBound) do not describe the shipped binary.
const raceEnabled = true
