package extract

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkExtract measures a typical article page (testdata/article.html, ~3.5 KB) and a
// long one (the same body repeated to ~120 KB).
func BenchmarkExtract(b *testing.B) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		b.Fatal(err)
	}
	s := string(page)
	i := strings.Index(s, "<div class=\"article-body\">")
	j := strings.Index(s, "</div>\n<aside")
	long := s[:j] + strings.Repeat(s[i+len("<div class=\"article-body\">"):j], 40) + s[j:]
	for _, tt := range []struct {
		name string
		page []byte
	}{{"article", page}, {"long", []byte(long)}} {
		b.Run(tt.name, func(b *testing.B) {
			b.SetBytes(int64(len(tt.page)))
			for b.Loop() {
				if _, err := Extract(tt.page, "text/html; charset=utf-8", nil, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
