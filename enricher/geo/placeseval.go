package geo

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// setScore counts country-set agreement summed over stories (micro average).
type setScore struct{ tp, predicted, gold int }

func (s setScore) precision() float64 { return ratio(s.tp, s.predicted) }
func (s setScore) recall() float64    { return ratio(s.tp, s.gold) }
func (s setScore) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// add scores one story's predicted country set against its gold set, leaving out skip ("" for
// none), and counts each disagreement in errs (when not nil) as "+CC" (false) or "-CC" (missed).
func (s *setScore) add(pred, gold map[string]bool, skip string, errs map[string]int) {
	for cc := range pred {
		if cc == skip {
			continue
		}
		s.predicted++
		if gold[cc] {
			s.tp++
		} else if errs != nil {
			errs["+"+cc]++
		}
	}
	for cc := range gold {
		if cc == skip {
			continue
		}
		s.gold++
		if !pred[cc] && errs != nil {
			errs["-"+cc]++
		}
	}
}

// systemScore is one system's score with and without the country the corpus is dominated by.
type systemScore struct {
	name         string
	all, without setScore
	errs         map[string]int // disagreements with all tags, by "+CC"/"-CC"
}

// ReutersPlacesReport is the Reuters ModApte PLACES evaluation.
type ReutersPlacesReport struct {
	Stories, Scored int            // test stories; those with at least one mapped PLACES tag
	Tags            map[string]int // mapped PLACES tag -> stories of the scored ones carrying it
	mapping         map[string]string
	unmapped        map[string]int
	systems         []systemScore
	without         string // the country left out in the second score
	dateline        bool
}

// reutersEvalConfig says where the data is and how to read it.
type reutersEvalConfig struct {
	reutersDir, gazetteerDir string
	dateline                 bool
	every                    int  // score every n-th story only (0 or 1: all)
	noFullBaseline           bool // leave out the baseline of every cities1000 name (slow to build)
}

// evaluateReutersPlaces compares the countries of the places t resolves in each ModApte test
// story with its PLACES tags, beside two plain name-lexicon baselines.
func evaluateReutersPlaces(ctx context.Context, t *Tagger, cfg reutersEvalConfig) (*ReutersPlacesReport, error) {
	g, err := readGazetteer(cfg.gazetteerDir)
	if err != nil {
		return nil, err
	}
	stories, err := readReutersTest(cfg.reutersDir, cfg.dateline)
	if err != nil {
		return nil, err
	}
	tags := newPlaceTags(g)
	type system struct {
		name string
		tag  func(string) map[string]bool
	}
	systems := []system{
		{"places tagger", func(text string) map[string]bool {
			out := make(map[string]bool)
			for _, m := range t.Find(text) {
				out[m.Place.CountryCode] = true
			}
			return out
		}},
		{"lexicon baseline, capitals and cities >= 100,000", newNameLexicon(g, 100_000).countries},
	}
	if !cfg.noFullBaseline {
		systems = slices.Insert(systems, 1, system{"lexicon baseline, all cities1000 names", newNameLexicon(g, 0).countries})
	}
	r := &ReutersPlacesReport{Stories: len(stories), Tags: make(map[string]int), mapping: make(map[string]string),
		unmapped: make(map[string]int), without: "US", dateline: cfg.dateline}
	for _, s := range systems {
		r.systems = append(r.systems, systemScore{name: s.name, errs: make(map[string]int)})
	}
	for i, st := range stories {
		if cfg.every > 1 && i%cfg.every != 0 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		gold := make(map[string]bool)
		for _, tag := range st.places {
			cc, how := tags.code(tag)
			if cc == "" {
				r.unmapped[tag]++
				continue
			}
			gold[cc] = true
			r.Tags[tag]++
			r.mapping[tag] = cc + " (" + how + ")"
		}
		if len(gold) == 0 {
			continue
		}
		r.Scored++
		for i, s := range systems {
			pred := s.tag(st.text)
			r.systems[i].all.add(pred, gold, "", r.systems[i].errs)
			r.systems[i].without.add(pred, gold, r.without, nil)
		}
	}
	return r, nil
}

// Write prints the scores, the tag mapping and the tagger's most frequent disagreements.
func (r *ReutersPlacesReport) Write(w io.Writer, topErrors int) {
	fmt.Fprintf(w, "Reuters-21578 ModApte test (LEWISSPLIT=TEST, TOPICS=YES): %d stories, %d with a PLACES tag scored",
		r.Stories, r.Scored)
	if r.dateline {
		fmt.Fprintf(w, "; text = title, dateline, body\n")
	} else {
		fmt.Fprintf(w, "; text = title, body (no dateline)\n")
	}
	fmt.Fprintf(w, "Country sets per story against PLACES, micro-averaged:\n\n")
	fmt.Fprintf(w, "| system | P | R | F1 | P without %s | R without %s | F1 without %s |\n|---|---|---|---|---|---|---|\n",
		r.without, r.without, r.without)
	for _, s := range r.systems {
		fmt.Fprintf(w, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n", s.name,
			s.all.precision(), s.all.recall(), s.all.f1(), s.without.precision(), s.without.recall(), s.without.f1())
	}
	fmt.Fprintln(w)
	for _, s := range r.systems {
		fmt.Fprintf(w, "%s: %d correct of %d predicted, %d tagged (without %s: %d of %d, %d)\n", s.name,
			s.all.tp, s.all.predicted, s.all.gold, r.without, s.without.tp, s.without.predicted, s.without.gold)
	}
	var hand []string
	for _, tag := range slices.Sorted(maps.Keys(r.mapping)) {
		if strings.HasSuffix(r.mapping[tag], "(hand)") {
			hand = append(hand, tag+"="+strings.TrimSuffix(r.mapping[tag], " (hand)"))
		}
	}
	fmt.Fprintf(w, "\nPLACES tags: %d distinct mapped, %d by hand: %s\n", len(r.mapping), len(hand), strings.Join(hand, " "))
	if len(r.unmapped) > 0 {
		fmt.Fprintf(w, "unmapped tags (left out): %v\n", r.unmapped)
	}
	if topErrors > 0 && len(r.systems) > 0 {
		errs := r.systems[0].errs
		keys := slices.SortedFunc(maps.Keys(errs), func(a, b string) int {
			return cmp.Or(cmp.Compare(errs[b], errs[a]), cmp.Compare(a, b))
		})
		fmt.Fprintf(w, "\n%s, most frequent disagreements (+CC: tagged, not in PLACES; -CC: in PLACES, not tagged):\n", r.systems[0].name)
		for i, k := range keys {
			if i == topErrors {
				break
			}
			fmt.Fprintf(w, "  %s %d\n", k, errs[k])
		}
	}
}
