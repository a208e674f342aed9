//go:build !race

package keywords

const raceDetector = false
