package store

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Query text syntax, read by ParseText and translated by both search stores:
//
//	word              a word; words side by side must all match (AND is implicit). A word the
//	                  analyser splits into several tokens (Díaz-Canel, U.S.) matches them as
//	                  a phrase.
//	"two words"       a phrase: the words next to each other, in order
//	a AND b, a OR b   boolean operators (upper case only; "and" is a word). AND binds
//	                  tighter than OR: a b OR c is (a AND b) OR c.
//	NOT a, -a         a must not match
//	( ... )           grouping
//	title:x body:x    x in the title or the body only (x a word, phrase or group); without a
//	                  field prefix text matches the title or the body
//	source:x          x in the publisher name (as text: source:reuters matches "Reuters UK")
//	entity:x          an entity or place whose canonical name is x (case-insensitive, exact:
//	                  entity:"Joe Biden")
//	topic:x           a topic whose code or label is x (case-insensitive, exact)
//	country:x         an ISO 3166-1 alpha-2 country code (case-insensitive)
//
// A prefix that is not one of these fields is part of the word ("10:30", "http://x").

// Field names of the query syntax.
const (
	FieldTitle   = "title"
	FieldBody    = "body"
	FieldSource  = "source"
	FieldEntity  = "entity"
	FieldTopic   = "topic"
	FieldCountry = "country"
)

// QueryFields lists the field prefixes ParseText knows.
var QueryFields = []string{FieldTitle, FieldBody, FieldSource, FieldEntity, FieldTopic, FieldCountry}

// maxNesting bounds parentheses, NOT and field nesting.
const maxNesting = 32

// Node is a parsed query: *Term, *Phrase, *And, *Or, *Not or *Field. String renders it in
// the query syntax with every group parenthesised.
type Node interface {
	String() string
	node()
}

// Term is one word (which an analyser may split into tokens).
type Term struct{ Text string }

// Phrase is quoted text: its tokens must appear next to each other, in order.
type Phrase struct{ Text string }

// And matches documents that every node matches (at least two nodes).
type And struct{ Nodes []Node }

// Or matches documents that any node matches (at least two nodes).
type Or struct{ Nodes []Node }

// Not matches documents that Node does not match. On its own (or with only other Nots in an
// And) it means every document except those.
type Not struct{ Node Node }

// Field restricts Node (a Term, Phrase, or a group of them, never another Field) to one
// field, one of QueryFields.
type Field struct {
	Name string
	Node Node
}

func (*Term) node()   {}
func (*Phrase) node() {}
func (*And) node()    {}
func (*Or) node()     {}
func (*Not) node()    {}
func (*Field) node()  {}

func (n *Term) String() string   { return n.Text }
func (n *Phrase) String() string { return strconv.Quote(n.Text) }
func (n *And) String() string    { return joinNodes(n.Nodes, " AND ") }
func (n *Or) String() string     { return joinNodes(n.Nodes, " OR ") }
func (n *Not) String() string    { return "NOT " + n.Node.String() }
func (n *Field) String() string  { return n.Name + ":" + n.Node.String() }

func joinNodes(nodes []Node, sep string) string {
	parts := make([]string, len(nodes))
	for i, n := range nodes {
		parts[i] = n.String()
	}
	return "(" + strings.Join(parts, sep) + ")"
}

// ParseText parses query text into a Node. Empty (or blank) text gives nil: match every
// document. Errors wrap ErrBadQuery and say what is wrong and where (byte offset).
func ParseText(s string) (Node, error) {
	if !utf8.ValidString(s) {
		return nil, badQuery("text is not valid UTF-8")
	}
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	if len(toks) == 0 {
		return nil, nil
	}
	p := &parser{toks: toks}
	n, err := p.or(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		if t.kind == tokRParen {
			return nil, badQuery("unbalanced parenthesis: ')' at byte %d has no '('", t.pos)
		}
		return nil, badQuery("unexpected %s at byte %d", t, t.pos)
	}
	return n, nil
}

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokWord
	tokPhrase
	tokField
	tokAnd
	tokOr
	tokNot
	tokMinus
	tokLParen
	tokRParen
)

type token struct {
	kind tokKind
	text string
	pos  int
}

func (t token) String() string {
	switch t.kind {
	case tokEOF:
		return "end of text"
	case tokPhrase:
		return strconv.Quote(t.text)
	case tokField:
		return "field " + t.text + ":"
	case tokMinus:
		return "'-'"
	}
	return "'" + t.text + "'"
}

func isFieldName(s string) bool {
	for _, f := range QueryFields {
		if s == f {
			return true
		}
	}
	return false
}

// wordEnd reports whether r ends a bare word.
func wordEnd(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == ')' || r == '"' }

func lex(s string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case r == '(':
			toks = append(toks, token{tokLParen, "(", i})
			i++
		case r == ')':
			toks = append(toks, token{tokRParen, ")", i})
			i++
		case r == '"':
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 {
				return nil, badQuery("unbalanced quote: the phrase at byte %d has no closing '\"'", i)
			}
			text := s[i+1 : i+1+end]
			if strings.TrimSpace(text) == "" {
				return nil, badQuery("empty phrase at byte %d", i)
			}
			toks = append(toks, token{tokPhrase, text, i})
			i += end + 2
		case r == '-' && i+1 < len(s) && !unicode.IsSpace(rune(s[i+1])) && s[i+1] != ')' && s[i+1] != '-':
			// -word, -"phrase" and -( ... ) negate; a lone or doubled dash is a word.
			toks = append(toks, token{tokMinus, "-", i})
			i++
		default:
			start := i
			for i < len(s) {
				r, size := utf8.DecodeRuneInString(s[i:])
				if wordEnd(r) {
					break
				}
				if r == ':' && i > start && isFieldName(strings.ToLower(s[start:i])) {
					name := strings.ToLower(s[start:i])
					i++
					if i >= len(s) || unicode.IsSpace(rune(s[i])) || s[i] == ')' {
						return nil, badQuery("field %s: at byte %d needs a value", name, start)
					}
					toks = append(toks, token{tokField, name, start})
					start = -1
					break
				}
				i += size
			}
			if start < 0 {
				continue
			}
			w := s[start:i]
			kind := tokWord
			switch w {
			case "AND", "&&":
				kind = tokAnd
			case "OR", "||":
				kind = tokOr
			case "NOT":
				kind = tokNot
			}
			toks = append(toks, token{kind, w, start})
		}
	}
	return toks, nil
}

