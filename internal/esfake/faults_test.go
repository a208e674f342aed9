package esfake

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

func threeDocs() string {
	return bulkBody(bulkDoc{"a", 1, `{"id":"a"}`}, bulkDoc{"b", 1, `{"id":"b"}`}, bulkDoc{"c", 1, `{"id":"c"}`})
}

func TestScriptedBulkFaults(t *testing.T) {
	f := newFixture(t)
	f.setup()

	t.Run("request-level 503 applies nothing", func(t *testing.T) {
		f.es.ScriptBulk(BulkFault{Status: 503})
		r := f.must("POST", "/news/_bulk", threeDocs(), 503)
		body := r.json(t)
		if e := body["error"].(map[string]any); e["type"] != "cluster_block_exception" || body["status"].(float64) != 503 {
			t.Errorf("body %s", r.body)
		}
		if r.header.Get(HeaderProduct) != "Elasticsearch" {
			t.Error("an Elasticsearch error answer lacks the product header")
		}
		if n := len(f.es.Docs("news")); n != 0 {
			t.Errorf("%d documents stored by a failed request", n)
		}
		// The fault was used up: the next request succeeds.
		f.must("POST", "/news/_bulk", threeDocs(), 200)
	})

	t.Run("item 429 fails only that item", func(t *testing.T) {
		f.es.ScriptBulk(BulkFault{Items: map[int]ItemFault{1: {Status: 429}}})
		items := itemsOf(t, f.must("POST", "/news/_bulk", bulkBody(bulkDoc{"d", 1, `{"id":"d"}`}, bulkDoc{"e", 1, `{"id":"e"}`}), 200))
		if statusOf(items[0]) != 201 || statusOf(items[1]) != 429 || errorType(items[1]) != "es_rejected_execution_exception" {
			t.Errorf("items %v", items)
		}
		if _, ok := f.es.Doc("news", "e"); ok {
			t.Error("a rejected item was stored")
		}
	})

	t.Run("short response drops the last items but applies them", func(t *testing.T) {
		f.es.ScriptBulk(BulkFault{DropLast: 2})
		items := itemsOf(t, f.must("POST", "/news/_bulk", bulkBody(bulkDoc{"f", 1, `{}`}, bulkDoc{"g", 1, `{}`}, bulkDoc{"h", 1, `{}`}), 200))
		if len(items) != 1 || items[0]["_id"] != "f" {
			t.Errorf("items %v, want only f", items)
		}
		if _, ok := f.es.Doc("news", "h"); !ok {
			t.Error("a dropped item was not applied")
		}
		last := f.es.Bulks()[len(f.es.Bulks())-1]
		if last.Items[2].Status != 0 || last.Items[0].Status != 201 {
			t.Errorf("recorded items %+v", last.Items)
		}
	})

	t.Run("omit product header once", func(t *testing.T) {
		f.es.ScriptBulk(BulkFault{OmitProductHeader: true})
		if r := f.must("POST", "/news/_bulk", threeDocs(), 200); r.header.Get(HeaderProduct) != "" {
			t.Error("product header sent")
		}
		if r := f.must("POST", "/news/_bulk", threeDocs(), 200); r.header.Get(HeaderProduct) != "Elasticsearch" {
			t.Error("product header missing after the scripted request")
		}
	})

	t.Run("document rule until cleared", func(t *testing.T) {
		f.es.FailDocument("bad", ItemFault{})
		for range 2 {
			items := itemsOf(t, f.must("POST", "/news/_bulk", bulkBody(bulkDoc{"ok", 1, `{}`}, bulkDoc{"bad", 1, `{}`}), 200))
			if statusOf(items[0]) != 201 && statusOf(items[0]) != 200 || statusOf(items[1]) != 400 || errorType(items[1]) != "document_parsing_exception" {
				t.Errorf("items %v", items)
			}
		}
		f.es.ClearDocumentFaults()
		items := itemsOf(t, f.must("POST", "/news/_bulk", bulkBody(bulkDoc{"bad", 1, `{}`}), 200))
		if statusOf(items[0]) != 201 {
			t.Errorf("after ClearDocumentFaults: %v", items)
		}
	})
}

func TestProductHeaderSwitch(t *testing.T) {
	f := newFixture(t)
	if r := f.must("GET", "/", "", 200); r.header.Get(HeaderProduct) != "Elasticsearch" {
		t.Error("GET / lacks the product header")
	}
	f.es.SetProductHeader(false)
	if r := f.must("GET", "/", "", 200); r.header.Get(HeaderProduct) != "" {
		t.Error("product header sent after SetProductHeader(false)")
	}
	f.es.SetProductHeader(true)
	if r := f.must("GET", "/", "", 200); r.header.Get(HeaderProduct) != "Elasticsearch" {
		t.Error("product header missing after SetProductHeader(true)")
	}
}

func TestDownAndUp(t *testing.T) {
	f := newFixture(t)
	f.es.Down()
	_, err := f.srv.Client().Get(f.srv.URL + "/")
	if err == nil {
		t.Fatal("a down server answered")
	}
	reqs := f.es.Requests()
	if len(reqs) != 1 || reqs[0].Status != 0 {
		t.Errorf("recorded %+v, want one dropped request", reqs)
	}
	f.es.Up()
	f.must("GET", "/", "", 200)
}

func TestServeUntilCancelled(t *testing.T) {
	es := New(Options{Version: "8.99.0"})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- es.Serve(ctx, ln) }()

	client := &http.Client{Transport: &http.Transport{}}
	res, err := client.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	info, err := io.ReadAll(res.Body)
	res.Body.Close()
	client.CloseIdleConnections()
	if err != nil || !strings.Contains(string(info), `"number":"8.99.0"`) {
		t.Errorf("info %s (%v)", info, err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve after cancel: %v", err)
	}
}

func TestListenAndServeBadAddress(t *testing.T) {
	err := New(Options{}).ListenAndServe(context.Background(), "256.0.0.1:bad")
	if err == nil || !strings.Contains(err.Error(), "esfake: listen") {
		t.Errorf("err = %v", err)
	}
}
