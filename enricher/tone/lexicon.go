package tone

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

//go:embed lexicon.txt
var lexiconText string

// ErrLexicon reports a malformed lexicon file.
var ErrLexicon = errors.New("tone: bad lexicon")

// side says where a movement word looks for its quantity.
type side uint8

const (
	sideBefore side = 1 << iota
	sideAfter
	sideBoth = sideBefore | sideAfter
)

// entry is everything the lexicon says about one word. A word may play several roles
// ("failed" is negative and a negator; "record" moves a quantity and amplifies).
type entry struct {
	pol      float64 // polarity weight, 0 if none
	dir      float64 // +1 up, -1 down, 0 no movement
	mag      float64 // movement magnitude when a quantity is in reach
	base     float64 // movement weight without a quantity
	look     side
	quantity float64 // +1 good quantity, -1 bad, 0 none
	negator  bool
	amp      float64 // multiplier for the next weighted word, 0 if none
	contrast [2]float64
	concede  float64
	phrases  []phrase // phrases starting with this word, longest first
}

// phrase is a run of words with one weight.
type phrase struct {
	rest   []string // the words after the first
	weight float64
}

// lexicon maps a lower-case word to its entry.
type lexicon map[string]*entry

// parseLexicon reads the lexicon format described at the top of lexicon.txt.
func parseLexicon(text string) (lexicon, error) {
	lex := make(lexicon, 1024)
	get := func(w string) *entry {
		e := lex[w]
		if e == nil {
			e = &entry{}
			lex[w] = e
		}
		return e
	}
	section := ""
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = line[1 : len(line)-1]
			continue
		}
		cols := strings.Split(line, "\t")
		words := strings.Fields(cols[0])
		nums := make([]float64, 0, 3)
		for _, c := range cols[1:] {
			if f, err := strconv.ParseFloat(c, 64); err == nil {
				nums = append(nums, f)
			}
		}
		if err := addLine(get, section, words, cols, nums); err != nil {
			return nil, fmt.Errorf("%w: line %d: %w", ErrLexicon, n, err)
		}
	}
	return lex, sc.Err()
}

func addLine(get func(string) *entry, section string, words, cols []string, nums []float64) error {
	need := map[string]int{"polarity": 1, "up": 2, "down": 2, "amplifier": 1, "contrast": 2, "concessive": 1}
	if len(nums) < need[section] {
		return fmt.Errorf("section %q needs %d numbers", section, need[section])
	}
	for _, w := range words {
		switch section {
		case "polarity":
			if err := addPolarity(get, w, nums[0]); err != nil {
				return err
			}
		case "up", "down":
			e := get(w)
			if e.dir != 0 {
				return fmt.Errorf("%q moves twice", w)
			}
			e.dir, e.mag, e.base = 1, nums[0], nums[1]
			if section == "down" {
				e.dir = -1
			}
			switch cols[len(cols)-1] {
			case "before":
				e.look = sideBefore
			case "after":
				e.look = sideAfter
			case "both":
				e.look = sideBoth
			default:
				return fmt.Errorf("%q: side must be before, after or both", w)
			}
		case "good", "bad":
			e := get(w)
			if e.quantity != 0 {
				return fmt.Errorf("%q is a quantity twice", w)
			}
			e.quantity = 1
			if section == "bad" {
				e.quantity = -1
			}
		case "negator":
			get(w).negator = true
		case "amplifier":
			get(w).amp = nums[0]
		case "contrast":
			get(w).contrast = [2]float64{nums[0], nums[1]}
		case "concessive":
			get(w).concede = nums[0]
		default:
			return fmt.Errorf("unknown section %q", section)
		}
	}
	return nil
}

func addPolarity(get func(string) *entry, w string, weight float64) error {
	if weight < -1 || weight > 1 {
		return fmt.Errorf("%q: weight %v outside [-1, 1]", w, weight)
	}
	parts := strings.Split(w, "_")
	e := get(parts[0])
	if len(parts) > 1 {
		e.phrases = append(e.phrases, phrase{rest: parts[1:], weight: weight})
		// Longest first, so that the longest phrase wins.
		for i := len(e.phrases) - 1; i > 0 && len(e.phrases[i].rest) > len(e.phrases[i-1].rest); i-- {
			e.phrases[i], e.phrases[i-1] = e.phrases[i-1], e.phrases[i]
		}
		return nil
	}
	if e.pol != 0 {
		return fmt.Errorf("%q has two weights", w)
	}
	e.pol = weight
	return nil
}
