package model

import (
	"strings"
)

// pipeline describes the feature pipeline. Any change to what features are
// extracted or how they are hashed must change this string: its hash is the
// model's fingerprint, and a model trained with another pipeline refuses to
// load.
const pipeline = "winnow-features/v6: fnv1a64 ns-prefixed, ints in one round; tokens=fold(ya,kaf,digits,zwnj,tatweel,harakat) " +
	"uni+bi first48+last16 1/sqrt(n); cjk char bigrams; shape(len,chars,punct,digit,latin,arabic,cjk,cyr,upper,short,term,colon,startdigit,title,pipe,date); " +
	"struct(tag,heading,flags,linkdens,links,pathtok+parts<=16,repeat,depth,tagxlen,ldxlen); pos(decile idx,decile off,first,last,nblocks); " +
	"stopwords(share,sharexlen; token.DefaultStopwords); text(split,blank,html); doctitle; nbr(+-1,+-2: len,ld,term,tag,heading); " +
	"pass2(p,argmax,scriptxpc,nbr+-3,win5,win10,dist,cum,conj,containers(path 1..3 up: share,mean,sharexpc,top,topxarg))"

// Feature flag groups for ablations.
const (
	groupTokens = 1 << iota
	groupShape
	groupStruct
	groupContext // neighbour features and the second pass
)

// allGroups enables every feature group: the structure group brings the
// repeated-item features (groupItems) and the context group the
// container link features (groupCLink), which models trained before them
// lack (their files record their groups, and keep their pipeline).
const allGroups = groupTokens | groupShape | groupStruct | groupItems | groupContext | groupCLink

// ParseGroups parses an ablation spec: "tokens", "tokens+shape",
// "tokens+shape+structure", "all" (the default).
func ParseGroups(s string) (int, bool) {
	if s == "" || s == "all" {
		return allGroups, true
	}
	g := 0
	for _, p := range strings.Split(s, "+") {
		switch strings.TrimSpace(p) {
		case "tokens":
			g |= groupTokens
		case "shape":
			g |= groupShape
		case "structure", "struct":
			g |= groupStruct | groupItems
		case "context":
			g |= groupContext | groupCLink
		default:
			return 0, false
		}
	}
	return g, g != 0
}

// Namespaces keep feature kinds apart in the hashed space.
const (
	nsBias byte = iota + 1
	nsUni
	nsBi
	nsShape
	nsStruct
	nsPathTok
	nsPos
	nsText
	nsNbr
	nsTitle
	nsCJK
)
