package store

import (
	"errors"
	"strings"
	"testing"
)

func TestParseText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "<nil>"},
		{"blank", "  \t ", "<nil>"},
		{"word", "inflation", "inflation"},
		{"implicit and", "interest rates", "(interest AND rates)"},
		{"explicit and", "interest AND rates", "(interest AND rates)"},
		{"and symbol", "a && b", "(a AND b)"},
		{"or", "euro OR dollar", "(euro OR dollar)"},
		{"and binds tighter", "a b OR c", "((a AND b) OR c)"},
		{"or chain", "a OR b OR c", "(a OR b OR c)"},
		{"phrase", `"interest rates"`, `"interest rates"`},
		{"phrase and word", `"interest rates" rose`, `("interest rates" AND rose)`},
		{"not", "NOT war", "NOT war"},
		{"minus", "-war peace", "(NOT war AND peace)"},
		{"minus phrase", `-"civil war"`, `NOT "civil war"`},
		{"minus group", "-(a OR b)", "NOT (a OR b)"},
		{"lone dash is a word", "a - b", "(a AND - AND b)"},
		{"hyphenated word", "Díaz-Canel", "Díaz-Canel"},
		{"lowercase operators are words", "rock and roll", "(rock AND and AND roll)"},
		{"group", "(a OR b) c", "((a OR b) AND c)"},
		{"nested group", "((a))", "a"},
		{"field word", "title:budget", "title:budget"},
		{"field case", "Title:budget", "title:budget"},
		{"field phrase", `entity:"Joe Biden"`, `entity:"Joe Biden"`},
		{"field group", "body:(a OR b)", "body:(a OR b)"},
		{"field not", "title:-x", "title:NOT x"},
		{"every field", "title:a body:b source:c entity:d topic:e country:f",
			"(title:a AND body:b AND source:c AND entity:d AND topic:e AND country:f)"},
		{"unknown prefix is a word", "10:30 http://x.org", "(10:30 AND http://x.org)"},
		{"field value with colon", "title:a:b", "title:a:b"},
		{"not binds to one term", "NOT a b", "(NOT a AND b)"},
		{"double not", "NOT NOT a", "NOT NOT a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := ParseText(tt.in)
			if err != nil {
				t.Fatalf("ParseText(%q): %v", tt.in, err)
			}
			got := "<nil>"
			if n != nil {
				got = n.String()
			}
			if got != tt.want {
				t.Errorf("ParseText(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseTextBad(t *testing.T) {
	tests := []struct {
		name, in, reason string
	}{
		{"unbalanced quote", `"interest rates`, "unbalanced quote"},
		{"unbalanced quote after phrase", `"a" "b`, "unbalanced quote: the phrase at byte 4"},
		{"empty phrase", `a ""`, "empty phrase"},
		{"unclosed paren", "(a OR b", "unbalanced parenthesis: '(' at byte 0"},
		{"stray close paren", "a)", "unbalanced parenthesis: ')' at byte 1"},
		{"empty parens", "a ()", "empty parentheses"},
		{"or at start", "OR a", "OR at byte 0 needs terms on both sides"},
		{"or at end", "a OR", "OR at byte 2 needs a term"},
		{"and at start", "AND a", "AND at byte 0 needs terms on both sides"},
		{"and at end", "a AND", "AND at byte 2 needs terms on both sides"},
		{"not at end", "a NOT", "'NOT' at byte 2 needs a term"},
		{"field without value", "title: a", "field title: at byte 0 needs a value"},
		{"field at end", "a title:", "needs a value"},
		{"field in field", "title:body:x", "field body: at byte 6 inside field title:"},
		{"field in field group", "title:(a body:b)", "field body: inside field title:"},
		{"invalid utf8", "a\xffb", "not valid UTF-8"},
		{"too deep", strings.Repeat("(", 40) + "a" + strings.Repeat(")", 40), "nested more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := ParseText(tt.in)
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("ParseText(%q) = %v, %v; want an error wrapping ErrBadQuery", tt.in, n, err)
			}
			if !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("ParseText(%q) error %q does not say %q", tt.in, err, tt.reason)
			}
		})
	}
}
