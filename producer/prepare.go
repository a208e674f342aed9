package producer

import (
	"fmt"

	"github.com/segmentio/kafka-go"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/kafkaio"
)

// prepared is a record after the per-record work: an article message with its duplicate
// key, or a dead letter.
type prepared struct {
	item
	key dedupKey
	// aborted is set, instead of the rest, for a record the run stopped before preparing.
	aborted error
}

// prepare decodes, normalises, validates and encodes a record, or makes its dead letter. It
// touches no shared state (the dedup seeds are only read), so workers run it in parallel.
func (r *run) prepare(rec Record) prepared {
	if rec.Err != nil {
		reason := article.ReasonOf(rec.Err)
		if reason == "" {
			reason = article.ReasonInvalidJSON
		}
		return r.reject(rec, nil, reason, rec.Err)
	}
	a := rec.Article
	if a == nil {
		var err error
		if a, err = article.Decode(rec.Data); err != nil {
			return r.reject(rec, nil, article.ReasonOf(err), err)
		}
	}
	// An undated article's revision is its fetch time, new on every run; such copies are
	// duplicates whatever their fetch times, so they are keyed by id alone.
	dated := a.Revision != 0 || a.ModifiedAt != nil || a.PublishedAt != nil || !a.FetchedAt.IsZero()
	a.Normalize(r.cfg.Now())
	if err := a.Validate(r.cfg.Limits); err != nil {
		return r.reject(rec, a, article.ReasonOf(err), err)
	}
	value, err := article.Encode(a)
	if err != nil {
		return r.reject(rec, a, article.ReasonInvalidField, fmt.Errorf("encode: %w", err))
	}
	msg := kafka.Message{Key: []byte(a.ID), Value: value, Headers: []kafka.Header{
		{Key: article.HeaderSchemaVersion, Value: []byte(a.SchemaVersion)},
		{Key: article.HeaderContentType, Value: []byte(article.ContentType)},
	}}
	if !r.size.Fits(msg) {
		err := article.Invalid(article.ReasonTooLarge, "", "message of %d bytes exceeds the limit of %d",
			kafkaio.MessageSize(msg), r.size.MaxBytes())
		return r.reject(rec, a, article.ReasonTooLarge, err)
	}
	rev := int64(0)
	if dated {
		rev = a.Revision
	}
	return prepared{
		item: item{msg: msg, origin: rec.Origin, id: a.ID, done: rec.Done},
		key:  r.seen.key(a.ID, rev),
	}
}

// reject makes the dead letter of a bad record: the record as read (or, for one a source
// decoded itself, the article as far as it got), keyed by the article id when there is a
// valid one, cut to fit the size setting.
func (r *run) reject(rec Record, a *article.Article, reason article.Reason, err error) prepared {
	it := item{bad: true, origin: rec.Origin, reason: reason, err: err, done: rec.Done}
	var key []byte
	if a != nil && article.ValidID(a.ID) == nil {
		it.id = a.ID
		key = []byte(a.ID)
	}
	value := rec.Data
	if value == nil && a != nil {
		value, _ = article.Encode(a)
	}
	it.msg = kafkaio.FitDeadLetter(r.size, kafkaio.DeadLetterRecord(key, value, Stage, reason, err, rec.Origin))
	return prepared{item: it}
}
