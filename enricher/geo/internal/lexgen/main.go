// Command lexgen writes the place tagger's lexicon. Run it through go generate in
// enricher/geo; it reads the shared data directory and writes lexicon.tsv.gz.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/newsflow/newsflow/enricher/geo/internal/lexbuild"
)

func main() {
	data := flag.String("data", "../../../shared/data", "the shared data directory (gazetteer/, ner/, topic/)")
	out := flag.String("out", "lexicon.tsv.gz", "the file to write")
	wordnet := flag.String("wordnet", lexbuild.DefaultWordNetDir, "WordNet 3.0's dict directory (Debian package wordnet-base)")
	verbose := flag.Bool("v", false, "print what was dropped or flagged, and why")
	flag.Parse()
	var log io.Writer
	if *verbose {
		log = os.Stderr
	}
	b, err := lexbuild.Build(lexbuild.Config{DataDir: *data, WordNetDir: *wordnet, Log: log})
	if err != nil {
		fmt.Fprintln(os.Stderr, "lexgen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "lexgen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "lexgen: wrote %s (%d bytes)\n", *out, len(b))
}
