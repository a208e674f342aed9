package topics

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// labelled is one training or test document.
type labelled struct {
	text   string
	labels []int  // class indexes: into bbcClasses or reutersSubjects
	hash   uint64 // of the whitespace-normalised text, so that copies share it
}

func contentHash(text string) uint64 {
	h := sha256.New()
	for i, w := range strings.Fields(text) {
		if i > 0 {
			h.Write([]byte{' '})
		}
		io.WriteString(h, w)
	}
	return binary.LittleEndian.Uint64(h.Sum(nil)[:8])
}

// readBBC reads topic/bbc/<class>/*.txt under dataDir, in a fixed order.
func readBBC(dataDir string) ([]labelled, error) {
	var docs []labelled
	for ci, c := range bbcClasses {
		dir := filepath.Join(dataDir, "topic", "bbc", c.Folder)
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("read bbc: %w", err)
		}
		names := make([]string, 0, len(ents))
		for _, e := range ents {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".txt") {
				names = append(names, e.Name())
			}
		}
		slices.Sort(names)
		for _, n := range names {
			b, err := os.ReadFile(filepath.Join(dir, n))
			if err != nil {
				return nil, fmt.Errorf("read bbc: %w", err)
			}
			t := string(b)
			docs = append(docs, labelled{text: t, labels: []int{ci}, hash: contentHash(t)})
		}
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("read bbc: no articles under %s", dataDir)
	}
	return docs, nil
}

// reutersDoc is one Reuters-21578 story of the ModApte split that has at least one topic.
type reutersDoc struct {
	labelled
	topics []string // every TOPICS category, not only the mapped ten
}

// readReuters reads the ModApte split of topic/reuters21578/*.sgm: stories with
// TOPICS="YES" and LEWISSPLIT TRAIN or TEST that carry at least one topic.
func readReuters(dataDir string) (train, test []reutersDoc, err error) {
	files, err := filepath.Glob(filepath.Join(dataDir, "topic", "reuters21578", "reut2-*.sgm"))
	if err != nil || len(files) == 0 {
		return nil, nil, fmt.Errorf("read reuters: no reut2-*.sgm under %s", dataDir)
	}
	slices.Sort(files)
	cat := make(map[string]int, len(reutersSubjects))
	for i, s := range reutersSubjects {
		cat[s.Category] = i
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, fmt.Errorf("read reuters: %w", err)
		}
		for _, rec := range strings.Split(string(b), "<REUTERS ")[1:] {
			head, _, _ := strings.Cut(rec, ">")
			if !strings.Contains(head, `TOPICS="YES"`) {
				continue
			}
			var split *[]reutersDoc
			switch {
			case strings.Contains(head, `LEWISSPLIT="TRAIN"`):
				split = &train
			case strings.Contains(head, `LEWISSPLIT="TEST"`):
				split = &test
			default:
				continue
			}
			var d reutersDoc
			for _, t := range elements(between(rec, "<TOPICS>", "</TOPICS>"), "D") {
				d.topics = append(d.topics, t)
				if i, ok := cat[t]; ok {
					d.labels = append(d.labels, i)
				}
			}
			if len(d.topics) == 0 {
				continue
			}
			slices.Sort(d.labels)
			d.labels = slices.Compact(d.labels)
			d.text = sgmlText(between(rec, "<TITLE>", "</TITLE>")) + "\n" + sgmlText(between(rec, "<BODY>", "</BODY>"))
			d.hash = contentHash(d.text)
			*split = append(*split, d)
		}
	}
	return train, test, nil
}

func between(s, open, close string) string {
	_, rest, ok := strings.Cut(s, open)
	if !ok {
		return ""
	}
	in, _, _ := strings.Cut(rest, close)
	return in
}

// elements returns the contents of every <tag>...</tag> in s.
func elements(s, tag string) []string {
	var out []string
	open, close := "<"+tag+">", "</"+tag+">"
	for {
		_, rest, ok := strings.Cut(s, open)
		if !ok {
			return out
		}
		in, after, _ := strings.Cut(rest, close)
		out = append(out, in)
		s = after
	}
}

// sgmlText decodes the character references of Reuters SGML text and drops control
// characters.
func sgmlText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '&' {
			if j := strings.IndexByte(s[i:min(len(s), i+8)], ';'); j > 0 {
				ref := s[i+1 : i+j]
				switch {
				case ref == "lt":
					b.WriteByte('<')
				case ref == "gt":
					b.WriteByte('>')
				case ref == "amp":
					b.WriteByte('&')
				case strings.HasPrefix(ref, "#"):
					if n, err := strconv.Atoi(ref[1:]); err == nil && n >= 32 && n < 127 {
						b.WriteByte(byte(n))
					}
				default:
					b.WriteString(s[i : i+j+1])
				}
				i += j
				continue
			}
		}
		if c < 32 && c != '\n' && c != '\t' {
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
