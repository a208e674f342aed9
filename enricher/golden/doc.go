// Package golden holds the enricher's golden articles: short news-like texts written by hand
// with the entities (type, canonical name, mentions) a reader expects, and a test that runs
// the default place and entity taggers over them and compares the results as sets.
//
// The package has no API; see testdata/README.md for the file format and golden_test.go for
// the comparison and its list of allowed misses.
package golden
