package producer

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// feedState is what is remembered of one feed between polls and across restarts: the
// validators of the last complete poll and the keys of the items already published.
type feedState struct {
	URL          string   `json:"url"`
	ETag         string   `json:"etag,omitempty"`
	LastModified string   `json:"last_modified,omitempty"`
	Seen         []string `json:"seen"` // oldest first, at most maxSeen

	seen map[string]struct{}
}

// DefaultMaxSeen is how many item keys a feed remembers by default: far more than a feed
// lists, so an item that drops out and comes back is still known.
const DefaultMaxSeen = 10_000

func (s *feedState) index() {
	s.seen = make(map[string]struct{}, len(s.Seen))
	for _, k := range s.Seen {
		s.seen[k] = struct{}{}
	}
}

func (s *feedState) has(key string) bool {
	_, ok := s.seen[key]
	return ok
}

// add remembers key, forgetting the oldest keys beyond max.
func (s *feedState) add(key string, max int) {
	if s.has(key) {
		return
	}
	s.Seen = append(s.Seen, key)
	s.seen[key] = struct{}{}
	if over := len(s.Seen) - max; over > 0 {
		for _, k := range s.Seen[:over] {
			delete(s.seen, k)
		}
		s.Seen = append(s.Seen[:0:0], s.Seen[over:]...)
	}
}

// itemKey is the remembered form of an item's identity: a short hash, so that state files
// stay small whatever the GUIDs look like.
func itemKey(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// stateFile is where a feed's state lives under the state directory.
func stateFile(dir, name string) string { return filepath.Join(dir, name+".json") }

// loadFeedState reads a feed's state; a missing file (or dir "") is a fresh state. A state
// saved for another URL is dropped: its validators would be wrong.
func loadFeedState(dir string, f Feed) (*feedState, error) {
	st := &feedState{URL: f.URL}
	if dir != "" {
		data, err := os.ReadFile(stateFile(dir, f.Name))
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, fmt.Errorf("feed %s: read state: %w", f.Name, err)
		default:
			var saved feedState
			if err := json.Unmarshal(data, &saved); err != nil {
				return nil, fmt.Errorf("feed %s: state file %s is corrupt: %w", f.Name, stateFile(dir, f.Name), err)
			}
			if saved.URL == f.URL {
				st = &saved
			}
		}
	}
	st.index()
	return st, nil
}

// save writes the state atomically: to a temporary file in the same directory, synced,
// then renamed over the old one, so a crash leaves the old state or the new, never half.
func (s *feedState) save(dir, name string) error {
	if dir == "" {
		return nil
	}
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("feed %s: save state: %w", name, err)
	}
	tmp, err := os.CreateTemp(dir, name+".*.tmp")
	if err != nil {
		return fmt.Errorf("feed %s: save state: %w", name, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("feed %s: save state: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("feed %s: save state: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("feed %s: save state: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), stateFile(dir, name)); err != nil {
		return fmt.Errorf("feed %s: save state: %w", name, err)
	}
	if d, err := os.Open(dir); err == nil { // make the rename itself durable
		_ = d.Sync()
		d.Close()
	}
	return nil
}
