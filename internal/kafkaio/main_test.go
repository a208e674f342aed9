package kafkaio_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if a test leaves goroutines behind. No ignores are needed:
// kafka-go writers made by NewWriter close their transport, admin helpers close theirs,
// readers stop on Close, and kfake stops every goroutine on Close.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
