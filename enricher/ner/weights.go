package ner

import "sort"

// weightTable holds the quantised weights of a trained model: an open-addressing table from
// feature hash to a short list of (label, weight) entries. Keys keep 32 bits of the hash
// beside the slot index, which leaves false matches of unseen features negligible.
// It is read-only after construction and safe for concurrent use.
type weightTable struct {
	mask    uint64
	slots   []uint64 // per slot: first entry << 32 | fingerprint; fingerprint 0 means empty
	entries []uint32 // label<<16 | uint16(weight), bit 31 set on a feature's last entry
	scale   float32  // weight = int16 * scale
	n       int      // features
}

const lastEntry = 1 << 31

func fingerprint(f uint64) uint32 {
	fp := uint32(f >> 32)
	if fp == 0 {
		fp = 1
	}
	return fp
}

// featureWeights are one feature's non-zero quantised weights.
type featureWeights struct {
	key     uint64
	labels  []uint8
	weights []int16
}

func newWeightTable(feats []featureWeights, scale float32) *weightTable {
	size := 1024
	for size < 2*len(feats) {
		size *= 2
	}
	t := &weightTable{
		mask:  uint64(size - 1),
		slots: make([]uint64, size),
		scale: scale,
		n:     len(feats),
	}
	// Sorted insertion keeps the layout independent of how feats was ordered.
	sort.Slice(feats, func(i, j int) bool { return feats[i].key < feats[j].key })
	for _, f := range feats {
		if len(f.labels) == 0 {
			continue
		}
		slot := f.key & t.mask
		for t.slots[slot] != 0 {
			slot = (slot + 1) & t.mask
		}
		t.slots[slot] = uint64(len(t.entries))<<32 | uint64(fingerprint(f.key))
		for k, l := range f.labels {
			e := uint32(l)<<16 | uint32(uint16(f.weights[k]))
			if k == len(f.labels)-1 {
				e |= lastEntry
			}
			t.entries = append(t.entries, e)
		}
	}
	return t
}

// add accumulates the weights of feature f into scores.
func (t *weightTable) add(f uint64, scores *[numLabels]int32) {
	fp := fingerprint(f)
	slot := f & t.mask
	var v uint64
	for {
		v = t.slots[slot]
		k := uint32(v)
		if k == 0 {
			return
		}
		if k == fp {
			break
		}
		slot = (slot + 1) & t.mask
	}
	for e := v >> 32; ; e++ {
		v := t.entries[e]
		scores[(v>>16)&0x1f] += int32(int16(uint16(v)))
		if v&lastEntry != 0 {
			return
		}
	}
}
