package segment

import "fmt"

// The fixed features of a candidate gap and their names (splitter.go).

// Feature indexes the fixed features of a candidate gap between two words
// of a line. A Splitter's score for a gap is the sum of Weights over the
// features that fire, plus End[last word before the gap] and Start[first
// word after it]; the gap is cut when the score is positive.
type Feature int

const (
	FBias            Feature = iota
	FPrevQuestion            // the word before ends with ? or ؟
	FPrevExclaim             // ... with !
	FPrevDot                 // ... with . or …
	FPrevColon               // ... with :
	FPrevComma               // ... with , ، ; ؛
	FPrevClose               // ... with » ” " ) ]
	FPrevMedia               // the word before is a media marker: (+عکس), (فیلم), ...
	FPrevSep                 // the word before is a separator: / | - – — + •
	FNextSep                 // the word after is a separator
	FCamel                   // no space: lower-case letters then a capital (newsNext)
	FNoSpacePunct            // no space after ? ! ؟ ) before a letter
	FUpperAfterLower         // a capital after a word ending in a lower-case letter
	FNextLower               // the word after starts with a lower-case letter
	FPrevDigit               // the word before has a digit
	FNextDigit               // the word after has a digit
	FNextOpen                // the word after starts with « “ " ( [
	FPrevPlain               // the word before ends with a letter or digit
	FHardShortBoth           // hard mark (?!.؟ or media) before, both runs ≤ 16 words
	FHardLong                // hard mark before, a run > 30 words
	FPlainDense              // no punctuation before, density ≥ 1/20
	FPlainLongRun            // no punctuation before, inside a run of > 12 words, density ≥ 1/20

	// Conjunctions of the mark before the gap (plain, ?!, ., media,
	// closing quote, , ; :, separator, other) with: the words since the
	// last hard mark (1, 2, 3-4, 5-8, 9-16, 17+), the words up to the next
	// hard mark or the line's end (same buckets), and the line's hard marks
	// per word (none, < 1/20, < 1/8, more).
	FMarkLeft                         // + mark*6 + bucket
	FMarkRight   = FMarkLeft + 8*6    // + mark*6 + bucket
	FMarkDensity = FMarkRight + 8*6   // + mark*4 + density
	FMarkDots    = FMarkDensity + 8*4 // + mark*3 + periods per word (none, < 1/25, more)
	// The mark before the gap with the Cohesion level of the gap's word
	// pair (see Cohesion).
	FMarkCohesion = FMarkDots + 8*3 // + mark*numCohLevels + level
	numNamed      = FMarkLeft
	NumFeatures   = FMarkCohesion + 8*numCohLevels
)

var namedFeatures = [numNamed]string{
	"bias", "prev?", "prev!", "prev.", "prev:", "prev,", "prevClose", "prevMedia",
	"prevSep", "nextSep", "camel", "nospacePunct", "upperAfterLower", "nextLower",
	"prevDigit", "nextDigit", "nextOpen", "prevPlain",
	"hardShortBoth", "hardLong", "plainDense", "plainLongRun",
}

var markNames = [8]string{"plain", "?!", ".", "media", "close", ",:", "sep", "other"}

func (f Feature) String() string {
	switch {
	case f < 0 || f >= NumFeatures:
		return "feature?"
	case f < numNamed:
		return namedFeatures[f]
	case f < FMarkRight:
		return fmt.Sprintf("%s&left%d", markNames[(f-FMarkLeft)/6], (f-FMarkLeft)%6)
	case f < FMarkDensity:
		return fmt.Sprintf("%s&right%d", markNames[(f-FMarkRight)/6], (f-FMarkRight)%6)
	case f < FMarkDots:
		return fmt.Sprintf("%s&density%d", markNames[(f-FMarkDensity)/4], (f-FMarkDensity)%4)
	case f < FMarkCohesion:
		return fmt.Sprintf("%s&dots%d", markNames[(f-FMarkDots)/3], (f-FMarkDots)%3)
	}
	return fmt.Sprintf("%s&pair%d", markNames[(f-FMarkCohesion)/numCohLevels], (f-FMarkCohesion)%numCohLevels)
}
