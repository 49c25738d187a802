//go:build amd64 && !purego

package model

// dotQ is dotQGo in SSE2 (dot_amd64.s). len(val) >= len(idx) > 0. It
// panics, before reading any weight, unless every index is a row of w.
func dotQ(w []int16, idx []uint32, val []float32, scale float32, z *[NumClasses]float32) {
	if !dotQAsm(&w[0], &idx[0], &val[0], len(idx), scale, z, len(w)/NumClasses) {
		panic(errRows)
	}
}

// dotF is dotFGo in SSE2, with dotQ's preconditions and checks.
func dotF(w []float32, idx []uint32, val []float32, z *[NumClasses]float32) {
	if !dotFAsm(&w[0], &idx[0], &val[0], len(idx), z, len(w)/NumClasses) {
		panic(errRows)
	}
}

// dotQAsm and dotFAsm report false, with z untouched, when an index is
// not below rows (the OR of the indexes is not: the tables have a power
// of two rows).
//
//go:noescape
func dotQAsm(w *int16, idx *uint32, val *float32, n int, scale float32, z *[NumClasses]float32, rows int) bool

//go:noescape
func dotFAsm(w *float32, idx *uint32, val *float32, n int, z *[NumClasses]float32, rows int) bool
