// Package dedup finds near-duplicate articles (syndicated copies of one story with small
// edits) with MinHash signatures over word shingles and locality-sensitive hashing bands.
//
// Sign turns an article's title and body into a Signature: NumHashes minimums of seeded hash
// functions over the set of its ShingleWords-word shingles (words case- and accent-folded), so
// that the share of equal positions between two signatures estimates the Jaccard similarity
// of the two shingle sets. Bands cuts a signature into NumBands bands of BandRows positions
// and names each band by a short key: two articles share a key when one band is equal, which
// is likely when they are similar and unlikely when not, so a store can look up the
// candidates of an article by its keys. Similar is the one definition of a near-duplicate that
// every stage uses: a shared band and an estimated similarity of at least Threshold.
//
// Everything here is deterministic: the same text gives the same signature in every process
// and build (the hash seeds are constants).
package dedup

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Signature parameters. Changing any of them changes every signature and band key: stored
// documents must then be re-signed.
const (
	// NumHashes is the number of hash functions (positions of a Signature).
	NumHashes = 128
	// NumBands and BandRows cut a signature into bands for the lookup: NumBands*BandRows
	// positions are used (the rest only sharpen the estimate).
	NumBands = 25
	BandRows = 5
	// ShingleWords is the number of consecutive words of one shingle.
	ShingleWords = 5
	// MinShingles is the fewest distinct-position shingles a text needs to be signed: shorter
	// texts (briefs, headlines) are too short to tell a copy from a common phrase.
	MinShingles = 20
	// Threshold is the estimated Jaccard similarity at or above which two articles that share
	// a band are near-duplicates.
	Threshold = 0.5
)

// Signature is the MinHash signature of one text.
type Signature [NumHashes]uint32

// hashMul and hashAdd are the seeded hash functions h_i(x) = (x*mul_i + add_i) >> 32 over the
// 64-bit shingle hash x, drawn once from a fixed splitmix64 stream.
var hashMul, hashAdd = func() (m, a [NumHashes]uint64) {
	state := uint64(0x6e65777364757073) // "newsdups"
	next := func() uint64 {
		state += 0x9e3779b97f4a7c15
		z := state
		z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
		z = (z ^ z>>27) * 0x94d049bb133111eb
		return z ^ z>>31
	}
	for i := range m {
		m[i] = next() | 1
		a[i] = next()
	}
	return m, a
}()

// Sign returns the signature of an article's title and body, read as one stream of words. ok
// is false when the text has fewer than MinShingles shingles: such an article is never a
// near-duplicate. Sign allocates nothing.
func Sign(title, body string) (sig Signature, ok bool) {
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	var sh shingler
	sh.words(title, &sig)
	sh.words(body, &sig)
	return sig, sh.count >= MinShingles
}

// shingler hashes words into shingles: a ring of the last ShingleWords word hashes.
type shingler struct {
	ring  [ShingleWords]uint64
	n     int // words seen
	count int // shingles added
}

const (
	fnvOffset = 0xcbf29ce484222325
	fnvPrime  = 0x100000001b3
)

// words splits s into words (runs of letters and digits), folds and hashes each, and adds
// every complete shingle to sig.
func (sh *shingler) words(s string, sig *Signature) {
	h, in := uint64(fnvOffset), false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if isWordRune(r) {
			h = (h ^ uint64(fold(r))) * fnvPrime
			in = true
			continue
		}
		if in {
			sh.add(h, sig)
			h, in = fnvOffset, false
		}
	}
	if in {
		sh.add(h, sig)
	}
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// add takes one word hash; once ShingleWords words are in, each word completes a shingle.
func (sh *shingler) add(word uint64, sig *Signature) {
	sh.ring[sh.n%ShingleWords] = word
	sh.n++
	if sh.n < ShingleWords {
		return
	}
	// The shingle hash combines the words in order, oldest first.
	x := uint64(fnvOffset)
	for k := range ShingleWords {
		x = (x ^ sh.ring[(sh.n+k)%ShingleWords]) * fnvPrime
		x ^= x >> 29
	}
	x = mix64(x)
	sh.count++
	for i := range sig {
		if v := uint32((x*hashMul[i] + hashAdd[i]) >> 32); v < sig[i] {
			sig[i] = v
		}
	}
}

// mix64 is the splitmix64 finaliser: it spreads every input bit over the output.
func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// Jaccard estimates the Jaccard similarity of the two texts' shingle sets: the share of
// positions where the signatures agree.
func (s *Signature) Jaccard(o *Signature) float64 {
	n := 0
	for i := range s {
		if s[i] == o[i] {
			n++
		}
	}
	return float64(n) / NumHashes
}

// Bands returns the NumBands band keys of the signature, in band order: "b" and two hex digits
// of the band number, then 12 hex digits of a hash of the band's positions.
func (s *Signature) Bands() []string {
	out := make([]string, NumBands)
	var buf [15]byte
	for b := range NumBands {
		out[b] = string(s.appendBand(buf[:0], b))
	}
	return out
}

func (s *Signature) bandHash(b int) uint64 {
	x := uint64(b) + 1
	for _, v := range s[b*BandRows : (b+1)*BandRows] {
		x = mix64(x ^ uint64(v))
	}
	return x
}

const hexDigits = "0123456789abcdef"

func (s *Signature) appendBand(dst []byte, b int) []byte {
	dst = append(dst, 'b', hexDigits[b>>4], hexDigits[b&15])
	h := s.bandHash(b)
	for shift := 44; shift >= 0; shift -= 4 {
		dst = append(dst, hexDigits[h>>uint(shift)&15])
	}
	return dst
}

// shareBand reports whether the two signatures agree on every position of at least one band.
func (s *Signature) shareBand(o *Signature) bool {
	for b := range NumBands {
		if [BandRows]uint32(s[b*BandRows:(b+1)*BandRows]) == [BandRows]uint32(o[b*BandRows:(b+1)*BandRows]) {
			return true
		}
	}
	return false
}

// Similar reports whether two signed texts are near-duplicates: they share a band (so a band
// lookup finds each from the other) and their estimated Jaccard similarity is at least
// Threshold. It is symmetric and deterministic, so every stage that applies it to the same
// articles links the same pairs.
func Similar(a, b *Signature) bool {
	return a.shareBand(b) && a.Jaccard(b) >= Threshold
}

// String encodes the signature compactly (base64 of its little-endian positions), for storage.
func (s *Signature) String() string {
	var raw [NumHashes * 4]byte
	for i, v := range s {
		binary.LittleEndian.PutUint32(raw[i*4:], v)
	}
	return base64.RawStdEncoding.EncodeToString(raw[:])
}

// ErrSignature: a stored signature string that Parse cannot read.
var ErrSignature = errors.New("invalid near-duplicate signature")

// Parse reads a signature written by String.
func Parse(text string) (Signature, error) {
	var raw [NumHashes * 4]byte
	if len(text) != base64.RawStdEncoding.EncodedLen(len(raw)) {
		return Signature{}, fmt.Errorf("%w: %d characters", ErrSignature, len(text))
	}
	n, err := base64.RawStdEncoding.Decode(raw[:], []byte(text))
	if err != nil || n != len(raw) {
		return Signature{}, fmt.Errorf("%w: %d characters", ErrSignature, len(text))
	}
	var s Signature
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(raw[i*4:])
	}
	return s, nil
}
