package keywords

import (
	"context"
	"testing"

	"github.com/newsflow/newsflow/enricher/ner"
	"github.com/newsflow/newsflow/internal/article"
)

// TestCheckSetWithEntities runs the check set as the enricher does: the entity tagger
// first, so that its names are candidates. Same matching rule and floors as TestCheckSet.
func TestCheckSetWithEntities(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("loads the entity model (seconds under -short or -race)")
	}
	entities, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	tg := mustNew(t)
	ctx := context.Background()
	recall, precision := scoreCheckSet(t, readCheckSet(t), func(c checkArticle) []string {
		a := &article.Article{Title: c.title, Body: c.body}
		if err := entities.Tag(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := tg.Tag(ctx, a); err != nil {
			t.Fatal(err)
		}
		return a.Keywords
	})
	t.Logf("with entities: expected phrases found in the top %d: %.3f; top-5 precision %.3f", evalTop, recall, precision)
	if recall < floorRecall || precision < floorPrecision {
		t.Errorf("recall %.3f, precision %.3f under the floors %.2f, %.2f", recall, precision, floorRecall, floorPrecision)
	}
}
