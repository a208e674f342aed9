package fetch

import (
	"bufio"
	"bytes"
	"strings"
)

// robots is the part of a robots.txt that applies to us: the rules of the group naming our
// product token, else those of the "*" group (RFC 9309).
type robots struct {
	rules []robotsRule
}

type robotsRule struct {
	allow   bool
	pattern string
}

// allowAll is what a missing robots.txt (4xx) means.
var allowAll = &robots{}

// disallowAll is what an unreachable or failing robots.txt (5xx, network) means, until it is
// fetched again.
var disallowAll = &robots{rules: []robotsRule{{allow: false, pattern: "/"}}}

// parseRobots reads a robots.txt for the product token agent (e.g. "newsflow"), matched
// case-insensitively. Groups for the same agent are merged; unknown lines are ignored.
func parseRobots(body []byte, agent string) *robots {
	agent = strings.ToLower(agent)
	var own, any []robotsRule
	var ownSeen bool
	var groupAgents []string
	inRules := false // the current group has had rules: a user-agent line starts a new one
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.TrimSpace(value)
		switch key {
		case "user-agent":
			if inRules {
				groupAgents, inRules = nil, false
			}
			groupAgents = append(groupAgents, strings.ToLower(value))
		case "allow", "disallow":
			inRules = true
			if value == "" { // "Disallow:" allows everything: no rule
				continue
			}
			rule := robotsRule{allow: key == "allow", pattern: value}
			for _, a := range groupAgents {
				switch {
				case a == "*":
					any = append(any, rule)
				case strings.Contains(agent, a) || strings.Contains(a, agent):
					own = append(own, rule)
					ownSeen = true
				}
			}
		}
	}
	if ownSeen {
		return &robots{rules: own}
	}
	return &robots{rules: any}
}

// allowed reports whether path (escaped path plus "?query") may be fetched: the longest
// matching rule wins, and on a tie Allow wins. /robots.txt is always allowed.
func (r *robots) allowed(path string) bool {
	if path == "/robots.txt" {
		return true
	}
	best, allow := -1, true
	for _, rule := range r.rules {
		if !robotsMatch(rule.pattern, path) {
			continue
		}
		n := len(rule.pattern)
		if n > best || (n == best && rule.allow) {
			best, allow = n, rule.allow
		}
	}
	return allow
}

// robotsMatch matches a robots.txt path pattern: a prefix match where '*' stands for any
// run of characters and a final '$' anchors the end.
func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	pattern = strings.TrimSuffix(pattern, "$")
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	if len(parts) == 1 {
		return !anchored || rest == ""
	}
	last := parts[len(parts)-1]
	middle := parts[1 : len(parts)-1]
	if anchored {
		if !strings.HasSuffix(rest, last) {
			return false
		}
		rest = rest[:len(rest)-len(last)]
	}
	for _, m := range middle {
		i := strings.Index(rest, m)
		if i < 0 {
			return false
		}
		rest = rest[i+len(m):]
	}
	return anchored || strings.Contains(rest, last)
}
