package producer

import (
	"fmt"
	"runtime"
	"testing"
)

func TestDedup(t *testing.T) {
	d := newDedup(3)
	a, b := d.key("a", 1), d.key("b", 1)
	if a == b || a == d.key("a", 2) || a != d.key("a", 1) {
		t.Fatal("keys do not separate ids and revisions")
	}
	steps := []struct {
		id   string
		seen bool
	}{
		{"a", false}, {"b", false}, {"a", true}, {"c", false}, {"d", false}, // d evicts a
		{"a", false}, {"c", true}, {"b", false},
	}
	for i, s := range steps {
		k := d.key(s.id, 1)
		if got := d.seen(k); got != s.seen {
			t.Fatalf("step %d: seen(%s) = %v, want %v", i, s.id, got, s.seen)
		}
		if !s.seen {
			d.add(k)
		}
		if d.len() > 3 {
			t.Fatalf("step %d: %d keys held, capacity 3", i, d.len())
		}
	}
	var off *dedup = newDedup(-1)
	off.add(a)
	if off.seen(a) || off.len() != 0 {
		t.Fatal("a disabled filter remembered a key")
	}
}

// BenchmarkDedupMemory measures the heap held per remembered id (reported as B/id), the
// figure documented on Config.DedupCapacity.
func BenchmarkDedupMemory(b *testing.B) {
	const n = 200_000
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("%032x", i)
	}
	var perID float64
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		d := newDedup(n)
		for i, id := range ids {
			d.add(d.key(id, int64(i)))
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		perID = float64(after.HeapAlloc-before.HeapAlloc) / n
		runtime.KeepAlive(d)
	}
	b.ReportMetric(perID, "B/id")
}

func BenchmarkDedupAdd(b *testing.B) {
	d := newDedup(DefaultDedupCapacity)
	id := "0123456789abcdef0123456789abcdef"
	var i int64
	for b.Loop() {
		i++
		k := d.key(id, i)
		if !d.seen(k) {
			d.add(k)
		}
	}
}
