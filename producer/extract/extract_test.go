package extract

import (
	"errors"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestExtractArticlePage(t *testing.T) {
	body, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Extract(body, "text/html; charset=utf-8", mustURL(t, "https://courier.example/local/harbour"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Harbour reopens after three-day storm closure" {
		t.Errorf("title %q", p.Title)
	}
	if want := []string{"Maria Okafor", "Tom Reyes"}; !reflect.DeepEqual(p.Authors, want) {
		t.Errorf("authors %q, want %q (JSON-LD first, 'By' dropped)", p.Authors, want)
	}
	if p.Published == nil || !p.Published.Equal(time.Date(2026, 2, 12, 6, 30, 0, 0, time.UTC)) {
		t.Errorf("published %v", p.Published)
	}
	if p.Modified == nil || !p.Modified.Equal(time.Date(2026, 2, 12, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("modified %v", p.Modified)
	}
	if p.Section != "Local" || p.Language != "en" {
		t.Errorf("section %q, language %q", p.Section, p.Language)
	}
	if p.Summary != "Ferries resumed on Thursday as crews cleared debris from the main quay." {
		t.Errorf("summary %q", p.Summary)
	}
	if p.ImageURL != "https://courier.example/images/harbour.jpg" {
		t.Errorf("image %q", p.ImageURL)
	}
	paras := strings.Split(p.Text, "\n\n")
	if len(paras) != 4 {
		t.Errorf("%d paragraphs, want the 4 of the article body:\n%s", len(paras), p.Text)
	}
	for _, want := range []string{
		"The harbour reopened on Thursday morning after a storm closed it for three days, stranding dozens",
		"had held “remarkably well” despite",
		"140 passengers — many of them islanders who had waited since Monday – and",
	} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, p.Text)
		}
	}
	for _, junk := range []string{"cookies", "Home", "Related", "Storm warning", "Share on", "Great article", "rights reserved", "tracking", "color"} {
		if strings.Contains(p.Text, junk) {
			t.Errorf("boilerplate %q left in the text:\n%s", junk, p.Text)
		}
	}
}

// para repeats a sentence into an article-length paragraph.
func para(sentence string, n int) string { return strings.Repeat(sentence+" ", n) }

func TestExtractEncodings(t *testing.T) {
	euro := para("Le café coûte 3 € à Zürich, dit-il — «très cher».", 12)
	cp1252, err := charmap.Windows1252.NewEncoder().String(euro)
	if err != nil {
		t.Fatal(err)
	}
	jp := para("東京の株式市場は、円安を背景に大きく値上がりしました。", 8)
	sjis, err := japanese.ShiftJIS.NewEncoder().String(jp)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, contentType, page, want, charset string
	}{
		{"windows-1252 sniffed", "text/html", "<html><body><article><p>" + cp1252 + "</p></article></body></html>", euro, "windows-1252"},
		{"windows-1252 declared in meta", "text/html", `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body><p>` + cp1252 + "</p></body></html>", euro, "windows-1252"},
		{"Shift_JIS declared in header", "text/html; charset=Shift_JIS", "<html><body><article><p>" + sjis + "</p></article></body></html>", jp, "shift_jis"},
		{"Shift_JIS declared in meta", "text/html", `<html><head><meta charset="shift_jis"></head><body><p>` + sjis + "</p></body></html>", jp, "shift_jis"},
		{"entities", "text/html; charset=utf-8", "<p>" + para("Caf&eacute; &amp; bar &#8212; &quot;open&quot; &#x263A; and&nbsp;more.", 10) + "</p>",
			para(`Café & bar — "open" ☺ and more.`, 10), "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Extract([]byte(tt.page), tt.contentType, nil, Options{MinWords: 20})
			if err != nil {
				t.Fatal(err)
			}
			if p.Text != strings.TrimSpace(tt.want) {
				t.Errorf("text\n%q\nwant\n%q", p.Text, strings.TrimSpace(tt.want))
			}
			if p.Charset != tt.charset {
				t.Errorf("charset %q, want %q", p.Charset, tt.charset)
			}
		})
	}
}

func TestExtractFailures(t *testing.T) {
	tests := []struct {
		name, contentType, body string
		want                    error
	}{
		{"pdf", "application/pdf", "%PDF-1.7 ...", ErrNotHTML},
		{"json", "application/json", `{"a":1}`, ErrNotHTML},
		{"image sniffed", "", "\x89PNG\r\n\x1a\n....", ErrNotHTML},
		{"no text", "text/html", "<html><body><nav><a href=/>Home</a></nav></body></html>", ErrNoText},
		{"too short", "text/html", "<p>Just a short teaser sentence for the story.</p>", ErrNoText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Extract([]byte(tt.body), tt.contentType, nil, Options{}); !errors.Is(err, tt.want) {
				t.Errorf("err %v, want %v", err, tt.want)
			}
		})
	}
}

func TestHTMLText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "  Just   text\n here ", "Just text here"},
		{"tags and entities", "<p>One &amp; <b>two</b></p><p>Three&nbsp;four</p>", "One & two\n\nThree four"},
		{"script dropped", "<div>Keep<script>drop()</script> this</div>", "Keep this"},
		{"breaks", "Line one<br>Line two", "Line one\n\nLine two"},
		{"escaped text", "Fish &lt;&gt; chips", "Fish <> chips"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTMLText(tt.in); got != tt.want {
				t.Errorf("HTMLText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"The bank's rates rose 0.5 points.", 6},
		{"東京の株式市場", 3},
	}
	for _, tt := range tests {
		if got := Words(tt.in); got != tt.want {
			t.Errorf("Words(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
