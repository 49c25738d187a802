//go:build race

package decode

// raceEnabled is true when the tests run under the race detector, which
// makes corpus-wide checks about 15 times slower.
const raceEnabled = true
