package topics

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"slices"
	"sync"

	"github.com/newsflow/newsflow/internal/article"
)

// EmbeddedModelPath is the model file embedded in the binary, relative to this package.
const EmbeddedModelPath = "model.bin.gz"

//go:embed model.bin.gz
var embeddedModel []byte

// Defaults of Config.
const (
	DefaultThreshold = 0.3
	DefaultMaxTopics = 5
	// DefaultGate is how much a strong lexicon topic discounts the trained head: the head
	// knows only five topics and spreads its probability over them even for, say, a weather
	// report.
	DefaultGate = 0.6
)

// Config tunes a Tagger. Zero values mean the defaults.
type Config struct {
	// Threshold is the lowest score a topic needs to be reported, in (0, 1].
	// Default DefaultThreshold.
	Threshold float64
	// MaxTopics bounds the topics per article. Default DefaultMaxTopics.
	MaxTopics int
	// Gate in [0, 1] scales the trained head's probabilities by 1 − Gate·(best lexicon
	// score). Default DefaultGate; negative means 0.
	Gate float64
}

// Tagger assigns IPTC Media Topics to English articles. It is safe for concurrent use.
type Tagger struct {
	model   *Model
	lex     lexicon
	cfg     Config
	version string
}

// New returns a Tagger over m. version names the model (for example a SHA-256 prefix).
func New(m *Model, version string, cfg Config) *Tagger {
	if cfg.Threshold <= 0 {
		cfg.Threshold = DefaultThreshold
	}
	if cfg.MaxTopics <= 0 {
		cfg.MaxTopics = DefaultMaxTopics
	}
	if cfg.Gate == 0 {
		cfg.Gate = DefaultGate
	}
	cfg.Gate = min(max(cfg.Gate, 0), 1)
	return &Tagger{model: m, lex: sharedLexicon(), cfg: cfg, version: version}
}

var (
	lexOnce sync.Once
	lexVal  lexicon
)

func sharedLexicon() lexicon {
	lexOnce.Do(func() { lexVal = buildLexicon() })
	return lexVal
}

var (
	defaultOnce   sync.Once
	defaultTagger *Tagger
	defaultErr    error
)

// Default returns the tagger over the embedded model, loaded once per process.
func Default() (*Tagger, error) {
	defaultOnce.Do(func() {
		m, err := Load(bytes.NewReader(embeddedModel))
		if err != nil {
			defaultErr = fmt.Errorf("load embedded topic model: %w", err)
			return
		}
		defaultTagger = New(m, ModelVersion(), Config{})
	})
	return defaultTagger, defaultErr
}

// ModelSHA256 returns the hex SHA-256 of the embedded model file.
func ModelSHA256() string {
	sum := sha256.Sum256(embeddedModel)
	return hex.EncodeToString(sum[:])
}

// ModelVersion is the first 12 hex digits of ModelSHA256.
func ModelVersion() string { return ModelSHA256()[:12] }

// Name is the tagger's name in metrics and enricher_version.
func (t *Tagger) Name() string { return "topics" }

// Languages lists the languages the model is trained for.
func (t *Tagger) Languages() []string { return []string{"en"} }

// Version names the model.
func (t *Tagger) Version() string { return t.version }

// Tag sets a.Topics to the topics of the article's title and body scoring at least the
// threshold, highest first (ties by code), at most MaxTopics. An article in another
// language than English (when a.Language says so) is left without topics. Time and memory
// are linear in the text's length.
func (t *Tagger) Tag(ctx context.Context, a *article.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	a.Topics = nil
	if a.Language != "" && a.Language != "en" {
		return nil
	}
	a.Topics = t.Topics(a.Title + "\n" + a.Body)
	return nil
}

// scored is one topic candidate.
type scored struct {
	code, label string
	score       float64
}

// Topics returns the topics of text (see Tag).
func (t *Tagger) Topics(text string) []article.Topic {
	cands := t.score(text)
	var out []article.Topic
	for _, c := range cands {
		if c.score < t.cfg.Threshold || len(out) == t.cfg.MaxTopics {
			break
		}
		out = append(out, article.Topic{Code: c.code, Label: c.label, Score: round3(c.score)})
	}
	return out
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// score returns every topic and subject with its score, highest first, ties by code.
func (t *Tagger) score(text string) []scored {
	s := getScratch()
	defer putScratch(s)
	s.toks = tokens(s.toks[:0], text)
	if !enoughWords(s.toks) {
		return nil
	}
	m := t.model
	var zbuf [32]float64
	z := zbuf[:m.outputs()]
	m.logits(m.featurizer().vectorize(s, s.toks), z)
	m.probs(z)
	var lbuf [len(lexiconTopics)]float64
	var hits [64]lexHit
	t.lex.score(s.toks, lbuf[:], hits[:0])
	return combine(z[:m.top], z[m.top:], lbuf[:], t.cfg.Gate)
}

// minWords is the number of distinct words (numbers aside) a text needs to get topics: the
// trained head spreads a probability of 1 over its classes whatever the text, so a text of
// one repeated word or of numbers only would otherwise get a confident topic.
const minWords = 3

func enoughWords(toks []token) bool {
	var seen [minWords]uint64
	n := 0
	for _, t := range toks {
		if t.h == numHash || slices.Contains(seen[:n], t.h) {
			continue
		}
		seen[n] = t.h
		n++
		if n == minWords {
			return true
		}
	}
	return false
}

// combine merges the trained head's probabilities (top, over bbcClasses; subj, over
// reutersSubjects, conditional on economy) with the lexicon scores (over lexiconTopics).
func combine(top, subj, lex []float64, gate float64) []scored {
	// Only the topics the head does not know discount it: a lexicon of a head topic
	// (politics, science) adds to that topic below instead.
	var best float64
	for i, q := range lex {
		if !headTopic(lexiconTopics[i].top) {
			best = max(best, q)
		}
	}
	byCode := make(map[string]scored, len(topLevel)+len(subj))
	put := func(code, label string, x float64) {
		if c, ok := byCode[code]; !ok || x > c.score {
			byCode[code] = scored{code, label, x}
		}
	}
	econ := 0.0
	for k, p := range top {
		tl := topLevel[bbcClasses[k].Top]
		x := p * (1 - gate*best)
		put(tl.Code, tl.Label, x)
		if bbcClasses[k].Top == topEconomy {
			econ = x
		}
	}
	for r, p := range subj {
		s := reutersSubjects[r]
		put(s.Code, s.Label, p*econ)
	}
	for i, q := range lex {
		tl := topLevel[lexiconTopics[i].top]
		put(tl.Code, tl.Label, q)
	}
	out := make([]scored, 0, len(byCode))
	for _, c := range byCode {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b scored) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		if a.code < b.code {
			return -1
		}
		if a.code > b.code {
			return 1
		}
		return 0
	})
	return out
}

// headTopic reports whether the trained head has a class for topLevel[top].
func headTopic(top int) bool {
	for _, c := range bbcClasses {
		if c.Top == top {
			return true
		}
	}
	return false
}
