//go:build race

package keywords

// raceDetector: the race detector makes loading the entity model take seconds.
const raceDetector = true
