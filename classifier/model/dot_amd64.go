//go:build amd64 && !purego

package model

import "golang.org/x/sys/cpu"

// dotQ is dotQGo in SSE2 (dot_amd64.s). len(val) >= len(idx) > 0. It
// panics, before reading any weight, unless every index is a row of w.
// With AVX2 it is dotQAVX2, eight classes to an instruction.
func dotQ(w []int16, idx []uint32, val []float32, scale float32, z *[NumClasses]float32) {
	var ok bool
	if useAVX2 {
		ok = dotQAVX2(&w[0], &idx[0], &val[0], len(idx), scale, z, len(w)/NumClasses)
	} else {
		ok = dotQAsm(&w[0], &idx[0], &val[0], len(idx), scale, z, len(w)/NumClasses)
	}
	if !ok {
		panic(errRows)
	}
}

// dotF is dotFGo in SSE2 (or AVX2, dotFAVX2), with dotQ's preconditions
// and checks.
func dotF(w []float32, idx []uint32, val []float32, z *[NumClasses]float32) {
	var ok bool
	if useAVX2 {
		ok = dotFAVX2(&w[0], &idx[0], &val[0], len(idx), z, len(w)/NumClasses)
	} else {
		ok = dotFAsm(&w[0], &idx[0], &val[0], len(idx), z, len(w)/NumClasses)
	}
	if !ok {
		panic(errRows)
	}
}

// useAVX2 says that the CPU supports AVX2 and the OS saves the YMM
// registers (golang.org/x/sys/cpu checks both).
var useAVX2 = cpu.X86.HasAVX2

//go:noescape
func dotQAVX2(w *int16, idx *uint32, val *float32, n int, scale float32, z *[NumClasses]float32, rows int) bool

//go:noescape
func dotFAVX2(w *float32, idx *uint32, val *float32, n int, z *[NumClasses]float32, rows int) bool

// dotQAsm and dotFAsm report false, with z untouched, when an index is
// not below rows (the OR of the indexes is not: the tables have a power
// of two rows).
//
//go:noescape
func dotQAsm(w *int16, idx *uint32, val *float32, n int, scale float32, z *[NumClasses]float32, rows int) bool

//go:noescape
func dotFAsm(w *float32, idx *uint32, val *float32, n int, z *[NumClasses]float32, rows int) bool
