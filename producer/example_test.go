package producer_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/newsflow/newsflow/producer"
)

// printWriter stands in for a *kafka.Writer bound to a topic: it prints what it is given.
type printWriter struct{ topic string }

func (w printWriter) WriteMessages(_ context.Context, msgs ...kafka.Message) error {
	for _, m := range msgs {
		fmt.Printf("%s key=%s", w.topic, m.Key)
		for _, h := range m.Headers {
			if h.Key != "dlq_time" && h.Key != "error" {
				fmt.Printf(" %s=%s", h.Key, h.Value)
			}
		}
		fmt.Println()
	}
	return nil
}

func Example() {
	p, err := producer.New(producer.Config{
		Writer: printWriter{"news.raw"},
		DLQ:    printWriter{"news.dlq"},
		Now:    func() time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		panic(err)
	}
	input := strings.Join([]string{
		`{"url":"https://news.example/a","title":"Floods in Lisbon","body":"Rain fell all night."}`,
		`{"url":"HTTPS://NEWS.EXAMPLE/a?utm_source=feed#top","title":"Floods in Lisbon","body":"Rain fell all night."}`,
		`{"url":"https://news.example/b","title":"Empty"}`,
	}, "\n")
	rep, err := p.Run(context.Background(), producer.NewJSONLinesReader("example.jsonl", strings.NewReader(input)))
	if err != nil {
		panic(err)
	}
	fmt.Printf("produced %d, duplicates %d, rejected %d\n", rep.Produced, rep.Duplicates, rep.RejectedTotal())
	for _, b := range rep.Bad {
		fmt.Println(b.Origin, b.Reason)
	}
	// Output:
	// news.raw key=3c5197385f4df0d9eeb8140b8ff22437 schema-version=1.1 content-type=application/json
	// news.dlq key=ee9077f3914d5cee7668a04bf49bcff2 reason=empty_body stage=producer origin=example.jsonl:3
	// produced 1, duplicates 1, rejected 1
	// example.jsonl:3 empty_body
}
