package topics

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// dataDir is ../shared/data seen from this package.
const dataDir = "../../../shared/data"

func needData(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dataDir, "topic", "bbc")); err != nil {
		t.Skipf("skipping: training data not found at %s (%v)", dataDir, err)
	}
}

// smallConfig trains on a reduced set in well under a second.
func smallConfig() TrainConfig {
	return TrainConfig{DataDir: dataDir, Epochs: 2, MaxDocs: 150, Bits: 12}
}

// corpora holds the training data, read once for all tests (reading dominates their time).
var corpora struct {
	once          sync.Once
	bbc           []labelled
	rtrain, rtest []reutersDoc
	err           error
}

func readCorpora(t testing.TB) {
	t.Helper()
	needData(t)
	corpora.once.Do(func() {
		corpora.bbc, corpora.err = readBBC(dataDir)
		if corpora.err == nil {
			corpora.rtrain, corpora.rtest, corpora.err = readReuters(dataDir)
		}
	})
	if corpora.err != nil {
		t.Fatal(corpora.err)
	}
}

// smallCorpora returns 150 BBC articles and 150 Reuters training stories.
func smallCorpora(t testing.TB) (bbc, reuters []labelled) {
	readCorpora(t)
	return spread(corpora.bbc, 150), reutersLabelled(corpora.rtrain[:150])
}

// trainSmall trains a reduced model from the cached corpora.
func trainSmall(t testing.TB, seed uint64) []byte {
	t.Helper()
	bbc, reuters := smallCorpora(t)
	cfg := smallConfig()
	cfg.Seed = seed
	m, err := fit(context.Background(), cfg, bbc, reuters)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTrainDeterministic(t *testing.T) {
	a, b := trainSmall(t, 1), trainSmall(t, 1)
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings with one seed wrote different models")
	}
	if c := trainSmall(t, 2); bytes.Equal(a, c) {
		t.Fatal("another seed wrote the same model: the seed is ignored")
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	saved := trainSmall(t, 1)
	m2, err := Load(bytes.NewReader(saved))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := m2.Save(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(saved, again.Bytes()) {
		t.Fatal("a loaded model saves differently")
	}
}

func TestLoadRejects(t *testing.T) {
	var gz bytes.Buffer
	if err := (&Model{bits: 8, temp: 1}).Save(&gz); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not gzip", []byte("NFTOPIC1 hello")},
		{"truncated", gz.Bytes()[:len(gz.Bytes())/2]},
		{"no heads", gz.Bytes()}, // valid framing, but no weights after the header
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Load(bytes.NewReader(tc.data)); !errors.Is(err, ErrBadModel) {
				t.Fatalf("err = %v, want ErrBadModel", err)
			}
		})
	}
}

// TestCrossValidationSmall runs the BBC cross-validation on a subset: folds keep copies
// together, and both the model and the baseline beat chance by far.
func TestCrossValidationSmall(t *testing.T) {
	bbc, _ := smallCorpora(t)
	cfg := smallConfig()
	cfg.Bits = 14
	res, err := crossValidate(context.Background(), cfg, bbc, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.ModelAcc) != 3 || res.Docs != 150 {
		t.Fatalf("folds %d docs %d, want 3 and 150", len(res.ModelAcc), res.Docs)
	}
	if m, nb := Mean(res.ModelAcc), Mean(res.NBAcc); m < 0.6 || nb < 0.6 {
		t.Errorf("mean accuracy model %.3f naive Bayes %.3f, want both >= 0.6 (chance is 0.2)", m, nb)
	}
	if res.ECE < 0 || res.ECE > 0.2 {
		t.Errorf("ECE %.3f out of range", res.ECE)
	}
}

func TestFoldsKeepCopiesTogether(t *testing.T) {
	readCorpora(t)
	docs := corpora.bbc
	fold := map[uint64]int{}
	dups := 0
	for _, d := range docs {
		f := foldOf(d.hash, 1, 5)
		if prev, ok := fold[d.hash]; ok {
			dups++
			if prev != f {
				t.Fatalf("identical texts in folds %d and %d", prev, f)
			}
		}
		fold[d.hash] = f
	}
	if dups == 0 {
		t.Fatal("no duplicate texts found: the content hash does not see the corpus's copies")
	}
}

func TestReadReutersModApte(t *testing.T) {
	readCorpora(t)
	train, test := corpora.rtrain, corpora.rtest
	// The ModApte split with at least one topic: 7,775 training and 3,019 test stories.
	if len(train) != 7775 || len(test) != 3019 {
		t.Fatalf("train %d test %d, want 7775 and 3019", len(train), len(test))
	}
	top := topCategories(train, len(reutersSubjects))
	for i, s := range reutersSubjects {
		if !contains(top, s.Category) {
			t.Errorf("mapped category %d %q is not among the ten most frequent %v", i, s.Category, top)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
