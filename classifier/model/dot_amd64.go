//go:build amd64 && !purego

package model

// dotQ is dotQGo in SSE2 (dot_amd64.s). len(val) >= len(idx) > 0, and
// every index is a row of w.
func dotQ(w []int16, idx []uint32, val []float32, scale float32, z *[NumClasses]float32) {
	dotQAsm(&w[0], &idx[0], &val[0], len(idx), scale, z)
}

// dotF is dotFGo in SSE2, with dotQ's preconditions.
func dotF(w []float32, idx []uint32, val []float32, z *[NumClasses]float32) {
	dotFAsm(&w[0], &idx[0], &val[0], len(idx), z)
}

//go:noescape
func dotQAsm(w *int16, idx *uint32, val *float32, n int, scale float32, z *[NumClasses]float32)

//go:noescape
func dotFAsm(w *float32, idx *uint32, val *float32, n int, z *[NumClasses]float32)
