package ner

// FeatureSet selects feature groups. The zero value is the full model; the flags switch
// groups off for ablations and for the minimal baseline.
type FeatureSet struct {
	// Minimal is the baseline tagger: word, affix, shape and ±2 window words only.
	Minimal      bool `json:"minimal,omitempty"`
	NoClusters   bool `json:"no_clusters,omitempty"`
	NoGazetteer  bool `json:"no_gazetteer,omitempty"`
	NoDocContext bool `json:"no_doc_context,omitempty"`
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
)

var (
	hashBOS = [3]uint64{0, hashString("<s-1>"), hashString("<s-2>")}
	hashEOS = [3]uint64{0, hashString("</s+1>"), hashString("</s+2>")}
)

// sentData is one sentence prepared for feature extraction.
type sentData struct {
	tok      []*tokInfo
	gaz      []uint64   // per token: 4 bits per gazetteer list, 0 or 1+BILU part
	ctx      [][]uint64 // per token: document-context features
	capsLine bool
}

// extractor computes features for one document; it is not safe for concurrent use, and
// is cheap to make.
type extractor struct {
	fs    FeatureSet
	lex   *Lexicon
	cache map[string]*tokInfo
}

func newExtractor(fs FeatureSet, lex *Lexicon) *extractor {
	return &extractor{fs: fs, lex: lex, cache: make(map[string]*tokInfo, 256)}
}

func (x *extractor) info(w string) *tokInfo {
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
			h = phraseHash(h, sd.tok[j].lowerStr)
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

// static appends the features of token i that do not depend on predicted labels.
func (x *extractor) static(sd *sentData, i int, out []uint64) []uint64 {
	t := sd.tok[i]
	n := len(sd.tok)
	lowerAt := func(k int) uint64 {
		j := i + k
		switch {
		case j < 0:
			return hashBOS[-k]
		case j >= n:
			return hashEOS[k]
		}
		return sd.tok[j].lower
	}
	out = append(out, mix(tBias, 0), mix(tWord, t.word), mix(tLower, t.lower), mix(tSShape, t.sshape))
	for _, k := range [...]int{-2, -1, 1, 2} {
		out = append(out, mix(mix(tLowerAt, uint64(k+8)), lowerAt(k)))
	}
	if x.fs.Minimal {
		out = append(out, mix(tSuf, t.suf[2]), mix(tPre, t.pre[0]))
		for _, k := range [...]int{-1, 1} {
			if j := i + k; j >= 0 && j < n {
				out = append(out, mix(mix(tSufAt, uint64(k+8)), sd.tok[j].suf[2]))
			}
		}
		return out
	}
	out = append(out, mix(tShape, t.shape))
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
	for _, k := range [...]int{-2, -1, 1, 2} {
		j := i + k
		var s uint64
		switch {
		case j < 0:
			s = hashBOS[-k]
		case j >= n:
			s = hashEOS[k]
		default:
			s = sd.tok[j].sshape
		}
		out = append(out, mix(mix(tSShapeAt, uint64(k+8)), s))
	}
	out = append(out,
		mix(mix(tBigramL, lowerAt(-1)), t.lower),
		mix(mix(tBigramR, t.lower), lowerAt(1)))
	prevS, nextS := hashBOS[1], hashEOS[1]
	if i > 0 {
		prevS = sd.tok[i-1].sshape
	}
	if i+1 < n {
		nextS = sd.tok[i+1].sshape
	}
	out = append(out, mix(mix(mix(tShape3, prevS), t.sshape), nextS))
	if i == 0 {
		out = append(out, mix(tBOS, t.sshape), mix(tBOSLower, t.lower))
	}
	if sd.capsLine {
		out = append(out, mix(tCapsLine, t.lower), mix(tCapsShape, t.sshape))
	}
	if !x.fs.NoClusters {
		for k, c := range t.clus {
			if c != 0 {
				out = append(out, mix(mix(tClus, uint64(k)), c))
			}
		}
		for _, k := range [...]int{-1, 1} {
			if j := i + k; j >= 0 && j < n {
				for lvl := 1; lvl < 3; lvl++ {
					if c := sd.tok[j].clus[lvl]; c != 0 {
						out = append(out, mix(mix(tClusAt, uint64(k+8)*4+uint64(lvl)), c))
					}
				}
			}
		}
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
	if sd.ctx != nil {
		out = append(out, sd.ctx[i]...)
	}
	return out
}

// dynamic appends the features that depend on the two previous predicted labels.
func (x *extractor) dynamic(sd *sentData, i int, p1, p2 uint8, out []uint64) []uint64 {
	t := sd.tok[i]
	out = append(out,
		mix(tPrev, uint64(p1)),
		mix(mix(tPrev2, uint64(p1)), uint64(p2)),
		mix(mix(tPrevLower, uint64(p1)), t.lower))
	if !x.fs.Minimal {
		out = append(out, mix(mix(tPrevShape, uint64(p1)), t.sshape))
	}
	return out
}
