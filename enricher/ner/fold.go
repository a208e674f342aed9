package ner

import "github.com/newsflow/newsflow/enricher/canon"

// Name lists are matched without accents: news writes "Kecskemet" for GeoNames'
// "Kecskemét", "Sao Paulo" beside "São Paulo", "Diaz" for "Díaz". Phrase keys and the words
// matched against them both go through foldName.

// foldName returns a lower-cased word without accents (canon.FoldName).
func foldName(lower string) string { return canon.FoldName(lower) }

// nameForm is how a lower-cased word is keyed in the name lists: folded when they are.
func nameForm(lower string, folded bool) string {
	if folded {
		return foldName(lower)
	}
	return lower
}
