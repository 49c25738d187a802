package model

// The weighted sums of a block's features, class by class: z[k] +=
// w[f*NumClasses+k] * v for each feature f with value v, in feature order.
// Each class adds its terms one by one in that order, rounding to float32
// after every multiplication and addition, so any implementation that
// keeps the per-class order (the scalar loops here, the SSE2 loops of
// dot_amd64.s, which work on four classes at a time) gives the same
// bits. Callers check that every index is inside the table.

// dotQGo is dotQ for quantised weights: the weight is w * scale, and each
// term is float32(w) * (v * scale).
func dotQGo(w []int16, idx []uint32, val []float32, scale float32, z *[NumClasses]float32) {
	z0, z1, z2, z3, z4, z5, z6, z7, z8, z9 := z[0], z[1], z[2], z[3], z[4], z[5], z[6], z[7], z[8], z[9]
	val = val[:len(idx)]
	for j, f := range idx {
		v := val[j] * scale
		row := w[int(f)*NumClasses : int(f)*NumClasses+NumClasses : int(f)*NumClasses+NumClasses]
		z0 += float32(row[0]) * v
		z1 += float32(row[1]) * v
		z2 += float32(row[2]) * v
		z3 += float32(row[3]) * v
		z4 += float32(row[4]) * v
		z5 += float32(row[5]) * v
		z6 += float32(row[6]) * v
		z7 += float32(row[7]) * v
		z8 += float32(row[8]) * v
		z9 += float32(row[9]) * v
	}
	*z = [NumClasses]float32{z0, z1, z2, z3, z4, z5, z6, z7, z8, z9}
}

// dotFGo is dotF for float32 weights.
func dotFGo(w []float32, idx []uint32, val []float32, z *[NumClasses]float32) {
	z0, z1, z2, z3, z4, z5, z6, z7, z8, z9 := z[0], z[1], z[2], z[3], z[4], z[5], z[6], z[7], z[8], z[9]
	val = val[:len(idx)]
	for j, f := range idx {
		v := val[j]
		row := w[int(f)*NumClasses : int(f)*NumClasses+NumClasses : int(f)*NumClasses+NumClasses]
		z0 += row[0] * v
		z1 += row[1] * v
		z2 += row[2] * v
		z3 += row[3] * v
		z4 += row[4] * v
		z5 += row[5] * v
		z6 += row[6] * v
		z7 += row[7] * v
		z8 += row[8] * v
		z9 += row[9] * v
	}
	*z = [NumClasses]float32{z0, z1, z2, z3, z4, z5, z6, z7, z8, z9}
}

// The loops are written out for ten classes.
var _ [NumClasses - 10]struct{}
var _ [10 - NumClasses]struct{}
