package ner_test

import (
	"fmt"

	"github.com/newsflow/newsflow/enricher/ner"
)

func ExampleTagger_Spans() {
	tagger, err := ner.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	text := "Cuban President Miguel Díaz-Canel met U.N. officials in Havana on Monday."
	for _, s := range tagger.Spans(text) {
		fmt.Printf("%s %q [%d,%d)\n", s.Type, s.Text, s.Start, s.End)
	}
	// Output:
	// MISC "Cuban" [0,5)
	// PER "Miguel Díaz-Canel" [16,34)
	// ORG "U.N." [39,43)
	// LOC "Havana" [57,63)
}
