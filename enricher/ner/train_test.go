package ner

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// sharedData is ../shared/data seen from this package's directory.
var sharedData = filepath.Join("..", "..", "..", "shared", "data")

func needSharedData(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(sharedData, "ner", "conll2003", "eng.train")); err != nil {
		t.Skipf("skipping: training data not found under %s (%v)", sharedData, err)
	}
}

func TestTrainIsDeterministic(t *testing.T) {
	needSharedData(t)
	cfg := TrainConfig{DataDir: sharedData, Epochs: 1, Runs: 1, MaxSentences: 2000, Seed: 7}
	var out [2]bytes.Buffer
	for i := range out {
		m, err := Train(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if m.Info.Clusters == 0 || len(m.lex.Gaz) == 0 {
			t.Fatalf("reduced model lacks clusters (%d) or gazetteer (%d)", m.Info.Clusters, len(m.lex.Gaz))
		}
		if err := m.Save(&out[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Fatalf("two trainings with one seed differ (%d and %d bytes)", out[0].Len(), out[1].Len())
	}
	m, err := Load(bytes.NewReader(out[0].Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := m.Save(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), out[0].Bytes()) {
		t.Fatal("load then save changes the model file")
	}
}

// tinyModel trains on the hand-written corpus, without data files.
func tinyModel(t testing.TB) *Model {
	t.Helper()
	docs, err := ReadCorpus(strings.NewReader(tinyCoNLL), FormatCoNLL)
	if err != nil {
		t.Fatal(err)
	}
	lex := &Lexicon{}
	lex.addPhrase("Lisbon", gazCity)
	lex.Frequent = []string{".", "Lisbon", "for", "the"}
	cfg := TrainConfig{Epochs: 8, Runs: 1, Seed: 1, Features: FeatureSet{NoClusters: true}}.withDefaults()
	m, err := fit(context.Background(), cfg, docs, lex, collectNames(docs, cfg.Features.FoldNames), func(string, ...any) {})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTinyModelLearnsAndRoundTrips(t *testing.T) {
	m := tinyModel(t)
	docs, _ := ReadCorpus(strings.NewReader(tinyCoNLL), FormatCoNLL)
	if f1 := Evaluate(m, docs).Total().F1(); f1 < 0.99 {
		t.Errorf("training-set F1 %.2f, want it learnt", f1)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if a, b := m.Predict(d), m2.Predict(d); !reflect.DeepEqual(a, b) {
			t.Errorf("loaded model predicts %v, trained one %v", b, a)
		}
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	m := tinyModel(t)
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	tests := map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("hello"),
		"truncated": buf.Bytes()[:buf.Len()/2],
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := Load(bytes.NewReader(b)); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestCachedScoringMatchesFullFeatures(t *testing.T) {
	m := tinyModel(t)
	docs, _ := ReadCorpus(strings.NewReader(tinyCoNLL), FormatCoNLL)
	for _, d := range docs {
		words := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			words[i] = s.Words
		}
		x1, x2 := newExtractor(m.Info.Features, m.lex), newExtractor(m.Info.Features, m.lex)
		s1, s2 := x1.prepare(words, nil), x2.prepare(words, nil)
		h1, h2 := x1.newHistory(), x2.newHistory()
		for i := range words {
			n := len(words[i])
			a, b := make([]uint8, n), make([]uint8, n)
			pa, pb := make([]float32, n), make([]float32, n)
			decodeSentence(x1, &s1[i], m.w, h1, m.temperature(), a, pa, nil)
			x2.tagSentence(m, &s2[i], h2, b, pb, nil)
			if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(pa, pb) {
				t.Errorf("sentence %v: full scoring %v %v, cached %v %v", words[i], a, pa, b, pb)
			}
		}
	}
}

func TestSpansConcurrently(t *testing.T) {
	tg := NewTagger(tinyModel(t))
	text := "Maria Lopez visited Lisbon for Acme Corp. Tom Berg works for Nordic Bank in Oslo."
	want := tg.Spans(text)
	if len(want) == 0 {
		t.Fatal("no spans")
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if got := tg.Spans(text); !reflect.DeepEqual(got, want) {
					errs <- fmt.Sprintf("got %v, want %v", got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
