package geo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"

	"github.com/newsflow/newsflow/internal/article"
)

// Tagger finds the places an article's body mentions. It is safe for concurrent use; the
// lexicon it reads is shared and immutable.
type Tagger struct {
	lex     *lexicon
	version string
}

var (
	loadOnce sync.Once
	loaded   *Tagger
	loadErr  error
)

// New returns the place tagger. The embedded lexicon is parsed once per process, on the first
// call; later calls return the same tagger.
func New() (*Tagger, error) {
	loadOnce.Do(func() { loaded, loadErr = load(lexiconGz) })
	return loaded, loadErr
}

func load(gz []byte) (*Tagger, error) {
	lex, err := parseLexicon(gz)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(gz)
	return &Tagger{lex: lex, version: "lexicon-" + hex.EncodeToString(sum[:6])}, nil
}

// Name implements the enricher's Tagger interface.
func (*Tagger) Name() string { return "places" }

// Version names the lexicon (a hash of the embedded file), for enricher_version.
func (t *Tagger) Version() string { return t.version }

// Languages says the tagger is for English text: its filters (common words, person names)
// are learnt from English news.
func (*Tagger) Languages() []string { return []string{"en"} }

// Tag sets a.Places: one Place per distinct place mentioned in the body, in order of first
// mention, with every mention's exact byte offsets. It replaces any places already set. It
// never fails on content; it returns ctx's error if ctx is already done.
func (t *Tagger) Tag(ctx context.Context, a *article.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	a.Places = t.Places(a.Body)
	return nil
}

// Places returns the places text mentions, grouped by place in order of first mention; nil
// when there are none.
func (t *Tagger) Places(text string) []article.Place {
	return group(t.Find(text))
}

// group turns matches into one article.Place per place, in order of first mention.
func group(matches []Match) []article.Place {
	if len(matches) == 0 {
		return nil
	}
	var out []article.Place
	index := make(map[*Place]int, len(matches))
	for _, m := range matches {
		i, ok := index[m.Place]
		if !ok {
			i = len(out)
			index[m.Place] = i
			p := m.Place
			var loc *article.GeoPoint
			if p.Location != nil {
				l := *p.Location // the article gets its own copy, never the lexicon's
				loc = &l
			}
			out = append(out, article.Place{
				Name:        p.Name,
				Kind:        p.Kind,
				CountryCode: p.CountryCode,
				GeonamesID:  p.GeonamesID,
				Location:    loc,
			})
		}
		out[i].Mentions = append(out[i].Mentions, article.Mention{Start: m.Start, End: m.End, Text: m.Text})
		out[i].Count++
	}
	return out
}
