package telemetry

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestAdminEndpoints(t *testing.T) {
	reg := NewRegistry()
	a, err := Listen(AdminConfig{Gatherer: reg})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- a.Serve(ctx) }()
	base := "http://" + a.Addr()

	flag := NewReadyFlag("not connected to kafka yet")
	a.SetCheck("kafka", flag.Check)
	if code, body := get(t, base+"/readyz"); code != 503 || !strings.Contains(body, "kafka: not connected") {
		t.Errorf("/readyz before connect = %d %q", code, body)
	}
	flag.Set(true, "")
	if code, _ := get(t, base+"/readyz"); code != 200 {
		t.Errorf("/readyz after connect = %d", code)
	}
	if code, _ := get(t, base+"/healthz"); code != 200 {
		t.Errorf("/healthz = %d", code)
	}
	code, body := get(t, base+"/metrics")
	if code != 200 || !strings.Contains(body, "newsflow_build_info{") || !strings.Contains(body, "go_goroutines") {
		t.Errorf("/metrics = %d, missing build info or runtime metrics", code)
	}
	http.DefaultClient.CloseIdleConnections()
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
