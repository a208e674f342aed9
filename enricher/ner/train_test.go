package ner

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sharedData is ../shared/data seen from this package's directory.
var sharedData = filepath.Join("..", "..", "..", "shared", "data")

func needSharedData(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(sharedData, "ner", "conll2003", "eng.train")); err != nil {
		t.Skipf("skipping: training data not found under %s (%v)", sharedData, err)
	}
}

func TestTrainIsDeterministic(t *testing.T) {
	needSharedData(t)
	cfg := TrainConfig{DataDir: sharedData, Epochs: 1, MaxSentences: 2000, Seed: 7}
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
	cfg := TrainConfig{Epochs: 8, Seed: 1, Features: FeatureSet{NoClusters: true}}.withDefaults()
	m, err := fit(context.Background(), cfg, docs, lex, collectNames(docs), func(string, ...any) {})
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
