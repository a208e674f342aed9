package lifecycle

import (
	"context"
	"testing"
	"time"
)

func TestDrainContextOutlivesParentThenEnds(t *testing.T) {
	parent, cancelParent := context.WithCancel(context.Background())
	ctx, cancel := DrainContext(parent, time.Millisecond)
	defer cancel()
	if ctx.Err() != nil {
		t.Fatal("drain context ended before its parent")
	}
	cancelParent()
	<-ctx.Done() // ends by itself after the timeout; a hang here fails the test by timeout
	if ctx.Err() != context.Canceled {
		t.Fatalf("Err = %v", ctx.Err())
	}
}

func TestDrainContextCancel(t *testing.T) {
	ctx, cancel := DrainContext(context.Background(), time.Hour)
	cancel()
	if ctx.Err() == nil {
		t.Fatal("cancel did not end the context")
	}
}
