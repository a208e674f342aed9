package ner

import (
	"bytes"
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/newsflow/newsflow/internal/benchdata"
)

// Speed, beside the baselines, on the BBC articles of ../shared/data:
//
//	GOMAXPROCS=1 go test -run '^$' -bench . -benchtime 2000x ./enricher/ner/
//
// One benchmark operation is one article; words are whitespace-separated words of the
// text; words/cpu-s divides them by the process's CPU time, steadier than words/s when
// other work shares the cores. NEWSFLOW_NER_MODEL=file benchmarks a model file instead of the embedded one.

var (
	bbcOnce  sync.Once
	bbcTexts []string
)

// bbcArticles returns the BBC articles as texts (title, newline, body), read once.
func bbcArticles(b *testing.B) []string {
	bbcOnce.Do(func() {
		arts, _ := benchdata.BBC(b)
		for _, a := range arts {
			bbcTexts = append(bbcTexts, a.Title+"\n"+a.Body)
		}
	})
	if len(bbcTexts) == 0 {
		b.Skip("skipped: no BBC articles under ../shared/data/topic/bbc")
	}
	return bbcTexts
}

func benchModel(b *testing.B) *Model {
	if p := os.Getenv("NEWSFLOW_NER_MODEL"); p != "" {
		m, err := LoadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		return m
	}
	t, err := Default()
	if err != nil {
		b.Skipf("skipping: %v", err)
	}
	return t.Model()
}

var (
	minimalOnce  sync.Once
	minimalModel *Model
)

func benchMinimal(b *testing.B) *Model {
	needSharedData(b)
	minimalOnce.Do(func() {
		m, err := Train(context.Background(), MinimalConfig(sharedData, nil))
		if err != nil {
			b.Fatal(err)
		}
		minimalModel = m
	})
	return minimalModel
}

func runArticles(b *testing.B, texts []string, tag func(string) int) {
	words := 0
	for i := 0; i < b.N; i++ {
		words += len(strings.Fields(texts[i%len(texts)]))
	}
	found := 0
	b.ReportAllocs()
	b.ResetTimer()
	cpu := benchdata.CPUTime().Seconds()
	for i := 0; i < b.N; i++ {
		found += tag(texts[i%len(texts)])
	}
	cpu = benchdata.CPUTime().Seconds() - cpu
	b.StopTimer()
	b.ReportMetric(float64(words)/b.Elapsed().Seconds(), "words/s")
	if cpu > 0 {
		b.ReportMetric(float64(words)/cpu, "words/cpu-s")
	}
	b.ReportMetric(float64(found)/float64(b.N), "entities/article")
}

func BenchmarkNER(b *testing.B) {
	b.Run("newsflow", func(b *testing.B) {
		texts := bbcArticles(b)
		t := NewTagger(benchModel(b))
		runArticles(b, texts, func(s string) int { return len(t.Spans(s)) })
	})
	b.Run("minimal-perceptron", func(b *testing.B) {
		texts := bbcArticles(b)
		t := NewTagger(benchMinimal(b))
		runArticles(b, texts, func(s string) int { return len(t.Spans(s)) })
	})
	b.Run("prose-v2", func(b *testing.B) {
		texts := bbcArticles(b)
		m := proseTagger(b)
		runArticles(b, texts, func(s string) int { return len(proseSpans(m, s)) })
	})
}

// BenchmarkLoad measures loading the model and the memory it holds.
func BenchmarkLoad(b *testing.B) {
	m := benchModel(b)
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		b.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var keep *Model
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var err error
		if keep, err = Load(bytes.NewReader(buf.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(buf.Len())/(1<<20), "model-MiB")
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "heap-MiB")
	b.ReportMetric(rssMiB(), "rss-MiB")
	runtime.KeepAlive(keep)
}

// rssMiB reads the resident set size of this process (Linux), 0 elsewhere.
func rssMiB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
