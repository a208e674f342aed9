package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/term"
)

// runCounts are the pipeline's totals, read from the process's registry.
type runCounts struct {
	produced, rejected                    int64
	enricherSeen, enriched, enricherDLQ   int64
	sinkSeen, sinkStored, sinkDLQ, stored int64
}

// runProgress reports what `newsflow run` has done so far: a line redrawn in place on a
// terminal, a line every 5 s otherwise, and a last line when stopped.
type runProgress struct {
	w      io.Writer
	reg    prometheus.Gatherer
	stored *idSet
	done   chan struct{}
	wg     sync.WaitGroup
}

func newRunProgress(w io.Writer, reg prometheus.Gatherer, stored *idSet) *runProgress {
	p := &runProgress{w: w, reg: reg, stored: stored, done: make(chan struct{})}
	every, tty := 5*time.Second, false
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		every, tty = 250*time.Millisecond, true
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				if tty {
					fmt.Fprintf(p.w, "\r%s", p.line())
				} else {
					fmt.Fprintln(p.w, p.line())
				}
			case <-p.done:
				if tty {
					fmt.Fprint(p.w, "\r")
				}
				fmt.Fprintln(p.w, p.line())
				return
			}
		}
	}()
	return p
}

func (p *runProgress) stop() {
	close(p.done)
	p.wg.Wait()
}

func (p *runProgress) line() string {
	k := p.counts()
	return fmt.Sprintf("newsflow: produced %d, enriched %d, stored %d articles, dead-lettered %d",
		k.produced, k.enriched, k.stored, k.rejected+k.enricherDLQ+k.sinkDLQ)
}

func (p *runProgress) counts() runCounts {
	k := runCounts{stored: p.stored.len()}
	mfs, err := p.reg.Gather()
	if err != nil {
		return k
	}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			v := int64(m.GetCounter().GetValue())
			label := ""
			for _, l := range m.GetLabel() {
				if l.GetName() == "result" || l.GetName() == "reason" {
					label = l.GetValue()
				}
			}
			switch mf.GetName() {
			case "newsflow_producer_articles_total":
				if label == "produced" {
					k.produced += v
				}
			case "newsflow_producer_rejected_total":
				k.rejected += v
			case "newsflow_enricher_articles_total":
				k.enricherSeen += v
				if label == "enriched" {
					k.enriched += v
				}
			case "newsflow_enricher_dlq_total":
				k.enricherDLQ += v
			case "newsflow_sink_articles_total":
				k.sinkSeen += v
				if label == "stored" {
					k.sinkStored += v
				}
			case "newsflow_sink_dlq_total":
				k.sinkDLQ += v
			}
		}
	}
	return k
}
