// Package keywords picks the key phrases of an English news article: the noun phrases that
// are frequent in the article and rare in news in general.
//
// Candidates are runs of nominal words (nouns, adjectives, and words the vocabulary does not
// know, such as names) between stop words, verbs, numbers (and amounts such as "1.5m"),
// contractions, possessives and punctuation; a noun often used as a verb ("plans") starts
// a new run. Every sub-run of one to three words that ends in a noun and repeats no word
// is a candidate. A candidate scores
//
//	count × (sum of its words' IDF) / sqrt(words)
//
// where count is its occurrences in the body plus TitleWeight per occurrence in the title.
// The IDF and the word classes come from vocab.tsv.gz, which `go generate` derives from the
// news corpora under ../shared/data (see internal/vocabgen for the sources and licences).
// Names the entity tagger found (a.Entities, when it ran before) are candidates too, with
// their entity count, and score EntityBoost times higher.
//
// The best candidates are taken greedily; one whose words are a subset or a superset of a
// phrase already taken is skipped ("traffic" after "container traffic"), except that an
// entity name replaces a phrase of the text it ends ("Christian Olsson" for "champion
// christian olsson"), and a longer phrase occurring at least half as often replaces the
// one it holds ("maria okafor" for "okafor", "ID cards" for the entity "ID").
//
// A plural "s" is ignored when phrases are counted and compared ("profits" and "profit"
// are one phrase, reported as it first occurs).
//
// Case: an entity's name is written as the entity tagger wrote it; a phrase every word of
// which is capitalised wherever it occurs in the body outside a sentence's first word (a
// name the entity tagger did not report) as it first occurs; any other phrase in lower
// case, except its words capitalised inside a sentence ("Vegas style resorts").
//
// Time and memory are linear in the text's length.
package keywords

//go:generate go run ./internal/vocabgen -data ../../../shared/data -out vocab.tsv.gz
