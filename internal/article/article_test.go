package article

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestCanonicalURLVariantsShareID(t *testing.T) {
	base := "https://news.example.com/world/story-1?id=7&page=2"
	variants := []string{
		"HTTPS://News.Example.COM/world/story-1?page=2&id=7",
		"https://news.example.com:443/world/story-1?id=7&page=2#comments",
		"https://news.example.com/world/story-1?utm_source=x&id=7&utm_medium=rss&page=2",
		"https://news.example.com/world/story-1?id=7&fbclid=abc&page=2",
	}
	want := NewID(base, "", "")
	for _, v := range variants {
		t.Run(v, func(t *testing.T) {
			if got := NewID(v, "t", "b"); got != want {
				t.Errorf("NewID(%q) = %s, want %s", v, got, want)
			}
		})
	}
	if other := NewID("https://news.example.com/world/story-2?id=7&page=2", "", ""); other == want {
		t.Error("a different path gave the same id")
	}
	if other := NewID("https://news.example.com/World/story-1?id=7&page=2", "", ""); other == want {
		t.Error("path case must be kept: it can name another resource")
	}
}

func TestContentIDFoldsCaseAndSpace(t *testing.T) {
	a := NewID("", "Rates Rise", "The central bank  raised\nrates.")
	b := NewID("", " rates rise", "the central bank raised rates.")
	if a != b {
		t.Errorf("content ids differ: %s vs %s", a, b)
	}
	if a == NewID("", "Rates Rise", "The central bank cut rates.") {
		t.Error("different bodies gave the same id")
	}
}

func TestDecodeKeepsUnknownFields(t *testing.T) {
	in := `{"id":"x1","body":"Hello","revision":5,"fetched_at":"2024-01-02T03:04:05Z","vendor_score":0.7,"extra":{"a":[1,2]}}`
	a, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Extra) != 2 {
		t.Fatalf("Extra = %v, want 2 fields", a.Extra)
	}
	if a.SchemaVersion != SchemaVersion {
		t.Errorf("missing schema_version read as %q, want %q", a.SchemaVersion, SchemaVersion)
	}
	out, err := Encode(a)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("encoded article is not JSON: %v\n%s", err, out)
	}
	if m["vendor_score"] != 0.7 || m["extra"] == nil {
		t.Errorf("unknown fields not written back: %s", out)
	}
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct {
		name, in string
		reason   Reason
		field    string
	}{
		{"not json", `{"id":`, ReasonInvalidJSON, ""},
		{"not an object", `[1,2]`, ReasonInvalidJSON, ""},
		{"null", `null`, ReasonInvalidJSON, ""},
		{"invalid utf8", "{\"body\":\"caf\xe9\"}", ReasonInvalidUTF8, ""},
		{"bad date", `{"body":"x","published_at":"yesterday-ish"}`, ReasonInvalidDate, "published_at"},
		{"future major", `{"body":"x","schema_version":"2.0"}`, ReasonUnsupportedSchema, "schema_version"},
		{"garbage version", `{"body":"x","schema_version":"v-one"}`, ReasonUnsupportedSchema, "schema_version"},
		{"wrong type", `{"body":42}`, ReasonInvalidJSON, "body"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode([]byte(c.in))
			if err == nil {
				t.Fatal("no error")
			}
			var ae *Error
			if !errorsAs(err, &ae) || ae.Reason != c.reason || ae.Field != c.field {
				t.Errorf("error %v: want reason %s field %q", err, c.reason, c.field)
			}
		})
	}
}

func errorsAs(err error, target **Error) bool {
	e, ok := err.(*Error)
	if ok {
		*target = e
	}
	return ok
}

func TestMinorVersionAccepted(t *testing.T) {
	a, err := Decode([]byte(`{"body":"x","schema_version":"1.7"}`))
	if err != nil || a.SchemaVersion != "1.7" {
		t.Fatalf("Decode = %+v, %v", a, err)
	}
}

func TestParseTimeForms(t *testing.T) {
	want := time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC)
	for _, s := range []string{
		"2024-03-05T14:30:00Z", "2024-03-05T15:30:00+01:00", "2024-03-05 14:30:00",
		"Tue, 05 Mar 2024 14:30:00 GMT", "Tue, 5 Mar 2024 14:30:00 +0000",
	} {
		got, err := ParseTime(s)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
}

func TestNormalizeAndRevision(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	pub := time.Date(2023, 12, 31, 10, 0, 0, 0, time.UTC)
	mod := pub.Add(time.Hour)
	cases := []struct {
		name string
		a    Article
		want int64
	}{
		{"fetch time", Article{Body: "b"}, now.UnixMilli()},
		{"published", Article{Body: "b", PublishedAt: &pub}, pub.UnixMilli()},
		{"modified wins", Article{Body: "b", PublishedAt: &pub, ModifiedAt: &mod}, mod.UnixMilli()},
		{"kept", Article{Body: "b", Revision: 42, PublishedAt: &pub}, 42},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.a.Normalize(now)
			if c.a.Revision != c.want {
				t.Errorf("revision = %d, want %d", c.a.Revision, c.want)
			}
			if c.a.ID == "" || c.a.SchemaVersion != SchemaVersion {
				t.Errorf("not normalised: %+v", c.a)
			}
			if err := c.a.Validate(Limits{}); err != nil {
				t.Errorf("Validate: %v", err)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	now := time.Now()
	cases := []struct {
		name   string
		mutate func(*Article)
		reason Reason
	}{
		{"empty body", func(a *Article) { a.Body = " \n\t" }, ReasonEmptyBody},
		{"body too large", func(a *Article) { a.Body = strings.Repeat("x", 101) }, ReasonBodyTooLarge},
		{"bad utf8 title", func(a *Article) { a.Title = "\xff" }, ReasonInvalidUTF8},
		{"ftp url", func(a *Article) { a.URL = "ftp://x.example/a" }, ReasonInvalidField},
		{"negative revision", func(a *Article) { a.Revision = -1 }, ReasonInvalidField},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := Article{Body: "ok", URL: "https://x.example/a"}
			a.Normalize(now)
			c.mutate(&a)
			err := a.Validate(Limits{MaxBodyBytes: 100})
			if got := ReasonOf(err); got != c.reason {
				t.Errorf("reason = %q (%v), want %q", got, err, c.reason)
			}
		})
	}
}
