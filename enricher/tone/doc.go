// Package tone scores the tone of an English news article: a number in [-1, 1], negative
// for bad news (deaths, losses, crises), positive for good news (agreements, recoveries,
// record profits), near 0 for neutral reporting.
//
// The method is a lexicon of a few hundred news words written by hand (lexicon.txt, embedded)
// read sentence by sentence:
//
//   - polarity words carry a weight in [-1, 1] ("killed" -0.9, "agreement" +0.4); phrases of
//     several words ("state of emergency", "no one was hurt") replace their words' weights;
//   - movement words ("rose", "fell", "cut", "record") take their sign from the quantity they
//     point at: "profits rose" and "unemployment fell" are good news, "inflation surged" and
//     "cut 3,000 jobs" bad; with no quantity in reach they keep a small intrinsic weight;
//   - a negator ("not", "no", "without", "failed", "n't", ...) up to three words before a
//     weighted word turns it by NegationFactor; an amplifier right before it scales it
//     ("sharply", "record": stronger; "slightly", "edged": weaker);
//   - a contrast ("but", "however") weighs the clause before it down and the one after it
//     up; a concessive clause ("despite ...", "although ...") counts less, up to its comma.
//
// The document score is tanh(Scale·S/max(N, MinWords)), where S is the sum of the weighted
// words and N the number of words: a density, so that a long article is not more extreme
// than a short one for the same mix of news.
//
// Time and memory are linear in the text's length; sentences longer than maxSentence words
// are scored in pieces.
package tone
