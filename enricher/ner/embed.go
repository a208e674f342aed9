package ner

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
)

// EmbeddedModelPath is the model file inside the repository (relative to this package),
// which `newsflow train ner` writes by default.
const EmbeddedModelPath = "model/ner.model"

//go:embed model
var modelFS embed.FS

func embeddedModel() ([]byte, error) {
	b, err := modelFS.ReadFile(EmbeddedModelPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoModel
	}
	if err != nil {
		return nil, fmt.Errorf("read embedded model: %w", err)
	}
	return b, nil
}
