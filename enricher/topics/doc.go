// Package topics is the enricher's topic tagger: it assigns IPTC Media Topics
// (https://iptc.org/standards/media-topics/) to English articles, multi-label, each with a
// score in [0, 1], highest first.
//
// Scores come from three sources:
//
//   - a trained head over five top-level topics (arts, economy, politics, science and
//     technology, sport): multinomial logistic regression on hashed word and word-pair
//     TF-IDF features, trained on the BBC News corpus, mixed with a naive-Bayes posterior
//     by a weight chosen on held-out data and temperature-scaled so that its probabilities
//     are calibrated;
//   - subject heads for economy news: one logistic output per Reuters-21578 category
//     mapped to an IPTC subject (corporate earnings, merger and acquisition, interest rates,
//     ...), Platt-calibrated, reported as P(economy) × P(subject | economy);
//   - hand-curated lexicons for the twelve top-level topics the corpora lack (crime,
//     disaster, education, environment, health, human interest, labour, lifestyle,
//     religion, society, conflict, weather), and for two the head knows only narrowly
//     (politics beyond British politics, science beyond consumer technology). They are a
//     separate scorer, not weak labels; their scores are set by hand, not fitted, so they
//     are rankings more than probabilities. A strong lexicon topic the head lacks discounts
//     the trained head, which otherwise spreads its whole probability over its five topics;
//     for politics and science the higher of head and lexicon counts.
//
// The model (model.bin.gz, embedded) is trained by `newsflow train topics` (RunTrain) and
// measured by `newsflow eval topics` (RunEval); see docs/enrichment.md, section Topics.
//
// # Notice
//
// The embedded model's weights are derived from:
//
//   - the BBC News dataset (D. Greene and P. Cunningham, "Practical Solutions to the Problem
//     of Diagonal Dominance in Kernel Document Clustering", ICML 2006): articles from the
//     BBC News website 2004-2005, for research use; the articles are copyright BBC;
//   - Reuters-21578, Distribution 1.0 (Reuters Ltd., Carnegie Group; prepared by D. Lewis):
//     free distribution for research purposes.
//
// No text of either corpus is in the repository: only hashed feature weights, inverse
// document frequencies and naive-Bayes log probabilities of hashed buckets.
package topics
