package storetest

import (
	"fmt"
	"strings"
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

// Corpus is the fixed set of articles the contract cases write. Every field a filter or
// facet reads is set on some of them; the Cases say what each query must find.
type Corpus struct {
	// Rates: "Interest rates rose" (Reuters, en, DE, Christine Lagarde, economy).
	Rates *article.Article
	// RatesCopy1, RatesCopy2 are syndicated copies of Rates (duplicate_of = Rates.ID).
	RatesCopy1, RatesCopy2 *article.Article
	// Savers: "rates of interest", not the phrase (AP, en, GB).
	Savers *article.Article
	// Cuba: a Spanish article naming Miguel Díaz-Canel amid multi-byte text (CU, politics).
	Cuba *article.Article
	// Paris: a French article (Le Monde, FR, Banque de France), dated in February.
	Paris *article.Article
	// Fillers: 25 articles with the word "filler", dated in January, one hour apart.
	Fillers []*article.Article
}

// All returns every article of the corpus.
func (c *Corpus) All() []*article.Article {
	out := []*article.Article{c.Rates, c.RatesCopy1, c.RatesCopy2, c.Savers, c.Cuba, c.Paris}
	return append(out, c.Fillers...)
}

// Topic codes of the corpus.
const (
	TopicEconomy  = "medtop:04000000"
	TopicPolitics = "medtop:11000000"
)

func day(d int, hour int) *time.Time {
	t := time.Date(2024, time.March, d, hour, 0, 0, 0, time.UTC)
	return &t
}

func newArticle(url, source, lang, title, body string, published *time.Time) *article.Article {
	a := &article.Article{
		URL: url, Source: source, Language: lang, Title: title, Body: body,
		PublishedAt: published, FetchedAt: published.Add(5 * time.Minute),
		SchemaVersion: article.SchemaVersion,
	}
	a.ID = article.NewID(a.URL, a.Title, a.Body)
	a.Revision = a.DefaultRevision()
	enriched := published.Add(10 * time.Minute)
	a.EnrichedAt = &enriched
	a.EnricherVersion = "storetest"
	return a
}

// mention returns the mentions of name in body.
func mentions(body, name string) []article.Mention {
	var out []article.Mention
	for i := 0; ; {
		j := strings.Index(body[i:], name)
		if j < 0 {
			return out
		}
		out = append(out, article.Mention{Start: i + j, End: i + j + len(name), Text: name})
		i += j + len(name)
	}
}

func entity(body, typ, name string) article.Entity {
	m := mentions(body, name)
	return article.Entity{Type: typ, Name: name, Mentions: m, Count: len(m), Salience: 0.5, Confidence: 0.9}
}

func place(body, name, kind, country string, id int64, lat, lon float64) article.Place {
	m := mentions(body, name)
	return article.Place{Name: name, Kind: kind, CountryCode: country, GeonamesID: id,
		Location: &article.GeoPoint{Lat: lat, Lon: lon}, Mentions: m, Count: len(m)}
}

// cubaBody puts Díaz-Canel between long runs of two- and three-byte characters, so that a
// fragment cut by bytes rather than characters would split a rune.
func cubaBody() string {
	filler := strings.Repeat("Ésta es la crónica de año nuevo en Camagüey, 日本語のニュース, ñandú. ", 8)
	return filler + "El presidente Miguel Díaz-Canel visitó La Habana y habló del puerto. " + filler +
		"Díaz-Canel volvió a Santiago. " + filler
}

// NewCorpus builds the corpus. Ids and revisions are derived as the producer derives them.
func NewCorpus() *Corpus {
	c := &Corpus{}

	body := "Interest rates rose again on Tuesday as the European Central Bank acted against " +
		"inflation. Christine Lagarde said in Frankfurt that the decision was unanimous."
	c.Rates = newArticle("https://reuters.example/rates", "Reuters", "en",
		"Central bank raises interest rates", body, day(1, 9))
	decorate := func(a *article.Article) {
		a.Entities = []article.Entity{
			entity(a.Body, article.TypePerson, "Christine Lagarde"),
			entity(a.Body, article.TypeOrganization, "European Central Bank"),
		}
		a.Places = []article.Place{place(a.Body, "Frankfurt", article.PlaceCity, "DE", 2925533, 50.11, 8.68)}
		a.Topics = []article.Topic{{Code: TopicEconomy, Label: "economy, business and finance", Score: 0.9}}
	}
	decorate(c.Rates)
	copyOf := func(url, source string, hour int) *article.Article {
		a := newArticle(url, source, "en", c.Rates.Title, c.Rates.Body+" (Syndicated by "+source+".)", day(1, hour))
		decorate(a)
		a.DuplicateOf = c.Rates.ID
		return a
	}
	c.RatesCopy1 = copyOf("https://yahoo.example/rates", "Yahoo News", 10)
	c.RatesCopy2 = copyOf("https://msn.example/rates", "MSN", 11)

	body = "The rates of interest paid to savers in London barely moved this year."
	c.Savers = newArticle("https://ap.example/savers", "AP", "en", "What savers earn", body, day(2, 9))
	c.Savers.Places = []article.Place{place(body, "London", article.PlaceCity, "GB", 2643743, 51.51, -0.13)}
	c.Savers.Topics = []article.Topic{{Code: TopicEconomy, Label: "economy, business and finance", Score: 0.7}}

	body = cubaBody()
	c.Cuba = newArticle("https://prensa.example/cuba", "Prensa Latina", "es",
		"Díaz-Canel visita el puerto de La Habana", body, day(3, 9))
	c.Cuba.Entities = []article.Entity{entity(body, article.TypePerson, "Miguel Díaz-Canel")}
	c.Cuba.Places = []article.Place{place(body, "La Habana", article.PlaceCity, "CU", 3553478, 23.13, -82.38)}
	c.Cuba.Topics = []article.Topic{{Code: TopicPolitics, Label: "politics", Score: 0.8}}

	body = "La Banque de France a publié ses prévisions à Paris: les taux d'intérêt resteront élevés."
	feb := time.Date(2024, time.February, 10, 9, 0, 0, 0, time.UTC)
	c.Paris = newArticle("https://lemonde.example/taux", "Le Monde", "fr",
		"Les taux d'intérêt resteront élevés", body, &feb)
	c.Paris.Entities = []article.Entity{entity(body, article.TypeOrganization, "Banque de France")}
	c.Paris.Places = []article.Place{place(body, "Paris", article.PlaceCity, "FR", 2988507, 48.85, 2.35)}
	c.Paris.Topics = []article.Topic{{Code: TopicEconomy, Label: "economy, business and finance", Score: 0.8}}

	for i := range 25 {
		t := time.Date(2024, time.January, 5, i, 0, 0, 0, time.UTC)
		c.Fillers = append(c.Fillers, newArticle(fmt.Sprintf("https://wire.example/filler/%d", i),
			"Filler Wire", "en", fmt.Sprintf("Market update %d", i),
			fmt.Sprintf("Filler text number %d: stocks traded in a narrow range.", i), &t))
	}
	return c
}
