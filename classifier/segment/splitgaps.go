package segment

// A gap's fixed features and its score (splitter.go): marks, hard runs,
// buckets.

type gapFeat struct {
	score float32
}

func bucket(n int) int {
	if uint(n) < uint(len(smallBuckets)) {
		return int(smallBuckets[n])
	}
	return bucketOf(n)
}

// smallBuckets is bucketOf of 0 to 16.
var smallBuckets = func() (t [17]uint8) {
	for n := range t {
		t[n] = uint8(bucketOf(n))
	}
	return t
}()

func bucketOf(n int) int {
	switch {
	case n <= 1:
		return 0
	case n == 2:
		return 1
	case n <= 4:
		return 2
	case n <= 8:
		return 3
	case n <= 16:
		return 4
	}
	return 5
}

// prevMarks are the marks of the word before a gap that are features of
// their own, in the order gapFeatures lists them.
var prevMarks = [...]struct {
	a wattr
	f Feature
}{
	{aQuestion, FPrevQuestion}, {aExclaim, FPrevExclaim}, {aDot, FPrevDot}, {aColon, FPrevColon},
	{aComma, FPrevComma}, {aClose, FPrevClose}, {aMedia, FPrevMedia}, {aSep, FPrevSep},
}

// anyPrevMark is every mark of prevMarks.
const anyPrevMark = aQuestion | aExclaim | aDot | aColon | aComma | aClose | aMedia | aSep

// gapFeatures appends the fixed features of the gap after word k.
func gapFeatures(fs []Feature, ws []word, k int, left, right, hard, dots int) []Feature {
	n := len(ws)
	p, q := ws[k].attr, ws[k+1].attr
	fs = append(fs, FBias)
	for _, m := range prevMarks {
		if p&m.a != 0 {
			fs = append(fs, m.f)
		}
	}
	if q&aSep != 0 {
		fs = append(fs, FNextSep)
	}
	if ws[k+1].nospace {
		if q&aStartUpper != 0 && p&aEndLower != 0 {
			fs = append(fs, FCamel)
		} else {
			fs = append(fs, FNoSpacePunct)
		}
	} else if q&aStartUpper != 0 && p&aEndLower != 0 {
		fs = append(fs, FUpperAfterLower)
	}
	if q&aStartLower != 0 {
		fs = append(fs, FNextLower)
	}
	if p&aDigit != 0 {
		fs = append(fs, FPrevDigit)
	}
	if q&aDigit != 0 {
		fs = append(fs, FNextDigit)
	}
	if q&aStartOpen != 0 {
		fs = append(fs, FNextOpen)
	}
	plain := p&aEndPlain != 0
	if plain {
		fs = append(fs, FPrevPlain)
	}
	mk := markOf(p)
	fs = append(fs,
		FMarkLeft+mk*6+Feature(bucket(left)),
		FMarkRight+mk*6+Feature(bucket(right)),
		FMarkDensity+mk*4+densityLevel(hard, n),
		FMarkDots+mk*3+dotsLevel(dots, n))
	if p&aHard != 0 {
		if left <= 16 && right <= 16 {
			fs = append(fs, FHardShortBoth)
		}
		if left > 30 || right > 30 {
			fs = append(fs, FHardLong)
		}
	}
	if plain && hard*20 >= n && hard > 0 {
		fs = append(fs, FPlainDense)
		if left+right > 12 {
			fs = append(fs, FPlainLongRun)
		}
	}
	return fs
}

