package lang

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsflow/newsflow/internal/article"
)

func TestDetect(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"english", "The central bank raised interest rates on Thursday, surprising economists who had expected a pause.", "en"},
		{"french", "La banque centrale a relevé ses taux d'intérêt jeudi, surprenant les économistes qui attendaient une pause.", "fr"},
		{"german", "Die Zentralbank hat am Donnerstag die Zinsen erhöht und damit Ökonomen überrascht, die eine Pause erwartet hatten.", "de"},
		{"spanish", "El banco central subió los tipos de interés el jueves, sorprendiendo a los economistas que esperaban una pausa.", "es"},
		{"russian", "Центральный банк в четверг повысил процентные ставки, удивив экономистов, ожидавших паузы.", "ru"},
		{"no letters", "12345 !!! 678", ""},
		{"empty", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Detect(c.text); got != c.want {
				t.Errorf("Detect = %q, want %q", got, c.want)
			}
		})
	}
}

func TestTagKeepsDeclaredLanguage(t *testing.T) {
	a := &article.Article{Language: "fr", Body: "The central bank raised interest rates on Thursday."}
	if err := New().Tag(context.Background(), a); err != nil || a.Language != "fr" {
		t.Fatalf("Tag = %v, language %q; want fr kept", err, a.Language)
	}
}

func TestPrefixCutsOnRuneBoundary(t *testing.T) {
	s := strings.Repeat("é", 3000) // 2 bytes each
	p := prefix(s, 4095)
	if !utf8.ValidString(p) || len(p) != 4094 {
		t.Fatalf("prefix has %d bytes, valid=%v", len(p), utf8.ValidString(p))
	}
}
