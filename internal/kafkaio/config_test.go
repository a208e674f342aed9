package kafkaio_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/kafkaio"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name      string
		cfg       kafkaio.Config
		wantField string // "" means valid
	}{
		{"minimal", kafkaio.Config{Brokers: []string{"localhost:9092"}}, ""},
		{"full", kafkaio.Config{Brokers: []string{"a:1", "[::1]:9092"}, MaxMessageBytes: 4 << 20, ClientID: "x"}, ""},
		{"no brokers", kafkaio.Config{}, "Brokers"},
		{"no port", kafkaio.Config{Brokers: []string{"localhost"}}, "Brokers[0]"},
		{"bad port", kafkaio.Config{Brokers: []string{"a:1", "b:http"}}, "Brokers[1]"},
		{"port zero", kafkaio.Config{Brokers: []string{"a:0"}}, "Brokers[0]"},
		{"empty host", kafkaio.Config{Brokers: []string{":9092"}}, "Brokers[0]"},
		{"negative size", kafkaio.Config{Brokers: []string{"a:1"}, MaxMessageBytes: -1}, "MaxMessageBytes"},
		{"tiny size", kafkaio.Config{Brokers: []string{"a:1"}, MaxMessageBytes: 100}, "MaxMessageBytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if tt.wantField == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if !errors.Is(err, kafkaio.ErrInvalidConfig) {
				t.Fatalf("Validate = %v, want ErrInvalidConfig", err)
			}
			if !strings.Contains(err.Error(), tt.wantField) {
				t.Errorf("Validate = %q, want it to name %s", err, tt.wantField)
			}
		})
	}
}

func TestMaxBytesDefault(t *testing.T) {
	if got := (kafkaio.Config{}).MaxBytes(); got != 1<<20 {
		t.Errorf("default MaxBytes = %d, want 1 MiB", got)
	}
	if got := (kafkaio.Config{MaxMessageBytes: 5000}).MaxBytes(); got != 5000 {
		t.Errorf("MaxBytes = %d, want 5000", got)
	}
}
