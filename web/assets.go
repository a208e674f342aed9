package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"
)

// static holds the search page: plain HTML, CSS and JavaScript, no external resources, so
// the page works offline and under a strict Content-Security-Policy.
//
//go:embed static
var static embed.FS

// csp allows nothing but this origin: no inline script, no CDN, no frames.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

type asset struct {
	body  []byte
	etag  string
	ctype string
}

// assets are the embedded files, read once, by URL path.
type assets struct {
	files map[string]asset
}

func loadAssets() (*assets, error) {
	a := &assets{files: map[string]asset{}}
	err := fs.WalkDir(static, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := static.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		a.files["/"+p[len("static/"):]] = asset{body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, ctype: ctype}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web assets: %w", err)
	}
	if _, ok := a.files["/index.html"]; !ok {
		return nil, fmt.Errorf("web assets: index.html missing")
	}
	a.files["/"] = a.files["/index.html"]
	return a, nil
}

func (a *assets) has(p string) bool { _, ok := a.files[p]; return ok }

// serve answers GET and HEAD of an embedded file, with an ETag so that browsers revalidate
// cheaply (304) instead of caching a stale page after an upgrade.
func (a *assets) serve(w http.ResponseWriter, r *http.Request) {
	f := a.files[r.URL.Path]
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("ETag", f.etag)
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Security-Policy", csp)
	h.Set("Referrer-Policy", "no-referrer")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
}
