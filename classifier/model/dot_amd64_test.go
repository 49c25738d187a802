//go:build amd64 && !purego

package model

import "testing"

// TestDotKernels runs TestDotBitIdentical and TestDotRowsChecked with each
// kernel this CPU has: SSE2 and, where there is AVX2, AVX2.
func TestDotKernels(t *testing.T) {
	t.Logf("AVX2: %v", useAVX2)
	saved := useAVX2
	defer func() { useAVX2 = saved }()
	for _, avx2 := range []bool{false, true} {
		if avx2 && !saved {
			continue
		}
		useAVX2 = avx2
		t.Run(map[bool]string{false: "sse2", true: "avx2"}[avx2], func(t *testing.T) {
			TestDotBitIdentical(t)
			TestDotRowsChecked(t)
		})
	}
}
