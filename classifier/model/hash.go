package model

import "github.com/winnowhq/winnow/classifier/token"

// The feature hash is token's FNV-1a; these are its steps under the
// model's names.
const fnvOffset = token.HashOffset

func hashBytes(h uint64, b []byte) uint64 { return token.AddBytes(h, b) }

func hashString(h uint64, s string) uint64 { return token.AddString(h, s) }

func hashByte(h uint64, c byte) uint64 { return token.AddByte(h, c) }

func hashInt(h uint64, v int) uint64 { return token.AddWord(h, uint64(v)) }

// mix finalises a hash (splitmix64) so that low bits are well spread.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}
