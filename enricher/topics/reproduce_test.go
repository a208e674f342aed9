package topics

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"
)

// TestEmbeddedModelReproducible retrains the model with the defaults of `newsflow train
// topics` and checks that it is the embedded file, byte for byte. It takes about 10 s
// (minutes under -race), so it runs only when NEWSFLOW_TOPICS_RETRAIN is set.
func TestEmbeddedModelReproducible(t *testing.T) {
	if os.Getenv("NEWSFLOW_TOPICS_RETRAIN") == "" {
		t.Skip("skipping: set NEWSFLOW_TOPICS_RETRAIN=1 to retrain the full model and compare it with the embedded one")
	}
	needData(t)
	m, err := Train(context.Background(), TrainConfig{DataDir: dataDir})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(buf.Bytes())
	if got := hex.EncodeToString(sum[:]); got != ModelSHA256() {
		t.Fatalf("retrained model sha256 %s, embedded %s: the training code changed since the model was made", got, ModelSHA256())
	}
}
