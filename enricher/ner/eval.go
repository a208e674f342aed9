package ner

import (
	"fmt"
	"io"
	"sort"
)

// Counts are span-level true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN int }

// P, R and F1 are the precision, recall and F1 of c (0 when undefined).
func (c Counts) P() float64  { return ratio(c.TP, c.TP+c.FP) }
func (c Counts) R() float64  { return ratio(c.TP, c.TP+c.FN) }
func (c Counts) F1() float64 { p, r := c.P(), c.R(); return ratioF(2*p*r, p+r) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func ratioF(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// Score accumulates exact-span matches per type, as conlleval does: a predicted span counts
// only when its start, end and type all equal a gold span's.
type Score struct {
	ByType map[string]*Counts
}

// NewScore returns an empty score.
func NewScore() *Score { return &Score{ByType: map[string]*Counts{}} }

func (s *Score) counts(t string) *Counts {
	c := s.ByType[t]
	if c == nil {
		c = &Counts{}
		s.ByType[t] = c
	}
	return c
}

// Add compares one sentence's gold and predicted spans.
func (s *Score) Add(gold, pred []TokenSpan) {
	key := func(x TokenSpan) [3]int { return [3]int{x.Start, x.End, typeIndex(x.Type)} }
	g := make(map[[3]int]bool, len(gold))
	for _, x := range gold {
		g[key(x)] = true
		s.counts(x.Type)
	}
	for _, x := range pred {
		c := s.counts(x.Type)
		if g[key(x)] {
			c.TP++
			delete(g, key(x))
		} else {
			c.FP++
		}
	}
	for k := range g {
		s.counts(Types[k[2]]).FN++
	}
}

// Total sums the counts of the given types (all types when none are given).
func (s *Score) Total(types ...string) Counts {
	var t Counts
	for typ, c := range s.ByType {
		if len(types) > 0 && !contains(types, typ) {
			continue
		}
		t.TP += c.TP
		t.FP += c.FP
		t.FN += c.FN
	}
	return t
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// Write prints a conlleval-style table: one line per type, then the PER/ORG/LOC total and
// the total over every type.
func (s *Score) Write(w io.Writer) {
	types := make([]string, 0, len(s.ByType))
	for t := range s.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	line := func(name string, c Counts) {
		fmt.Fprintf(w, "%-14s P %6.2f  R %6.2f  F1 %6.2f  (gold %d, predicted %d)\n",
			name, 100*c.P(), 100*c.R(), 100*c.F1(), c.TP+c.FN, c.TP+c.FP)
	}
	for _, t := range types {
		line(t, *s.ByType[t])
	}
	line("PER+ORG+LOC", s.Total(PER, ORG, LOC))
	line("all", s.Total())
}
