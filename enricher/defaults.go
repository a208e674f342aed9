package enricher

import (
	"fmt"

	"github.com/newsflow/newsflow/enricher/geo"
	"github.com/newsflow/newsflow/enricher/keywords"
	"github.com/newsflow/newsflow/enricher/lang"
	"github.com/newsflow/newsflow/enricher/ner"
	"github.com/newsflow/newsflow/enricher/quant"
	"github.com/newsflow/newsflow/enricher/tone"
	"github.com/newsflow/newsflow/enricher/topics"
)

// DefaultTaggers returns the taggers of a standard enricher, in the order they must run:
// language first (later taggers skip languages their models do not cover), places before
// entities (canonical entities take the places' links), entities before keywords (key phrases
// prefer entity names).
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
	mood, err := tone.New(tone.Config{})
	if err != nil {
		return nil, fmt.Errorf("tone: %w", err)
	}
	phrases, err := keywords.New(keywords.Config{})
	if err != nil {
		return nil, fmt.Errorf("keywords: %w", err)
	}
	return []Tagger{lang.New(), places, entities, subjects, quant.New(quant.Config{}), mood, phrases}, nil
}