type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() token {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	end := 0
	if len(p.toks) > 0 {
		last := p.toks[len(p.toks)-1]
		end = last.pos + len(last.text)
	}
	return token{kind: tokEOF, pos: end}
}

func (p *parser) next() token {
	t := p.peek()
	if p.i < len(p.toks) {
		p.i++
	}
	return t
}

// or := and ("OR" and)*
func (p *parser) or(depth int) (Node, error) {
	first, err := p.and(depth)
	if err != nil {
		return nil, err
	}
	nodes := []Node{first}
	for p.peek().kind == tokOr {
		op := p.next()
		if !p.startsOperand() {
			return nil, badQuery("OR at byte %d needs a term after it", op.pos)
		}
		n, err := p.and(depth)
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
	if len(nodes) == 1 {
		return first, nil
	}
	return &Or{Nodes: nodes}, nil
}

// startsOperand reports whether the next token can begin a term.
func (p *parser) startsOperand() bool {
	switch p.peek().kind {
	case tokWord, tokPhrase, tokField, tokNot, tokMinus, tokLParen:
		return true
	}
	return false
}

// and := unary (["AND"] unary)*
func (p *parser) and(depth int) (Node, error) {
	var nodes []Node
	for {
		t := p.peek()
		if t.kind == tokAnd {
			p.next()
			if len(nodes) == 0 || !p.startsOperand() {
				return nil, badQuery("AND at byte %d needs terms on both sides", t.pos)
			}
			continue
		}
		if !p.startsOperand() {
			break
		}
		n, err := p.unary(depth)
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
	switch len(nodes) {
	case 0:
		t := p.peek()
		if t.kind == tokOr {
			return nil, badQuery("OR at byte %d needs terms on both sides", t.pos)
		}
		if t.kind == tokRParen {
			return nil, badQuery("empty parentheses before byte %d", t.pos)
		}
		return nil, badQuery("expected a term at byte %d, found %s", t.pos, t)
	case 1:
		return nodes[0], nil
	}
	return &And{Nodes: nodes}, nil
}

// unary := ("NOT" | "-") unary | primary
func (p *parser) unary(depth int) (Node, error) {
	if depth > maxNesting {
		return nil, badQuery("nested more than %d deep", maxNesting)
	}
	t := p.peek()
	if t.kind == tokNot || t.kind == tokMinus {
		p.next()
		if !p.startsOperand() {
			return nil, badQuery("%s at byte %d needs a term after it", t, t.pos)
		}
		n, err := p.unary(depth + 1)
		if err != nil {
			return nil, err
		}
		return &Not{Node: n}, nil
	}
	return p.primary(depth, "")
}

// primary := "(" or ")" | field primary | phrase | word
func (p *parser) primary(depth int, field string) (Node, error) {
	t := p.next()
	switch t.kind {
	case tokWord:
		return &Term{Text: t.text}, nil
	case tokPhrase:
		return &Phrase{Text: t.text}, nil
	case tokLParen:
		if depth > maxNesting {
			return nil, badQuery("nested more than %d deep", maxNesting)
		}
		if p.peek().kind == tokRParen {
			return nil, badQuery("empty parentheses at byte %d", t.pos)
		}
		n, err := p.or(depth + 1)
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != tokRParen {
			return nil, badQuery("unbalanced parenthesis: '(' at byte %d is not closed", t.pos)
		}
		if field != "" {
			if err := checkNoField(n, field); err != nil {
				return nil, err
			}
		}
		return n, nil
	case tokField:
		if field != "" {
			return nil, badQuery("field %s: at byte %d inside field %s:", t.text, t.pos, field)
		}
		n, err := p.primary(depth+1, t.text)
		if err != nil {
			return nil, err
		}
		return &Field{Name: t.text, Node: n}, nil
	case tokNot, tokMinus:
		if field != "" {
			// title:-x and title:NOT x read as NOT title:x.
			n, err := p.primary(depth+1, field)
			if err != nil {
				return nil, err
			}
			return &Not{Node: n}, nil
		}
	}
	return nil, badQuery("expected a term at byte %d, found %s", t.pos, t)
}

// checkNoField refuses a field prefix inside a field's group: title:(a body:b).
func checkNoField(n Node, outer string) error {
	switch n := n.(type) {
	case *Field:
		return badQuery("field %s: inside field %s:", n.Name, outer)
	case *And:
		for _, c := range n.Nodes {
			if err := checkNoField(c, outer); err != nil {
				return err
			}
		}
	case *Or:
		for _, c := range n.Nodes {
			if err := checkNoField(c, outer); err != nil {
				return err
			}
		}
	case *Not:
		return checkNoField(n.Node, outer)
	}
	return nil
}
