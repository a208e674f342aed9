// Package store holds the search document model and the contracts between the sink and the
// search stores (store/elastic, store/embedded).
//
// The document model (Document) is deliberately separate from the Kafka wire schema
// (internal/article): it is flat and denormalised for search and Kibana (keyword arrays per
// entity type, a top-level country list and geo-point list, a collapse key for syndicated
// copies), while the exact enriched article stays retrievable from the Article field. The
// converters are FromArticle and ToArticle; nothing else crosses between the two models.
package store
