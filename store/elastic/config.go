package elastic

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults of Config.
const (
	DefaultURL            = "http://localhost:9200"
	DefaultAlias          = "news"
	DefaultRequestTimeout = 30 * time.Second
)

// Config configures a Store. Zero means default for every field.
type Config struct {
	// URLs of the Elasticsearch nodes. Default [DefaultURL].
	URLs []string
	// Username and Password for HTTP basic authentication. Default none.
	Username string
	Password string
	// APIKey is a base64-encoded API key ("id:key" encoded); it takes precedence over
	// Username and Password. Default none.
	APIKey string
	// Alias is the search alias every reader and writer uses. Default "news".
	Alias string
	// Index is the concrete index EnsureTemplate creates behind the alias when there is none.
	// It must start with Alias+"-" so that the template applies to it. Default Alias+"-000001".
	Index string
	// Template is the name of the index template. Default Alias.
	Template string
	// Shards is number_of_shards of new indices. Default 1: one shard holds tens of millions
	// of news articles.
	Shards int
	// Replicas is number_of_replicas of new indices. Default: auto_expand_replicas "0-1" (no
	// replica on a single node, one as soon as there are two).
	Replicas int
	// MaxRetries is how often the transport retries one request on 502/503/504 and
	// connection errors. Default 0: off, because the sink owns retries (with backoff, and
	// per item).
	MaxRetries int
	// RequestTimeout bounds each request to Elasticsearch. Default 30 s.
	RequestTimeout time.Duration
	// Transport carries the HTTP requests (TLS settings, tests). Default: a clone of
	// http.DefaultTransport.
	Transport http.RoundTripper
}

func (c Config) withDefaults() Config {
	if len(c.URLs) == 0 {
		c.URLs = []string{DefaultURL}
	}
	if c.Alias == "" {
		c.Alias = DefaultAlias
	}
	if c.Index == "" {
		c.Index = c.Alias + "-000001"
	}
	if c.Template == "" {
		c.Template = c.Alias
	}
	if c.Shards <= 0 {
		c.Shards = 1
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	return c
}

// Validate reports the first bad field of c (after defaults).
func (c Config) Validate() error {
	c = c.withDefaults()
	for _, u := range c.URLs {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return fmt.Errorf("elastic: config: URLs: %q is not an http(s) URL", u)
		}
	}
	if err := checkName(c.Alias); err != nil {
		return fmt.Errorf("elastic: config: Alias: %w", err)
	}
	if err := checkName(c.Index); err != nil {
		return fmt.Errorf("elastic: config: Index: %w", err)
	}
	if !strings.HasPrefix(c.Index, c.Alias+"-") {
		return fmt.Errorf("elastic: config: Index: %q must start with %q so that the template applies to it", c.Index, c.Alias+"-")
	}
	if err := checkName(c.Template); err != nil {
		return fmt.Errorf("elastic: config: Template: %w", err)
	}
	if c.Replicas < 0 {
		return fmt.Errorf("elastic: config: Replicas: %d is negative", c.Replicas)
	}
	if c.MaxRetries < 0 {
		return fmt.Errorf("elastic: config: MaxRetries: %d is negative", c.MaxRetries)
	}
	return nil
}

// checkName applies Elasticsearch's rules for index and alias names.
func checkName(name string) error {
	switch {
	case strings.ToLower(name) != name:
		return fmt.Errorf("%q must be lower case", name)
	case strings.ContainsAny(name, `\/*?"<>| ,#:`):
		return fmt.Errorf("%q contains a character Elasticsearch forbids in names", name)
	case strings.HasPrefix(name, "_") || strings.HasPrefix(name, "-") || strings.HasPrefix(name, "+"):
		return fmt.Errorf("%q must not start with '_', '-' or '+'", name)
	}
	return nil
}
