package enricher

import (
	"github.com/newsflow/newsflow/enricher/lang"
)

// DefaultTaggers returns the taggers of a standard enricher, in the order they must run
// (language first: later taggers skip languages their models do not cover).
func DefaultTaggers() ([]Tagger, error) {
	return []Tagger{lang.New()}, nil
}
