package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsflow/newsflow/store/embedded"
	"github.com/newsflow/newsflow/web"
)

func init() {
	register("search", "search the indexed articles from the terminal", runSearch)
}

// searchAddrFile is where `newsflow run` leaves its search API address, so that `newsflow
// search` finds the running pipeline's store without being told.
const searchAddrFile = "search.addr"

func runSearch(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("search", "[QUERY]", "Searches the articles newsflow indexed. QUERY uses the search page's syntax: words,\n"+
		"\"quoted phrases\", AND/OR/NOT, field prefixes (title:, body:, source:). It asks the search\n"+
		"API of a running `newsflow run` (found through --data-dir) or --url; when none runs, it\n"+
		"opens the embedded store in --data-dir itself.", env.Stderr)
	var (
		c                                        common
		apiURL, dataDir, sort                    string
		entities, topics, countries, sources, ls listFlag
		size                                     int
		asJSON                                   bool
	)
	c.registerLog(fs)
	fs.StringVar(&apiURL, "url", "", "base URL of a newsflow search API, e.g. http://127.0.0.1:8080")
	fs.StringVar(&dataDir, "data-dir", defaultDataDir(), "data directory of `newsflow run`")
	fs.Var(&entities, "entity", "only articles naming these entities, comma-separated, each Name or TYPE:Name (PERSON, ORGANIZATION, LOCATION, MISC)")
	fs.Var(&topics, "topic", "only these IPTC topic codes, comma-separated (e.g. medtop:04000000)")
	fs.Var(&countries, "country", "only these ISO country codes, comma-separated")
	fs.Var(&sources, "source", "only these sources, comma-separated")
	fs.Var(&ls, "language", "only these languages (ISO 639-1), comma-separated")
	fs.StringVar(&sort, "sort", "relevance", "relevance or date")
	fs.IntVar(&size, "size", 10, "hits to show")
	fs.BoolVar(&asJSON, "json", false, "print the API's JSON answer")
	words, err := parseFlagsInterspersed(fs, args)
	if err != nil {
		return err
	}
	q := url.Values{}
	if text := strings.Join(words, " "); text != "" {
		q.Set("q", text)
	}
	for name, vals := range map[string]listFlag{"entity": entities, "topic": topics, "country": countries, "source": sources, "language": ls} {
		for _, v := range vals {
			q.Add(name, v)
		}
	}
	q.Set("sort", sort)
	q.Set("size", fmt.Sprint(size))
	q.Set("highlight", "true")

	body, status, err := searchRequest(ctx, apiURL, dataDir, "/api/search?"+q.Encode())
	if err != nil {
		return err
	}
	if status != http.StatusOK {
		var e web.ErrorResponse
		if json.Unmarshal(body, &e) == nil && e.Error != "" {
			return usagef("%s", e.Error)
		}
		return fmt.Errorf("search API answered %d: %s", status, strings.TrimSpace(string(body)))
	}
	if asJSON {
		_, err := env.Stdout.Write(body)
		return err
	}
	var res web.SearchResponse
	if err := json.Unmarshal(body, &res); err != nil {
		return fmt.Errorf("decode search answer: %w", err)
	}
	printHits(env.Stdout, res)
	return nil
}

// searchRequest answers path from --url, from the address a running `newsflow run` left in
// dataDir, or from the embedded store in dataDir opened here.
func searchRequest(ctx context.Context, apiURL, dataDir, path string) ([]byte, int, error) {
	if apiURL == "" {
		if b, err := os.ReadFile(filepath.Join(dataDir, searchAddrFile)); err == nil {
			apiURL = "http://" + strings.TrimSpace(string(b))
		}
	}
	if apiURL != "" {
		rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		req, err := http.NewRequestWithContext(rctx, http.MethodGet, strings.TrimRight(apiURL, "/")+path, nil)
		if err != nil {
			return nil, 0, usageError{err}
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, 0, fmt.Errorf("reach the search API at %s (is newsflow running?): %w", apiURL, err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
		return b, resp.StatusCode, err
	}
	dir := filepath.Join(dataDir, "store")
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return nil, 0, fmt.Errorf("no index in %s: run `newsflow run` first, or pass --url", dir)
	}
	st, err := embedded.Open(dir, embedded.Options{})
	if err != nil {
		return nil, 0, err
	}
	defer st.Close()
	h, err := web.New(web.Config{Searcher: st})
	if err != nil {
		return nil, 0, err
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequestWithContext(ctx, http.MethodGet, path, nil))
	return rec.Body.Bytes(), rec.Code, nil
}

func printHits(w io.Writer, res web.SearchResponse) {
	fmt.Fprintf(w, "%d articles (%.1f ms)\n", res.Total, res.TookMS)
	for i, h := range res.Hits {
		date := ""
		if h.PublishedAt != nil {
			date = h.PublishedAt.Format("2006-01-02")
		}
		fmt.Fprintf(w, "\n%2d. %s\n    %s  %s  %s\n", res.From+i+1, h.Title, date, h.Source, h.URL)
		for _, s := range h.Snippets {
			fmt.Fprintf(w, "    %s\n", plainSnippet(s))
		}
		if h.Duplicates > 0 {
			fmt.Fprintf(w, "    (+%d near-copies)\n", h.Duplicates)
		}
	}
}

// plainSnippet turns the API's HTML snippet into terminal text, marking hits with *…*.
func plainSnippet(s string) string {
	s = strings.NewReplacer("<mark>", "*", "</mark>", "*").Replace(s)
	return html.UnescapeString(s)
}
