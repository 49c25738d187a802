//go:build amd64 && !purego

#include "textflag.h"

// dotQGo and dotFGo (dot.go) with four classes to a register: X2 holds
// z[0:4], X3 z[4:8], X4 z[8:10]. Each lane multiplies and adds with the
// scalar code's float32 rounding (MULPS, ADDPS; no fused multiply-add),
// in the same feature order, so the sums are the same to the bit.

// func dotQAsm(w *int16, idx *uint32, val *float32, n int, scale float32, z *[NumClasses]float32)
TEXT ·dotQAsm(SB), NOSPLIT, $0-48
	MOVQ  w+0(FP), SI
	MOVQ  idx+8(FP), BX
	MOVQ  val+16(FP), DX
	MOVQ  n+24(FP), CX
	MOVSS scale+32(FP), X7
	MOVQ  z+40(FP), DI
	MOVUPS 0(DI), X2
	MOVUPS 16(DI), X3
	MOVSD  32(DI), X4
	TESTQ CX, CX
	JEQ   qdone

	// Prefetch every row first (the table is megabytes): the misses of
	// the whole block overlap, and prefetches retire without waiting.
	MOVQ  BX, R8
	MOVQ  CX, R9
qpre:
	MOVL  (R8), AX
	LEAQ  (AX)(AX*4), AX
	SHLQ  $2, AX
	PREFETCHT0 0(SI)(AX*1)
	PREFETCHT0 19(SI)(AX*1)
	ADDQ  $4, R8
	DECQ  R9
	JNE   qpre

qloop:
	MOVL  (BX), AX
	LEAQ  (AX)(AX*4), AX
	SHLQ  $2, AX             // row offset: f * 10 int16s = f * 20 bytes
	MOVSS (DX), X0
	MULSS X7, X0             // v = val * scale
	SHUFPS $0, X0, X0

	MOVQ  0(SI)(AX*1), X1    // w[0:4], sign-extended to int32, to float32
	PUNPCKLWL X1, X1
	PSRAL $16, X1
	CVTPL2PS X1, X1
	MULPS X0, X1
	ADDPS X1, X2

	MOVQ  8(SI)(AX*1), X1    // w[4:8]
	PUNPCKLWL X1, X1
	PSRAL $16, X1
	CVTPL2PS X1, X1
	MULPS X0, X1
	ADDPS X1, X3

	MOVL  16(SI)(AX*1), X1   // w[8:10]
	PUNPCKLWL X1, X1
	PSRAL $16, X1
	CVTPL2PS X1, X1
	MULPS X0, X1
	ADDPS X1, X4

	ADDQ  $4, BX
	ADDQ  $4, DX
	DECQ  CX
	JNE   qloop

qdone:
	MOVUPS X2, 0(DI)
	MOVUPS X3, 16(DI)
	MOVSD  X4, 32(DI)
	RET

// func dotFAsm(w *float32, idx *uint32, val *float32, n int, z *[NumClasses]float32)
TEXT ·dotFAsm(SB), NOSPLIT, $0-40
	MOVQ  w+0(FP), SI
	MOVQ  idx+8(FP), BX
	MOVQ  val+16(FP), DX
	MOVQ  n+24(FP), CX
	MOVQ  z+32(FP), DI
	MOVUPS 0(DI), X2
	MOVUPS 16(DI), X3
	MOVSD  32(DI), X4
	TESTQ CX, CX
	JEQ   fdone

floop:
	MOVL  (BX), AX
	LEAQ  (AX)(AX*4), AX
	SHLQ  $3, AX             // row offset: f * 10 float32s = f * 40 bytes
	MOVSS (DX), X0
	SHUFPS $0, X0, X0

	MOVUPS 0(SI)(AX*1), X1
	MULPS X0, X1
	ADDPS X1, X2

	MOVUPS 16(SI)(AX*1), X1
	MULPS X0, X1
	ADDPS X1, X3

	MOVSD 32(SI)(AX*1), X1
	MULPS X0, X1
	ADDPS X1, X4

	ADDQ  $4, BX
	ADDQ  $4, DX
	DECQ  CX
	JNE   floop

fdone:
	MOVUPS X2, 0(DI)
	MOVUPS X3, 16(DI)
	MOVSD  X4, 32(DI)
	RET
