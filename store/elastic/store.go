// Package elastic is the Elasticsearch 8 search store: it installs the index template and
// the alias, writes documents with external versions through the _bulk API, and reads them
// back. It uses go-elasticsearch's esapi requests and parses every response itself, so that
// each bulk item's result is mapped to its document.
package elastic

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/esapi"

	"github.com/newsflow/newsflow/store"
)

// ErrNotElasticsearch: the server answered without the X-Elastic-Product: Elasticsearch
// header, so it is not (or no longer) Elasticsearch, or a proxy stripped the header. Errors
// that wrap it also wrap store.ErrUnavailable: the sink keeps retrying, and an operator must
// look.
var ErrNotElasticsearch = errors.New("server is not Elasticsearch (no X-Elastic-Product: Elasticsearch header)")

// Store writes and reads news documents in Elasticsearch. Create it with New; call Close
// when done. All methods are safe for concurrent use and block until Elasticsearch answered,
// ctx is done, or Config.RequestTimeout passed.
type Store struct {
	cfg    Config
	client *elasticsearch.Client
	own    *http.Transport // the transport New made, if it made one: Close releases its connections
	// pageSize is the page of Documents; tests make it small.
	pageSize int
}

var _ store.Writer = (*Store)(nil)

// New checks cfg and makes a client. It does not contact Elasticsearch: call Ping or
// EnsureTemplate for that.
func New(cfg Config) (*Store, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	s := &Store{cfg: cfg, pageSize: defaultPageSize}
	rt := cfg.Transport
	if rt == nil {
		s.own = http.DefaultTransport.(*http.Transport).Clone()
		s.own.MaxIdleConnsPerHost = 16
		rt = s.own
	}
	client, err := elasticsearch.NewClient(elasticsearch.Config{
		Addresses:    cfg.URLs,
		Username:     cfg.Username,
		Password:     cfg.Password,
		APIKey:       cfg.APIKey,
		Transport:    productCheck{next: rt},
		DisableRetry: cfg.MaxRetries == 0,
		MaxRetries:   cfg.MaxRetries,
	})
	if err != nil {
		return nil, fmt.Errorf("elastic: new client: %w", err)
	}
	s.client = client
	return s, nil
}

// Alias returns the alias the store reads and writes.
func (s *Store) Alias() string { return s.cfg.Alias }

// Close releases idle connections. In-flight calls may fail afterwards; later calls return
// errors wrapping store.ErrClosed.
func (s *Store) Close() error {
	if err := s.client.Close(context.Background()); err != nil && !errors.Is(err, elasticsearch.ErrAlreadyClosed) {
		return fmt.Errorf("elastic: close: %w", err)
	}
	if s.own != nil {
		s.own.CloseIdleConnections()
	}
	return nil
}

// Ping asks the server who it is (GET /) and checks that it is Elasticsearch 8 or later.
func (s *Store) Ping(ctx context.Context) error {
	var info struct {
		Version struct {
			Number string `json:"number"`
		} `json:"version"`
	}
	if err := s.do(ctx, "ping", esapi.InfoRequest{}, &info, http.StatusOK); err != nil {
		return err
	}
	major, _, _ := strings.Cut(info.Version.Number, ".")
	if n, err := strconv.Atoi(major); err != nil || n < 8 {
		return fmt.Errorf("elastic: ping: server version %q: %w: newsflow needs Elasticsearch 8 or later", info.Version.Number, store.ErrRequestRejected)
	}
	return nil
}

// productCheck refuses any 2xx answer without the product header, on every request (the
// client itself checks only the first one).
type productCheck struct{ next http.RoundTripper }

func (p productCheck) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := p.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if res.StatusCode >= 200 && res.StatusCode < 300 && res.Header.Get("X-Elastic-Product") != "Elasticsearch" {
		_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
		res.Body.Close()
		return nil, fmt.Errorf("%w: %s %s answered %d", ErrNotElasticsearch, req.Method, req.URL.Redacted(), res.StatusCode)
	}
	return res, nil
}

// request is an esapi request (InfoRequest, GetRequest, ...).
type request interface {
	Do(ctx context.Context, transport esapi.Transport) (*esapi.Response, error)
}

// perform sends req with the request timeout. The caller closes the response body.
func (s *Store) perform(ctx context.Context, op string, req request) (*esapi.Response, context.CancelFunc, error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.RequestTimeout)
	res, err := req.Do(ctx, s.client)
	if err != nil {
		cancel()
		return nil, nil, transportError(op, err)
	}
	return res, cancel, nil
}

// do sends req and decodes a JSON answer with one of the ok statuses into out (if not nil).
// Other statuses give a *ResponseError.
func (s *Store) do(ctx context.Context, op string, req request, out any, ok ...int) error {
	res, cancel, err := s.perform(ctx, op, req)
	if err != nil {
		return err
	}
	defer cancel()
	defer closeBody(res)
	for _, code := range ok {
		if res.StatusCode == code {
			if out == nil {
				return nil
			}
			if err := json.NewDecoder(res.Body).Decode(out); err != nil {
				return fmt.Errorf("elastic: %s: decode response: %v: %w", op, err, store.ErrUnavailable)
			}
			return nil
		}
	}
	return responseError(op, res)
}

func closeBody(res *esapi.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 1<<20))
	res.Body.Close()
}

// transportError wraps a failure to get any answer.
func transportError(op string, err error) error {
	if errors.Is(err, elasticsearch.ErrClosed) {
		return fmt.Errorf("elastic: %s: %w", op, store.ErrClosed)
	}
	return fmt.Errorf("elastic: %s: %w: %w", op, store.ErrUnavailable, err)
}

func readAll(res *esapi.Response) ([]byte, error) {
	return io.ReadAll(io.LimitReader(res.Body, 256<<20))
}

func nopCloser(b []byte) io.ReadCloser { return io.NopCloser(bytes.NewReader(b)) }
