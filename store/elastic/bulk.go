package elastic

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/elastic/go-elasticsearch/v8/esapi"

	"github.com/newsflow/newsflow/store"
)

// Write sends the documents in one _bulk request through the alias (require_alias, so that
// a missing alias never auto-creates an unmapped index), each as an index action with
// _id = ID, version = Revision and version_type = external_gte: the store keeps the highest
// revision, and an equal one overwrites (a redelivery is idempotent).
//
// It implements store.Writer: one Result per document, in order. A document that cannot be
// encoded is rejected without being sent. Items the response lacks (a short response) get
// OutcomeRetry with reason "missing_item_result", so that the results always account for
// every document: added == succeeded + failed. A request-level failure returns an error that
// wraps store.ErrUnavailable (transport errors, 429, 5xx, ErrNotElasticsearch) or
// store.ErrRequestRejected (other statuses), and no results.
func (s *Store) Write(ctx context.Context, docs []store.Document) ([]store.Result, error) {
	results := make([]store.Result, len(docs))
	body, sent := encodeBulk(docs, results)
	if len(sent) == 0 {
		return results, nil
	}
	requireAlias := true
	res, cancel, err := s.perform(ctx, "bulk", esapi.BulkRequest{
		Index: s.cfg.Alias, Body: bytes.NewReader(body), RequireAlias: &requireAlias,
	})
	if err != nil {
		return nil, err
	}
	defer cancel()
	defer closeBody(res)
	if res.StatusCode != http.StatusOK {
		return nil, responseError("bulk", res)
	}
	var reply bulkResponse
	if err := json.NewDecoder(res.Body).Decode(&reply); err != nil {
		return nil, fmt.Errorf("elastic: bulk: decode response: %v: %w", err, store.ErrUnavailable)
	}
	if len(reply.Items) > len(sent) {
		return nil, fmt.Errorf("elastic: bulk: %d items in the response for %d documents: %w",
			len(reply.Items), len(sent), store.ErrUnavailable)
	}
	for i, item := range reply.Items {
		results[sent[i]] = classify(item.result(), docs[sent[i]].ID)
	}
	for _, pos := range sent[len(reply.Items):] {
		results[pos] = store.Result{Outcome: store.OutcomeRetry, Reason: ReasonMissingItem}
	}
	return results, nil
}

// ReasonMissingItem is the Result.Reason of a document whose item the bulk response lacks.
const ReasonMissingItem = "missing_item_result"

// ReasonEncode prefixes the Result.Reason of a document that could not be encoded.
const ReasonEncode = "encode_error"

// encodeBulk writes the NDJSON body. It returns the positions of the documents it holds, in
// order; a document that cannot be encoded gets its (rejected) result here.
func encodeBulk(docs []store.Document, results []store.Result) ([]byte, []int) {
	var buf bytes.Buffer
	sent := make([]int, 0, len(docs))
	for i := range docs {
		source, err := json.Marshal(&docs[i])
		if err != nil {
			results[i] = store.Result{Outcome: store.OutcomeRejected, Reason: ReasonEncode + ": " + err.Error()}
			continue
		}
		action, err := json.Marshal(bulkAction{Index: bulkMeta{
			ID: docs[i].ID, Version: docs[i].Revision, VersionType: "external_gte",
		}})
		if err != nil {
			results[i] = store.Result{Outcome: store.OutcomeRejected, Reason: ReasonEncode + ": " + err.Error()}
			continue
		}
		buf.Write(action)
		buf.WriteByte('\n')
		buf.Write(source)
		buf.WriteByte('\n')
		sent = append(sent, i)
	}
	return buf.Bytes(), sent
}

type bulkAction struct {
	Index bulkMeta `json:"index"`
}

type bulkMeta struct {
	ID          string `json:"_id"`
	Version     int64  `json:"version"`
	VersionType string `json:"version_type"`
}

// bulkResponse is the part of a _bulk answer the store reads.
type bulkResponse struct {
	Errors bool               `json:"errors"`
	Items  []bulkItemEnvelope `json:"items"`
}

type bulkItem struct {
	Index   string   `json:"_index"`
	ID      string   `json:"_id"`
	Version int64    `json:"_version"`
	Result  string   `json:"result"`
	Status  int      `json:"status"`
	Error   *esError `json:"error"`
}

// bulkItemEnvelope is one entry of "items": {"index": {...}}.
type bulkItemEnvelope map[string]bulkItem

// result returns the envelope's only action result.
func (m bulkItemEnvelope) result() bulkItem {
	for _, it := range m {
		return it
	}
	return bulkItem{}
}

// classify turns one item into an outcome.
func classify(it bulkItem, id string) store.Result {
	r := store.Result{Status: it.Status, Reason: it.Error.String()}
	errType := ""
	if it.Error != nil {
		errType = it.Error.Type
	}
	switch {
	case it.ID != "" && it.ID != id:
		// Never attribute another document's result: write this one again.
		r.Outcome, r.Reason = store.OutcomeRetry, fmt.Sprintf("item_id_mismatch: response item is for %q", it.ID)
	case it.Status >= 200 && it.Status < 300 && it.Error == nil:
		r.Outcome = store.OutcomeStored
	case it.Status == http.StatusConflict:
		r.Outcome = store.OutcomeStale
	case it.Status == http.StatusTooManyRequests || it.Status >= 500,
		errType == "es_rejected_execution_exception",
		// The index is read-only (disk flood stage) or the alias is gone: the store's
		// condition, not the document's. It clears once an operator acts.
		errType == "cluster_block_exception", errType == "index_not_found_exception":
		r.Outcome = store.OutcomeRetry
	case it.Status >= 400:
		r.Outcome = store.OutcomeRejected
	default:
		r.Outcome = store.OutcomeRetry
		if r.Reason == "" {
			r.Reason = fmt.Sprintf("unexpected_item_status: %d", it.Status)
		}
	}
	return r
}
