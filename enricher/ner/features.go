package ner

// FeatureSet selects feature groups. The zero value is the full model; the flags switch
// groups off for ablations and for the minimal baseline.
type FeatureSet struct {
	// Minimal is the baseline tagger: word, affix, shape and ±2 window words only.
	Minimal      bool `json:"minimal,omitempty"`
	NoClusters   bool `json:"no_clusters,omitempty"`
	NoGazetteer  bool `json:"no_gazetteer,omitempty"`
	NoDocContext bool `json:"no_doc_context,omitempty"`
	// NoCorpusNames drops the name lists taken from WikiANN and GMB.
	NoCorpusNames bool `json:"no_corpus_names,omitempty"`
	// NoHistory drops the labels given earlier in the document to the same word.
	NoHistory bool `json:"no_history,omitempty"`
	// FoldNames keys the model's name lists without accents (see foldName), and matches
	// words against them folded too; without it (the shipped model) words are matched as
	// written, lower-cased.
	FoldNames bool `json:"fold_names,omitempty"`
	// NeighbourCapPrior adds how often news capitalises the words at ±1 ("Director" before
	// a name, "Bank" after one). Off in the shipped model.
	NeighbourCapPrior bool `json:"neighbour_cap_prior,omitempty"`
}

// Feature templates. Values are part of the model format: never renumber, only append.
const (
	tBias uint64 = iota + 1
	tWord
	tLower
	tShape
	tSShape
	tPre
	tSuf
	tFlag
	tClus
	tGaz
	tLowerAt   // lower-cased word at offset (combined with the offset)
	tSShapeAt  // short shape at offset
	tClusAt    // cluster at offset
	tGazAt     // gazetteer code at offset
	tBigramL   // lower(-1) lower(0)
	tBigramR   // lower(0) lower(+1)
	tShape3    // sshape(-1) sshape(0) sshape(+1)
	tBOS       // sentence-initial, with short shape
	tBOSLower  // sentence-initial, with the word
	tCapsLine  // headline (all-caps line), with the word
	tCapsShape // headline, with short shape
	tPrev      // previous label
	tPrev2     // previous two labels
	tPrevLower // previous label with the word
	tPrevShape // previous label with the short shape
	tDocLeft   // a left neighbour of this word elsewhere in the document
	tDocRight  // a right neighbour of this word elsewhere in the document
	tDocRun    // positions this word takes in capitalised runs elsewhere in the document
	tDocMidCap // sentence-initial word also seen capitalised mid-sentence
	tDocLower  // capitalised word also seen lower-cased in the document
	tSufAt     // 3-suffix at offset (minimal baseline)
	tHist      // types given to this word earlier in the document
	tCapPrior  // how often unlabelled text capitalises the word
	tCapPriorU // the same, for sentence-initial and headline words
	tRunFirst  // first word of the capitalised run the token is in
	tRunLast   // last word of that run
	tRunShape  // run length and position in it
	tNamePart  // parts the word plays in known names, at an offset
)

var (
	hashBOS = [3]uint64{0, hashString("<s-1>"), hashString("<s-2>")}
	hashEOS = [3]uint64{0, hashString("</s+1>"), hashString("</s+2>")}
)

// sentData is one sentence prepared for feature extraction.
type sentData struct {
	tok      []*tokInfo
	gaz      []uint64   // per token: 4 bits per gazetteer list, 0 or 1+BILU part
	runs     []capRun   // per token: the capitalised run it is in (zero when none)
	ctx      [][]uint64 // per token: document-context features
	capsLine bool
}

// extractor computes features for one document; it is not safe for concurrent use, and
// is cheap to make.
type extractor struct {
	fs     FeatureSet
	lex    *Lexicon
	cache  map[string]*tokInfo
	common map[string]*tokInfo // read-only, shared: a model's pre-scored frequent words
	tokBuf []uint64            // scratch for tokenScores
}

func newExtractor(fs FeatureSet, lex *Lexicon) *extractor {
	return &extractor{fs: fs, lex: lex, cache: make(map[string]*tokInfo, 256)}
}

