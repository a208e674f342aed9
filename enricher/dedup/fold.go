package dedup

import "unicode"

// fold maps a letter or digit to its case- and accent-free form, so that "Café", "CAFE" and
// "cafe" give the same token. Letters outside Latin-1 and Latin Extended-A keep their accents
// and are only lower-cased.
func fold(r rune) rune {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if r >= 0xC0 && r < 0x180 {
		if b := latinBase[r-0xC0]; b != 0 {
			return rune(b)
		}
	}
	return unicode.ToLower(r)
}

// latinBase is the unaccented lower-case base letter of U+00C0..U+017F; 0 where there is
// none (×, ÷, and letters such as æ, ð, þ and ß that have no single-letter base).
var latinBase = func() [0x180 - 0xC0]byte {
	var t [0x180 - 0xC0]byte
	// U+00C0..U+00FF, upper half then lower half (the same letters 0x20 apart).
	const latin1 = "aaaaaaaceeeeiiii" + "dnooooo" + "\x00" + "ouuuuy" + "\x00\x00"
	for i := 0; i < len(latin1); i++ {
		t[i] = latin1[i]
		t[i+0x20] = latin1[i]
	}
	t[0xD0-0xC0], t[0xF0-0xC0] = 0, 0 // Ð, ð
	t[0xC6-0xC0], t[0xE6-0xC0] = 0, 0 // Æ, æ
	t[0xDE-0xC0], t[0xFE-0xC0] = 0, 0 // Þ, þ
	t[0xDF-0xC0] = 0                  // ß
	t[0xFF-0xC0] = 'y'                // ÿ
	// U+0100..U+017F, Latin Extended-A: mostly upper/lower pairs.
	const extA = "aaaaaaccccccccdddd" + "eeeeeeeeee" + "gggggggg" + "hhhh" + "iiiiiiiiii" + "\x00\x00" +
		"jj" + "kkk" + "llllllllll" + "nnnnnnnnn" + "oooooo" + "\x00\x00" + "rrrrrr" +
		"ssssssss" + "tttttt" + "uuuuuuuuuuuu" + "ww" + "yyy" + "zzzzzz" + "s"
	for i := 0; i < len(extA); i++ {
		t[0x40+i] = extA[i]
	}
	return t
}()
