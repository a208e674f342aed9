package producer_test

import (
	"fmt"
	"strings"

	"github.com/newsflow/newsflow/producer"
)

func ExampleReadFeedList() {
	feeds, err := producer.ReadFeedList(strings.NewReader(`
# URL                                  NAME    INTERVAL  LANGUAGE
https://news.example/world/rss.xml     world   10m       en
https://journal.example/feed.atom      journal -         fr
/srv/feeds/wire.json                   wire
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range feeds {
		fmt.Printf("%s %s interval=%v language=%q\n", f.Name, f.URL, f.Interval, f.Language)
	}
	// Output:
	// world https://news.example/world/rss.xml interval=10m0s language="en"
	// journal https://journal.example/feed.atom interval=0s language="fr"
	// wire /srv/feeds/wire.json interval=0s language=""
}
