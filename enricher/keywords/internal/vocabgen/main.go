// Command vocabgen writes the keyword tagger's vocabulary table (vocab.tsv.gz): for each
// word, the number of news documents it occurs in (for IDF) and its usual word class (for
// telling noun phrases from verbs). Run it through go generate in enricher/keywords.
//
// Sources, read from the shared data directory and never copied:
//   - document frequencies: the BBC News articles (topic/bbc, Greene & Cunningham 2006,
//     research use) and the bodies of the Reuters-21578 ModApte TRAIN stories
//     (topic/reuters21578, free distribution for research purposes);
//   - word classes: the part-of-speech column of the CoNLL-2003 training set
//     (ner/conll2003/eng.train, Reuters RCV1, research use) and of the Groningen Meaning
//     Bank NER corpus (ner/gmb/ner_dataset.csv, free for research).
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	data := flag.String("data", "../../../shared/data", "the shared data directory (topic/, ner/)")
	out := flag.String("out", "vocab.tsv.gz", "the file to write")
	flag.Parse()
	b, err := build(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "vocabgen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "vocabgen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "vocabgen: wrote %s (%d bytes)\n", *out, len(b))
}