func (x *extractor) info(w string) *tokInfo {
	if t, ok := x.common[w]; ok {
		return t
	}
	if t, ok := x.cache[w]; ok {
		return t
	}
	t := newTokInfo(w, x.lex)
	x.cache[w] = t
	return t
}

// prepare computes the per-token data of a document given as sentences of words. exclude,
// when not nil, masks gazetteer bits of phrases (by hash) while training, so that the names
// a training document contributes alone do not fire on that same document.
func (x *extractor) prepare(doc [][]string, exclude map[uint64]uint16) []sentData {
	out := make([]sentData, len(doc))
	for si, words := range doc {
		sd := &out[si]
		sd.tok = make([]*tokInfo, len(words))
		for i, w := range words {
			sd.tok[i] = x.info(w)
		}
		sd.capsLine = isCapsLine(sd.tok)
		if !x.fs.Minimal && !sd.capsLine {
			sd.runs = capRuns(sd.tok)
		}
		if !x.fs.Minimal && !x.fs.NoGazetteer && x.lex != nil && len(x.lex.Gaz) > 0 {
			sd.gaz = x.matchGaz(words, sd, exclude)
		}
	}
	if !x.fs.Minimal && !x.fs.NoDocContext {
		addDocContext(doc, out)
	}
	return out
}

// isCapsLine reports a headline-style sentence: at least two words with letters, all in
// capitals.
func isCapsLine(toks []*tokInfo) bool {
	n := 0
	for _, t := range toks {
		if t.flags&flNoLetter != 0 {
			continue
		}
		if t.flags&flAllCaps == 0 {
			return false
		}
		n++
	}
	return n >= 2
}

// matchGaz marks the longest gazetteer match of each list, left to right.
func (x *extractor) matchGaz(words []string, sd *sentData, exclude map[uint64]uint16) []uint64 {
	codes := make([]uint64, len(words))
	var coveredUntil [numGazLists]int
	for i := range words {
		if !(isCap(words[i]) || sd.capsLine && sd.tok[i].flags&flNoLetter == 0) {
			continue
		}
		h := uint64(fnvOffset)
		var end [numGazLists]int
		for j := i; j < len(words) && j-i < x.lex.GazMaxLen; j++ {
			h = phraseHash(h, sd.tok[j].nameStr)
			mask, ok := x.lex.Gaz[h]
			if !ok {
				continue
			}
			mask &^= exclude[h]
			for l := 0; l < numGazLists; l++ {
				if mask&(1<<l) != 0 {
					end[l] = j + 1
				}
			}
		}
		for l := 0; l < numGazLists; l++ {
			if end[l] == 0 || i < coveredUntil[l] {
				continue
			}
			coveredUntil[l] = end[l]
			for k := i; k < end[l]; k++ {
				part := partI
				switch {
				case end[l]-i == 1:
					part = partU
				case k == i:
					part = partB
				case k == end[l]-1:
					part = partL
				}
				codes[k] |= uint64(1+part) << (4 * l)
			}
		}
	}
	return codes
}

// static appends the features of token i that do not depend on predicted labels: the
// token features of the words at offsets -2..2 (see tokenFeats), then the features of
// their combination (see contextFeats).
func (x *extractor) static(sd *sentData, i int, out []uint64) []uint64 {
	n := len(sd.tok)
	for k := -2; k <= 2; k++ {
		if j := i + k; j >= 0 && j < n {
			out = x.tokenFeats(sd.tok[j], k, out)
		} else {
			out = x.padFeats(k, out)
		}
	}
	return x.contextFeats(sd, i, out)
}

