package producer

import (
	"hash/maphash"
)

// dedupKey identifies an (id, revision) pair by two independent 64-bit hashes: 128 bits,
// so that a collision, which would silently drop an article, is out of reach (about 2^-88
// for a million ids), in a quarter of the memory of the id strings.
type dedupKey [2]uint64

// dedup is the in-run duplicate filter: a set of the capacity most recently added keys.
// When full, adding forgets the oldest key (first in, first out). Memory grows with use up
// to about 75 bytes a key (16 in the ring, the rest in the map). Not safe for concurrent use.
type dedup struct {
	seeds    [2]maphash.Seed
	set      map[dedupKey]struct{}
	ring     []dedupKey
	next     int // ring position to overwrite once the ring is full
	capacity int
}

// newDedup returns a filter of the given capacity, or nil (which filters nothing) when
// capacity is negative.
func newDedup(capacity int) *dedup {
	if capacity < 0 {
		return nil
	}
	return &dedup{
		seeds:    [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()},
		set:      make(map[dedupKey]struct{}),
		capacity: capacity,
	}
}

// idRevision is what a key hashes.
type idRevision struct {
	id       string
	revision int64
}

func (d *dedup) key(id string, revision int64) dedupKey {
	if d == nil {
		return dedupKey{}
	}
	v := idRevision{id, revision}
	return dedupKey{maphash.Comparable(d.seeds[0], v), maphash.Comparable(d.seeds[1], v)}
}

// seen reports whether k was added and not yet forgotten.
func (d *dedup) seen(k dedupKey) bool {
	if d == nil {
		return false
	}
	_, ok := d.set[k]
	return ok
}

// add remembers k, forgetting the oldest key when full. k must not be in the set.
func (d *dedup) add(k dedupKey) {
	if d == nil || d.capacity == 0 {
		return
	}
	if len(d.ring) < d.capacity {
		d.ring = append(d.ring, k)
	} else {
		delete(d.set, d.ring[d.next])
		d.ring[d.next] = k
		d.next = (d.next + 1) % d.capacity
	}
	d.set[k] = struct{}{}
}

// len is the number of keys remembered.
func (d *dedup) len() int {
	if d == nil {
		return 0
	}
	return len(d.set)
}
