package elastic

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/store"
)

func TestEnsureTemplate(t *testing.T) {
	ctx := context.Background()

	t.Run("fresh cluster, then idempotent", func(t *testing.T) {
		e := newEnv(t, false)
		for range 2 {
			if err := e.store.EnsureTemplate(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if got := e.es.Indices(); !reflect.DeepEqual(got, []string{"news-000001"}) {
			t.Errorf("indices %v", got)
		}
		tmpl, ok := e.es.Template("news")
		if !ok {
			t.Fatal("no template")
		}
		var pretty map[string]any
		_ = json.Unmarshal(tmpl, &pretty)
		b, _ := json.MarshalIndent(pretty, "", "  ")
		golden(t, "template.golden.json", append(b, '\n'))
		mapping, _ := e.es.Mapping("news-000001")
		if !strings.Contains(string(mapping), `"dynamic":"strict"`) || !strings.Contains(string(mapping), `"locations_geo":{"type":"geo_point"}`) {
			t.Errorf("index mapping %s", mapping)
		}
		var puts int
		for _, r := range e.es.Requests() {
			if r.Method == http.MethodPut && r.Path == "/news/_mapping" {
				puts++
			}
		}
		if puts != 1 {
			t.Errorf("%d put-mapping requests, want 1 (on the second run, when the alias exists)", puts)
		}
	})

	t.Run("index exists without alias", func(t *testing.T) {
		e := newEnv(t, false)
		put(t, e, "/news-000001", "")
		if err := e.store.EnsureTemplate(ctx); err != nil {
			t.Fatal(err)
		}
		res, err := e.store.Write(ctx, []store.Document{doc(t, "a", 1)})
		if err != nil || res[0].Outcome != store.OutcomeStored {
			t.Fatalf("write after adding the alias: %+v %v", res, err)
		}
	})

	t.Run("an index squats on the alias name", func(t *testing.T) {
		e := newEnv(t, false)
		put(t, e, "/news", "")
		err := e.store.EnsureTemplate(ctx)
		if err == nil || !strings.Contains(err.Error(), `an index named "news" probably exists`) {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("replicas and shards", func(t *testing.T) {
		s, err := New(Config{Shards: 3, Replicas: 2})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		body := string(s.TemplateBody())
		if !strings.Contains(body, `"number_of_replicas":2`) || !strings.Contains(body, `"number_of_shards":3`) || strings.Contains(body, "auto_expand") {
			t.Errorf("template %s", body)
		}
	})
}

// put sends PUT path directly to esfake.
func put(t *testing.T, e *env, path, body string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPut, e.srv.URL+path, strings.NewReader(body))
	res, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("PUT %s: %s", path, res.Status)
	}
}