// tokenFeats appends the features that the word t contributes when it stands at offset k
// from the token being labelled. They depend on nothing else, which lets the tagger score
// each distinct word once per offset.
func (x *extractor) tokenFeats(t *tokInfo, k int, out []uint64) []uint64 {
	at := uint64(k + 8)
	if k != 0 {
		out = append(out, mix(mix(tLowerAt, at), t.lower))
		if x.fs.Minimal {
			if k == -1 || k == 1 {
				out = append(out, mix(mix(tSufAt, at), t.suf[2]))
			}
			return out
		}
		out = append(out, mix(mix(tSShapeAt, at), t.sshape))
		if (k == -1 || k == 1) && t.nameParts != 0 && !x.fs.NoGazetteer {
			out = x.namePartFeats(t, at, out)
		}
		if (k == -1 || k == 1) && !x.fs.NoClusters {
			if x.fs.NeighbourCapPrior {
				// How often news capitalises the neighbour: "Director" before a name is
				// a title, "Bank" after one is part of it.
				out = append(out, mix(mix(tCapPrior, at), uint64(t.capPrior)<<8|uint64(t.flags&flInitCap)))
			}
			for lvl := 1; lvl < 3; lvl++ {
				if c := t.clus[lvl]; c != 0 {
					out = append(out, mix(mix(tClusAt, at*4+uint64(lvl)), c))
				}
			}
		}
		return out
	}
	out = append(out, mix(tBias, 0), mix(tWord, t.word), mix(tLower, t.lower), mix(tSShape, t.sshape))
	if x.fs.Minimal {
		return append(out, mix(tSuf, t.suf[2]), mix(tPre, t.pre[0]))
	}
	out = append(out, mix(tShape, t.shape))
	if t.nameParts != 0 && !x.fs.NoGazetteer {
		out = x.namePartFeats(t, at, out)
	}
	for k := 0; k < 4; k++ {
		if t.pre[k] != 0 {
			out = append(out, mix(mix(tPre, uint64(k)), t.pre[k]))
		}
		if t.suf[k] != 0 {
			out = append(out, mix(mix(tSuf, uint64(k)), t.suf[k]))
		}
	}
	for b := uint32(1); b <= flSingleChar; b <<= 1 {
		if t.flags&b != 0 {
			out = append(out, mix(tFlag, uint64(b)))
		}
	}
	if !x.fs.NoClusters {
		out = append(out, mix(tCapPrior, uint64(t.capPrior)<<8|uint64(t.flags&flInitCap)))
		for lvl, c := range t.clus {
			if c != 0 {
				out = append(out, mix(mix(tClus, uint64(lvl)), c))
			}
		}
	}
	return out
}

// namePartFeats appends one feature per name part of t, with capitalisation.
func (x *extractor) namePartFeats(t *tokInfo, at uint64, out []uint64) []uint64 {
	for p := 0; p < numNameParts; p++ {
		if t.nameParts&(1<<p) != 0 {
			out = append(out, mix(mix(tNamePart, at), uint64(p)<<1|uint64(t.flags&flInitCap)))
		}
	}
	return out
}

// padFeats appends the features of the sentence boundary at offset k (k != 0).
func (x *extractor) padFeats(k int, out []uint64) []uint64 {
	at := uint64(k + 8)
	pad := hashEOS[max(k, 0)]
	if k < 0 {
		pad = hashBOS[-k]
	}
	out = append(out, mix(mix(tLowerAt, at), pad))
	if !x.fs.Minimal {
		out = append(out, mix(mix(tSShapeAt, at), pad))
	}
	return out
}

