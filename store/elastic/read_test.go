package elastic

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/newsflow/newsflow/store"
)

func TestGet(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, true)
	want, err := store.FromArticle(goldenArticle(t, "enriched"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.Write(ctx, []store.Document{want}); err != nil {
		t.Fatal(err)
	}
	got, found, err := e.store.Get(ctx, want.ID)
	if err != nil || !found {
		t.Fatalf("found=%v err=%v", found, err)
	}
	a, err := store.ToArticle(got)
	if err != nil {
		t.Fatal(err)
	}
	if a.Body != want.Body || len(a.Entities) != 7 || a.Entities[0].Mentions[0].Text != "Emmanuel Macron" {
		t.Errorf("the stored document does not give the article back: %+v", a)
	}
	if _, found, err := e.store.Get(ctx, "nope"); found || err != nil {
		t.Errorf("missing doc: found=%v err=%v", found, err)
	}

	empty := newEnv(t, false)
	_, _, err = empty.store.Get(ctx, "x")
	var re *ResponseError
	if !errors.As(err, &re) || re.Status != 404 || re.Type != "index_not_found_exception" {
		t.Errorf("get without an index: err = %v", err)
	}
}

func TestDocumentsPages(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, true)
	e.store.pageSize = 10
	const n = 2*10 + 7
	docs := make([]store.Document, n)
	for i := range docs {
		docs[i] = doc(t, fmt.Sprintf("id-%05d", n-i), 1)
	}
	res, err := e.store.Write(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Outcome != store.OutcomeStored {
			t.Fatalf("%+v", r)
		}
	}
	if err := e.store.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	got, err := e.store.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("%d documents, want %d", len(got), n)
	}
	for i, d := range got {
		if want := fmt.Sprintf("id-%05d", i+1); d.ID != want {
			t.Fatalf("document %d is %s, want %s (sorted by id, no page repeated)", i, d.ID, want)
		}
	}
	if c, err := e.store.Count(ctx); err != nil || c != n {
		t.Errorf("count %d, %v", c, err)
	}
}

func TestPingAndClose(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, false)
	if err := e.store.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	e.es.Down()
	if err := e.store.Ping(ctx); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("ping a down server: %v", err)
	}
	e.es.Up()

	s, err := New(Config{URLs: []string{e.srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := s.Write(ctx, []store.Document{doc(t, "a", 1)}); !errors.Is(err, store.ErrClosed) {
		t.Errorf("write after Close: %v", err)
	}
}
