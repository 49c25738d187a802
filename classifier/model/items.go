package model

import "github.com/winnowhq/winnow/classifier/segment"

// groupItems turns on the first pass's repeated-item features (HTML; a
// model file records it in its feature groups): for a block whose
// element repeats on the page (Block.Sig shared by at least three
// blocks), how many distinct parent and grandparent elements the blocks
// of its signature sit in, as a share of them. The paragraphs of an
// article are siblings in one parent (a low share); the items of a
// comment thread, a teaser list of title+summary cards or a product grid
// each sit in an element of their own (a share near one) — evidence that
// does not depend on the language.
const groupItems = 1 << 6

var (
	kItems     = newKey(nsStruct, "items").upTo(9 * 8)
	kItemsXLen = newKey(nsStruct, "itemsxlen").upTo(9 * 16)
)

// itemGroup counts the blocks of one signature and the distinct parent
// and grandparent elements they sit in.
type itemGroup struct {
	n, parents, grands int32
	parent, grand      string // of the group's last block
}

// itemScratch holds the per-document repeated-item facts.
type itemScratch struct {
	groups map[uint64]int32 // signature -> index into pool
	pool   []itemGroup
	group  []int32 // per block: its index into pool (blocks that repeat)
	code   []int16 // per block: the kItems value + 1 (0: none)
}

// shareThird buckets part/whole into 0 (at most a third), 1, 2 (over two
// thirds).
func shareThird(part, whole int32) int {
	switch {
	case 3*part <= whole:
		return 0
	case 3*part <= 2*whole:
		return 1
	}
	return 2
}

// prepareItems computes the kItems code of every block of doc.
func (t *itemScratch) prepareItems(doc *segment.Doc) {
	nb := len(doc.Blocks)
	if cap(t.code) < nb {
		t.code = make([]int16, nb)
		t.group = make([]int32, nb)
	}
	t.code, t.group = t.code[:nb], t.group[:nb]
	clear(t.code)
	if !doc.HTML {
		return
	}
	if t.groups == nil {
		t.groups = make(map[uint64]int32)
	}
	clear(t.groups)
	t.pool = t.pool[:0]
	// Blocks of one signature sit at one depth, so two of them share a
	// parent only if no block of the signature under another parent
	// comes between them (a parent's subtree is one run of the
	// document): counting the changes of parent in document order
	// counts the distinct parents.
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if b.Repeat < 3 {
			continue
		}
		k, ok := t.groups[b.Sig]
		if !ok {
			k = int32(len(t.pool))
			t.pool = append(t.pool, itemGroup{})
			t.groups[b.Sig] = k
		}
		t.group[i] = k
		g := &t.pool[k]
		p := segment.ParentPath(b.Path)
		gp := segment.ParentPath(p)
		if g.n == 0 || p != g.parent {
			g.parents++
		}
		if g.n == 0 || gp != g.grand {
			g.grands++
		}
		g.n++
		g.parent, g.grand = p, gp
	}
	for i := range doc.Blocks {
		if doc.Blocks[i].Repeat < 3 {
			continue
		}
		g := &t.pool[t.group[i]]
		if g.n < 3 {
			continue
		}
		c := shareThird(g.parents, g.n)*3 + shareThird(g.grands, g.n)
		t.code[i] = int16(c*8+min(countB(int(g.n)), 7)) + 1
	}
}

// itemFeatures adds block i's repeated-item features.
func (x *extractor) itemFeatures(i int, st *blockStats) {
	c := int(x.items.code[i]) - 1
	if c < 0 {
		return
	}
	x.s.feat(kItems, c, 1)
	x.s.feat(kItemsXLen, (c/8)*16+min(log2b(st.tokens), 15), 1)
}