// gapScore returns v plus w's weights of the fixed features of the gap
// after word k (gapFeatures), added in gapFeatures' order so that the sum
// is the same float32 as adding them up from its list; it spares the
// first pass of cutTitles building the list (TestGapScore).
func gapScore(w *[NumFeatures]float32, v float32, ws []word, k int, left, right, hard, dots int) float32 {
	n := len(ws)
	p, q := ws[k].attr, ws[k+1].attr
	v += w[FBias]
	if p&anyPrevMark != 0 {
		for _, m := range prevMarks {
			if p&m.a != 0 {
				v += w[m.f]
			}
		}
	}
	if q&aSep != 0 {
		v += w[FNextSep]
	}
	upperAfterLower := q&aStartUpper != 0 && p&aEndLower != 0
	switch {
	case ws[k+1].nospace && upperAfterLower:
		v += w[FCamel]
	case ws[k+1].nospace:
		v += w[FNoSpacePunct]
	case upperAfterLower:
		v += w[FUpperAfterLower]
	}
	if q&aStartLower != 0 {
		v += w[FNextLower]
	}
	if p&aDigit != 0 {
		v += w[FPrevDigit]
	}
	if q&aDigit != 0 {
		v += w[FNextDigit]
	}
	if q&aStartOpen != 0 {
		v += w[FNextOpen]
	}
	plain := p&aEndPlain != 0
	if plain {
		v += w[FPrevPlain]
	}
	mk := markOf(p)
	v += w[FMarkLeft+mk*6+Feature(bucket(left))]
	v += w[FMarkRight+mk*6+Feature(bucket(right))]
	v += w[FMarkDensity+mk*4+densityLevel(hard, n)]
	v += w[FMarkDots+mk*3+dotsLevel(dots, n)]
	if p&aHard != 0 {
		if left <= 16 && right <= 16 {
			v += w[FHardShortBoth]
		}
		if left > 30 || right > 30 {
			v += w[FHardLong]
		}
	}
	if plain && hard*20 >= n && hard > 0 {
		v += w[FPlainDense]
		if left+right > 12 {
			v += w[FPlainLongRun]
		}
	}
	return v
}

// densityLevel buckets a line's hard marks per word for FMarkDensity.
func densityLevel(hard, n int) Feature {
	switch {
	case hard == 0:
		return 0
	case hard*20 < n:
		return 1
	case hard*8 < n:
		return 2
	}
	return 3
}

// dotsLevel buckets a line's periods per word for FMarkDots.
func dotsLevel(dots, n int) Feature {
	switch {
	case dots == 0:
		return 0
	case dots*25 < n:
		return 1
	}
	return 2
}

// markOf classifies the mark ending a word for the conjunction features
// (markOfBits, looked up by the bits it reads).
func markOf(a wattr) Feature {
	return Feature(markTable[a&markLowBits|a>>markPlainShift&1<<markBitsLow])
}

// The attribute bits markOf reads: the eight lowest and aEndPlain.
const (
	markLowBits    = 1<<8 - 1
	markBitsLow    = 8
	markPlainShift = 13 // aEndPlain == 1 << markPlainShift
)

// markTable is markOfBits of every combination of the bits markOf reads.
var markTable = func() (t [1 << (markBitsLow + 1)]uint8) {
	for i := range t {
		a := wattr(i&markLowBits) | wattr(i>>markBitsLow)<<markPlainShift
		t[i] = uint8(markOfBits(a))
	}
	return t
}()

// markOfBits is markOf computed from the attribute bits.
func markOfBits(a wattr) Feature {
	switch {
	case a&aMedia != 0:
		return 3
	case a&(aQuestion|aExclaim) != 0:
		return 1
	case a&aDot != 0:
		return 2
	case a&aClose != 0:
		return 4
	case a&(aComma|aColon) != 0:
		return 5
	case a&aSep != 0:
		return 6
	case a&aEndPlain != 0:
		return 0
	}
	return 7
}

// hardRuns fills left[k] (words since the last hard mark, through word k)
// and right[k] (words from k+1 through the next hard word or the line's
// end), and counts the hard words and the words ending in a period.
func hardRuns(ws []word, left, right []int) ([]int, []int, int, int) {
	left, right = left[:0], right[:0]
	hard, dots, last := 0, 0, -1
	for k := range ws {
		left = append(left, k-last)
		right = append(right, 0)
		if ws[k].attr&aHard != 0 {
			hard++
			last = k
		}
		if ws[k].attr&aDot != 0 {
			dots++
		}
	}
	n := len(ws)
	next := n - 1
	for k := n - 2; k >= 0; k-- {
		if ws[k+1].attr&aHard != 0 {
			next = k + 1
		}
		right[k] = next - k
	}
	return left, right, hard, dots
}

// cohesionFeature returns the FMarkCohesion feature of the gap after
// ws[k].
func (s *Splitter) cohesionFeature(text string, ws []word, k int, sc *lineScratch) Feature {
	lvl := 0
	if s.Cohesion != nil {
		a, b := s.wordInfo(text, &ws[k], sc), s.wordInfo(text, &ws[k+1], sc)
		if a.ok && b.ok {
			lvl = s.Cohesion.level(a.last, b.first)
		}
	}
	return FMarkCohesion + markOf(ws[k].attr)*numCohLevels + Feature(lvl)
}
