package ner

// Features are 64-bit hashes of (template, value): no strings are built while tagging.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashString is FNV-1a over the bytes of s.
func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix combines a running hash with a value, order-sensitively, with a full avalanche so
// that the low bits are usable as a table index.
func mix(a, b uint64) uint64 {
	x := a*0x9E3779B97F4A7C15 + b + 0x632BE59BD9B4E019
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

// phraseHash hashes a run of words joined by single spaces, as gazetteer keys are.
func phraseHash(h uint64, word string) uint64 {
	if h != fnvOffset {
		h ^= ' '
		h *= fnvPrime
	}
	for i := 0; i < len(word); i++ {
		h ^= uint64(word[i])
		h *= fnvPrime
	}
	return h
}
