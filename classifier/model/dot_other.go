//go:build !amd64 || purego

package model

func dotQ(w []int16, idx []uint32, val []float32, scale float32, z *[NumClasses]float32) {
	dotQGo(w, idx, val, scale, z)
}

func dotF(w []float32, idx []uint32, val []float32, z *[NumClasses]float32) {
	dotFGo(w, idx, val, z)
}
