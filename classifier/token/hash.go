package token

// The FNV-1a 64 hash (the same as hash/fnv's New64a), the one hash of
// the classifier's features: model files store hashed features, so none
// of these functions may ever change. Hash and HashString start from
// HashOffset; the Add functions extend a running hash, so that a feature
// key can be hashed in parts without building a string.
const (
	HashOffset = 14695981039346656037
	hashPrime  = 1099511628211
)

// Hash returns the FNV-1a 64 hash of b.
func Hash(b []byte) uint64 { return AddBytes(HashOffset, b) }

// HashString is Hash for a string.
func HashString(s string) uint64 { return AddString(HashOffset, s) }

// AddBytes extends the running hash h by the bytes of b.
func AddBytes(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= hashPrime
	}
	return h
}

// AddString is AddBytes for a string.
func AddString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= hashPrime
	}
	return h
}

// AddByte extends h by one byte.
func AddByte(h uint64, c byte) uint64 { return AddWord(h, uint64(c)) }

// AddWord extends h by one round with a whole 64-bit word in place of a
// byte (not FNV-1a proper; the model hashes small integers this way).
func AddWord(h, w uint64) uint64 {
	h ^= w
	h *= hashPrime
	return h
}
