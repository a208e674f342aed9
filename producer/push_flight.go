package producer

import (
	"strings"

	"github.com/newsflow/newsflow/internal/article"
)

// flight follows the pushed records of one article id that the producer has not settled.
// The producer drops a duplicate at once, even while the copy it duplicates waits in a
// batch; a duplicate is answered only once that copy's fate is known.
type flight struct {
	n        int           // records not yet settled
	produced bool          // one of them was acknowledged
	done     chan struct{} // closed when n reaches 0
}

// board counts a record of id as in flight; "" (no id computable) is not followed.
func (p *Push) board(id string) {
	if id == "" {
		return
	}
	p.fmu.Lock()
	defer p.fmu.Unlock()
	f := p.flights[id]
	if f == nil {
		f = &flight{done: make(chan struct{})}
		p.flights[id] = f
	}
	f.n++
}

// land records a settled record of id. For a duplicate it returns the flight to wait for
// when no copy was acknowledged yet and others are still in flight; else nil.
func (p *Push) land(id string, o Outcome) *flight {
	if id == "" {
		return nil
	}
	p.fmu.Lock()
	defer p.fmu.Unlock()
	f := p.flights[id]
	if f == nil {
		return nil
	}
	f.n--
	if o.Result == Produced {
		f.produced = true
	}
	var wait *flight
	if o.Result == Duplicate && !f.produced && f.n > 0 {
		wait = f
	}
	if f.n == 0 {
		close(f.done)
		delete(p.flights, id)
	}
	return wait
}

// pushID is the id the producer will give a record, when it can be computed here.
func pushID(data []byte) string {
	a, err := article.Decode(data)
	if err != nil {
		return ""
	}
	if a.ID == "" {
		a.ID = article.NewID(strings.TrimSpace(a.URL), strings.TrimSpace(a.Title), a.Body)
	}
	return a.ID
}
