package kafkaio_test

import (
	"testing"

	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/segmentio/kafka-go"
)

func TestHeader(t *testing.T) {
	m := kafka.Message{Headers: []kafka.Header{
		kafkaio.StringHeader("a", "1"),
		kafkaio.StringHeader("b", "2"),
		kafkaio.StringHeader("a", "3"),
	}}
	tests := []struct {
		name   string
		header string
		want   string
		wantOK bool
	}{
		{"last of repeated wins", "a", "3", true},
		{"single", "b", "2", true},
		{"absent", "c", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := kafkaio.Header(m, tt.header)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Header(%q) = %q, %v; want %q, %v", tt.header, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestWithHeaders(t *testing.T) {
	orig := kafka.Message{Headers: []kafka.Header{
		kafkaio.StringHeader("a", "1"),
		kafkaio.StringHeader("b", "2"),
		kafkaio.StringHeader("a", "3"),
	}}
	m := kafkaio.WithHeaders(orig, kafkaio.StringHeader("a", "new"), kafkaio.StringHeader("c", "4"))
	var got []string
	for _, h := range m.Headers {
		got = append(got, h.Key+"="+string(h.Value))
	}
	want := []string{"b=2", "a=new", "c=4"}
	if len(got) != len(want) {
		t.Fatalf("headers %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("headers %v, want %v", got, want)
		}
	}
	if v, _ := kafkaio.Header(orig, "a"); v != "3" || len(orig.Headers) != 3 {
		t.Errorf("original message modified: %v", orig.Headers)
	}
}
