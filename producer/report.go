package producer

import (
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

// Report says what a run did. Counts only include what the broker acknowledged: a record in
// a batch whose write failed is in none of them.
type Report struct {
	// Read is the number of records the sources yielded.
	Read int64
	// Produced is the number of articles acknowledged on the articles topic.
	Produced int64
	// Bytes is the size of the produced messages' values.
	Bytes int64
	// Duplicates is the number of records dropped because the run had already produced
	// their id and revision.
	Duplicates int64
	// Rejected counts bad records by reason.
	Rejected map[article.Reason]int64
	// Bad lists the first Config.MaxReportedBad bad records in input order.
	Bad []BadRecord
	// BadOmitted counts the bad records left out of Bad.
	BadOmitted int64
	// Elapsed is the run's duration.
	Elapsed time.Duration
}

// BadRecord is a rejected input record.
type BadRecord struct {
	// Origin is "path:line".
	Origin string
	Reason article.Reason
	Err    error
}

// RejectedTotal is the number of bad records.
func (r Report) RejectedTotal() int64 {
	var n int64
	for _, c := range r.Rejected {
		n += c
	}
	return n
}
