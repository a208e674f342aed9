package lang

import (
	"context"
	"testing"

	"github.com/newsflow/newsflow/internal/benchdata"
)

// BenchmarkTagBBC is the language tagger on every BBC article (all English): the cost the
// enricher pays per article in the common case.
func BenchmarkTagBBC(b *testing.B) {
	arts, _ := benchdata.BBC(b)
	t := New()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		for i := range arts {
			a := arts[i]
			if err := t.Tag(ctx, &a); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(arts)), "articles/op")
}

// BenchmarkDetect is Detect on one short text per language, English and not.
func BenchmarkDetect(b *testing.B) {
	for _, c := range benchSamples {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Detect(c.text)
			}
		})
	}
}

var benchSamples = []struct{ name, text string }{
	{"en", "The council said on Tuesday that the new bridge would open in the spring, two years later than planned, because the steel for its deck had arrived damaged from the mill."},
	{"fr", "Le conseil a annoncé mardi que le nouveau pont ouvrirait au printemps, deux ans plus tard que prévu, parce que l'acier de son tablier était arrivé abîmé de l'usine."},
	{"ru", "Совет заявил во вторник, что новый мост откроется весной, на два года позже плана, потому что сталь для настила пришла с завода повреждённой."},
}
