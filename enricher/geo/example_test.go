package geo_test

import (
	"context"
	"fmt"

	"github.com/newsflow/newsflow/enricher/geo"
	"github.com/newsflow/newsflow/internal/article"
)

func ExampleTagger_Tag() {
	tagger, err := geo.New()
	if err != nil {
		panic(err)
	}
	a := &article.Article{Body: "Officials in Paris met Canadian envoys from London, Ontario."}
	if err := tagger.Tag(context.Background(), a); err != nil {
		panic(err)
	}
	for _, p := range a.Places {
		fmt.Printf("%s %s %s geonames:%d %v\n", p.Kind, p.Name, p.CountryCode, p.GeonamesID, p.Mentions)
	}
	// Output:
	// city Paris FR geonames:2988507 [{13 18 Paris}]
	// country Canada CA geonames:0 [{23 31 Canadian}]
	// city London CA geonames:6058560 [{44 50 London}]
}

func ExampleTagger_Find() {
	tagger, err := geo.New()
	if err != nil {
		panic(err)
	}
	for _, m := range tagger.Find("The U.S. and the UAE signed a deal in Dubai.") {
		fmt.Println(m.Start, m.End, m.Text, m.Form, m.Place.Link())
	}
	// Output:
	// 4 8 U.S. code iso3166:US
	// 17 20 UAE code iso3166:AE
	// 38 43 Dubai name geonames:292223
}
