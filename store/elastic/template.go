package elastic

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/elastic/go-elasticsearch/v8/esapi"
)

// mappings is the explicit, strict mapping of store.Document. A test checks it against the
// document's `es` struct tags.
//
//go:embed mappings.json
var mappings []byte

// TemplateVersion is the version of the index template; raise it with every change of
// mappings.json or the settings.
const TemplateVersion = 2

// Mappings returns the index mapping ("mappings" object) newsflow installs.
func Mappings() json.RawMessage { return append(json.RawMessage(nil), mappings...) }

// TemplateBody returns the composable index template EnsureTemplate installs.
func (s *Store) TemplateBody() json.RawMessage {
	settings := map[string]any{"number_of_shards": s.cfg.Shards}
	if s.cfg.Replicas > 0 {
		settings["number_of_replicas"] = s.cfg.Replicas
	} else {
		settings["auto_expand_replicas"] = "0-1"
	}
	body, err := json.Marshal(map[string]any{
		"index_patterns": []string{s.cfg.Alias + "-*"},
		"priority":       200,
		"version":        TemplateVersion,
		"_meta":          map[string]any{"managed_by": "newsflow", "alias": s.cfg.Alias},
		"template": map[string]any{
			"settings": settings,
			"mappings": json.RawMessage(mappings),
		},
	})
	if err != nil {
		panic(err) // static data: cannot fail
	}
	return body
}

// EnsureTemplate installs the index template, then makes sure the alias exists with a write
// index behind it: it creates Config.Index with the alias when there is no alias, or adds
// the alias to Config.Index when the index exists without it. When the alias exists it puts
// the current mapping on the indices behind it, so that fields added in a newer build (an
// additive change) are mapped there too. It is idempotent and safe to run from several
// processes at once.
func (s *Store) EnsureTemplate(ctx context.Context) error {
	if err := s.do(ctx, "put index template", esapi.IndicesPutIndexTemplateRequest{
		Name: s.cfg.Template, Body: bytes.NewReader(s.TemplateBody()),
	}, nil, http.StatusOK); err != nil {
		return err
	}
	exists, err := s.aliasExists(ctx)
	if err != nil {
		return err
	}
	if exists {
		return s.do(ctx, "put mapping", esapi.IndicesPutMappingRequest{
			Index: []string{s.cfg.Alias}, Body: bytes.NewReader(mappings),
		}, nil, http.StatusOK)
	}
	create, _ := json.Marshal(map[string]any{
		"aliases": map[string]any{s.cfg.Alias: map[string]any{"is_write_index": true}},
	})
	err = s.do(ctx, "create index", esapi.IndicesCreateRequest{Index: s.cfg.Index, Body: bytes.NewReader(create)}, nil, http.StatusOK)
	var re *ResponseError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &re) && re.Type == "resource_already_exists_exception":
		// The index exists without the alias (or another process just made both): add it.
		actions, _ := json.Marshal(map[string]any{"actions": []any{map[string]any{
			"add": map[string]any{"index": s.cfg.Index, "alias": s.cfg.Alias, "is_write_index": true},
		}}})
		return s.do(ctx, "add alias", esapi.IndicesUpdateAliasesRequest{Body: bytes.NewReader(actions)}, nil, http.StatusOK)
	case errors.As(err, &re) && (re.Type == "invalid_alias_name_exception" || re.Type == "invalid_index_name_exception"):
		return fmt.Errorf("%w (an index named %q probably exists where the alias should be: reindex it into %q, delete it, and start again)",
			err, s.cfg.Alias, s.cfg.Index)
	default:
		return err
	}
}

func (s *Store) aliasExists(ctx context.Context) (bool, error) {
	res, cancel, err := s.perform(ctx, "get alias", esapi.IndicesGetAliasRequest{Name: []string{s.cfg.Alias}})
	if err != nil {
		return false, err
	}
	defer cancel()
	defer closeBody(res)
	switch res.StatusCode {
	case http.StatusOK:
		return true, nil
	case http.StatusNotFound:
		return false, nil
	default:
		return false, responseError("get alias", res)
	}
}
