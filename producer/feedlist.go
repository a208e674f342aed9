package producer

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"
)

// Feed is one entry of the feed list.
type Feed struct {
	// Name identifies the feed: the source of its articles, its state file and the value of
	// the feed label on the feed metrics. Lower-case letters, digits, '_' and '-'.
	Name string
	// URL is an http(s) URL, or the path of a local file (re-read on every poll).
	URL string
	// Interval is the time between two polls. Zero means FeedConfig.DefaultInterval.
	Interval time.Duration
	// Language is the ISO 639-1 code given to the feed's articles when set; otherwise the
	// feed's own language element is used.
	Language string
}

// ErrFeedList is matched by every error ReadFeedList and FeedConfig.Validate return.
var ErrFeedList = errors.New("bad feed list")

var feedNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,62}$`)

// MinFeedInterval is the shortest poll interval allowed: faster is not polite.
const MinFeedInterval = time.Minute

// ReadFeedList reads a feed list: one feed a line, fields separated by white space,
//
//	URL  NAME  [INTERVAL]  [LANGUAGE]
//
// where INTERVAL is a Go duration ("15m"; "-" or absent for the default) and LANGUAGE an
// ISO 639-1 code. Blank lines and lines starting with '#' are skipped. Errors name the line.
func ReadFeedList(r io.Reader) ([]Feed, error) {
	var feeds []Feed
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Fields(text)
		if len(fields) < 2 || len(fields) > 4 {
			return nil, fmt.Errorf("%w: line %d: want URL NAME [INTERVAL] [LANGUAGE], got %d fields", ErrFeedList, line, len(fields))
		}
		f := Feed{URL: fields[0], Name: fields[1]}
		if len(fields) > 2 && fields[2] != "-" {
			d, err := time.ParseDuration(fields[2])
			if err != nil {
				return nil, fmt.Errorf("%w: line %d: interval: %v", ErrFeedList, line, err)
			}
			f.Interval = d
		}
		if len(fields) > 3 {
			f.Language = strings.ToLower(fields[3])
		}
		if err := f.validate(); err != nil {
			return nil, fmt.Errorf("%w: line %d: %v", ErrFeedList, line, err)
		}
		feeds = append(feeds, f)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read feed list: %w", err)
	}
	if err := checkFeeds(feeds); err != nil {
		return nil, err
	}
	return feeds, nil
}

// ReadFeedListFile reads the feed list at path.
func ReadFeedListFile(path string) ([]Feed, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read feed list: %w", err)
	}
	defer f.Close()
	feeds, err := ReadFeedList(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return feeds, nil
}

func (f Feed) validate() error {
	switch {
	case !feedNameRE.MatchString(f.Name):
		return fmt.Errorf("name %q: use 1-63 lower-case letters, digits, '_' or '-'", f.Name)
	case f.URL == "":
		return fmt.Errorf("feed %s: no URL", f.Name)
	case f.Interval != 0 && f.Interval < MinFeedInterval:
		return fmt.Errorf("feed %s: interval %v is under the minimum of %v", f.Name, f.Interval, MinFeedInterval)
	case f.Language != "" && !isLanguageCode(f.Language):
		return fmt.Errorf("feed %s: language %q is not an ISO 639-1 code", f.Name, f.Language)
	}
	return nil
}

// checkFeeds checks every feed and that names are unique.
func checkFeeds(feeds []Feed) error {
	seen := map[string]bool{}
	for _, f := range feeds {
		if err := f.validate(); err != nil {
			return fmt.Errorf("%w: %v", ErrFeedList, err)
		}
		if seen[f.Name] {
			return fmt.Errorf("%w: feed name %q is used twice", ErrFeedList, f.Name)
		}
		seen[f.Name] = true
	}
	return nil
}

func isLanguageCode(s string) bool {
	return len(s) == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z'
}

// remote reports whether the feed is fetched over HTTP rather than read from a file.
func (f Feed) remote() bool {
	u := strings.ToLower(f.URL)
	return strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")
}
