package kafkaio

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/segmentio/kafka-go"
)

// kafkaLogger adapts kafka-go's printf-style logger to slog at a fixed level. The format
// is applied only when the level is enabled: kafka-go logs on every fetch at debug level.
func kafkaLogger(l *slog.Logger, level slog.Level) kafka.Logger {
	return kafka.LoggerFunc(func(format string, args ...any) {
		if !l.Enabled(context.Background(), level) {
			return
		}
		l.Log(context.Background(), level, fmt.Sprintf(format, args...))
	})
}
