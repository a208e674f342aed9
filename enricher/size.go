package enricher

import (
	"github.com/newsflow/newsflow/internal/article"
)

// mentionCaps are the successive limits on mentions per entity or place tried when an
// enriched article does not fit its message: a few first mentions still let a reader find
// and highlight each entity.
var mentionCaps = []int{16, 4, 1}

// amountsPerMention scales a mention cap into the cap on amounts and on dates.
const amountsPerMention = 8

// EncodeWithin encodes a in at most budget bytes. When the full encoding is too large it cuts
// every entity's and place's mention list (counts stay true) and the amount and date lists (to
// amountsPerMention times the mention cap, keeping the first in the text), marks the article truncated and
// tries again; when even that does not fit it returns an *article.Error with reason too_large,
// which is permanent: retrying cannot make the article smaller.
func EncodeWithin(a *article.Article, budget int) (value []byte, truncated bool, err error) {
	value, err = article.Encode(a)
	if err != nil {
		return nil, false, article.Invalid(article.ReasonInvalidField, "", "encode enriched article: %v", err)
	}
	if len(value) <= budget {
		return value, false, nil
	}
	full := len(value)
	for _, limit := range mentionCaps {
		capMentions(a, limit)
		a.Truncated = true
		if value, err = article.Encode(a); err != nil {
			return nil, false, article.Invalid(article.ReasonInvalidField, "", "encode enriched article: %v", err)
		}
		if len(value) <= budget {
			return value, true, nil
		}
	}
	return nil, false, article.Invalid(article.ReasonTooLarge, "",
		"enriched article needs %d bytes (%d with mentions cut), the message limit leaves %d", full, len(value), budget)
}

func capMentions(a *article.Article, limit int) {
	for i := range a.Entities {
		if len(a.Entities[i].Mentions) > limit {
			a.Entities[i].Mentions = a.Entities[i].Mentions[:limit]
		}
	}
	for i := range a.Places {
		if len(a.Places[i].Mentions) > limit {
			a.Places[i].Mentions = a.Places[i].Mentions[:limit]
		}
	}
	if n := limit * amountsPerMention; len(a.Amounts) > n {
		a.Amounts = a.Amounts[:n]
	}
	if n := limit * amountsPerMention; len(a.Dates) > n {
		a.Dates = a.Dates[:n]
	}
}
