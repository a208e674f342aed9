package enricher

import (
	"fmt"

	"github.com/newsflow/newsflow/enricher/geo"
	"github.com/newsflow/newsflow/enricher/lang"
	"github.com/newsflow/newsflow/enricher/ner"
	"github.com/newsflow/newsflow/enricher/topics"
)

// DefaultTaggers returns the taggers of a standard enricher, in the order they must run
// (language first: later taggers skip languages their models do not cover).
func DefaultTaggers() ([]Tagger, error) {
	places, err := geo.New()
	if err != nil {
		return nil, fmt.Errorf("places: %w", err)
	}
	entities, err := ner.Default()
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	subjects, err := topics.Default()
	if err != nil {
		return nil, fmt.Errorf("topics: %w", err)
	}
	return []Tagger{lang.New(), places, entities, subjects}, nil
}