// contextFeats appends the label-independent features of position i that combine words.
func (x *extractor) contextFeats(sd *sentData, i int, out []uint64) []uint64 {
	if x.fs.Minimal {
		return out
	}
	t := sd.tok[i]
	n := len(sd.tok)
	prevL, nextL := hashBOS[1], hashEOS[1]
	prevS, nextS := hashBOS[1], hashEOS[1]
	if i > 0 {
		prevL, prevS = sd.tok[i-1].lower, sd.tok[i-1].sshape
	}
	if i+1 < n {
		nextL, nextS = sd.tok[i+1].lower, sd.tok[i+1].sshape
	}
	out = append(out,
		mix(mix(tBigramL, prevL), t.lower),
		mix(mix(tBigramR, t.lower), nextL),
		mix(mix(mix(tShape3, prevS), t.sshape), nextS))
	if i == 0 {
		out = append(out, mix(tBOS, t.sshape), mix(tBOSLower, t.lower))
	}
	if sd.capsLine {
		out = append(out, mix(tCapsLine, t.lower), mix(tCapsShape, t.sshape))
	}
	if !x.fs.NoClusters && (i == 0 || sd.capsLine) {
		out = append(out, mix(tCapPriorU, uint64(t.capPrior)))
	}
	if sd.gaz != nil {
		for _, k := range [...]int{-1, 0, 1} {
			j := i + k
			if j < 0 || j >= n || sd.gaz[j] == 0 {
				continue
			}
			g := sd.gaz[j]
			for l := 0; l < numGazLists; l++ {
				if code := (g >> (4 * l)) & 15; code != 0 {
					tmpl := tGaz
					if k != 0 {
						tmpl = mix(tGazAt, uint64(k+8))
					}
					out = append(out, mix(tmpl, uint64(l)<<4|code))
				}
			}
		}
	}
	if sd.runs != nil && sd.runs[i].n > 1 {
		r := sd.runs[i]
		out = append(out,
			mix(tRunFirst, sd.tok[r.start].lower),
			mix(tRunLast, sd.tok[r.start+r.n-1].lower),
			mix(tRunShape, uint64(min(r.n, 6))<<8|uint64(min(i-r.start, 5))<<4|uint64(min(r.start+r.n-1-i, 5))))
	}
	if sd.ctx != nil {
		out = append(out, sd.ctx[i]...)
	}
	return out
}

// capRun is a run of capitalised words, possibly joined by "of", "and", "&", "de", ...:
// "Bank of New York", "Procter & Gamble". Long names announce their type at either end
// ("... Bank", "University of ..."), often beyond the ±2 window.
type capRun struct{ start, n int }

var runJoiners = map[string]bool{"of": true, "and": true, "&": true, "de": true, "for": true, "the": true, "von": true, "van": true, "del": true, "la": true}

func capRuns(toks []*tokInfo) []capRun {
	runs := make([]capRun, len(toks))
	for i := 0; i < len(toks); {
		if toks[i].flags&flInitCap == 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) {
			if toks[j].flags&flInitCap != 0 {
				j++
				continue
			}
			// A joiner counts only when a capitalised word follows it.
			if runJoiners[toks[j].lowerStr] && j+1 < len(toks) && toks[j+1].flags&flInitCap != 0 {
				j += 2
				continue
			}
			break
		}
		for k := i; k < j; k++ {
			runs[k] = capRun{i, j - i}
		}
		i = j
	}
	return runs
}

// dynamic appends the features that depend on predicted labels: the two previous labels,
// and the types given to the same word earlier in the document (h, which may be nil).
func (x *extractor) dynamic(sd *sentData, i int, p1, p2 uint8, h history, out []uint64) []uint64 {
	t := sd.tok[i]
	if h != nil && t.flags&flInitCap != 0 {
		if c, ok := h[t.lower]; ok {
			n := c[0] + c[1] + c[2] + c[3] + c[4]
			for k, v := range c {
				if v == 0 {
					continue
				}
				b := uint64(1)
				switch {
				case v == n:
					b = 3
				case 2*v >= n:
					b = 2
				}
				out = append(out, mix(tHist, uint64(k)*4+b))
			}
		}
	}
	out = append(out,
		mix(tPrev, uint64(p1)),
		mix(mix(tPrev2, uint64(p1)), uint64(p2)),
		mix(mix(tPrevLower, uint64(p1)), t.lower))
	if !x.fs.Minimal {
		out = append(out, mix(mix(tPrevShape, uint64(p1)), t.sshape))
	}
	return out
}

// history counts, per capitalised word (by lower-case hash), the types the tagger gave it so
// far in the document: index 0 for O, 1+type otherwise.
type history map[uint64][5]int32

func (h history) record(sd *sentData, i int, l uint8) {
	t := sd.tok[i]
	if h == nil || t.flags&flInitCap == 0 {
		return
	}
	c := h[t.lower]
	typ, _ := labelType(l)
	c[typ+1]++
	h[t.lower] = c
}

// newHistory returns a history for one document, or nil when the feature set has none.
func (x *extractor) newHistory() history {
	if x.fs.Minimal || x.fs.NoHistory {
		return nil
	}
	return history{}
}
