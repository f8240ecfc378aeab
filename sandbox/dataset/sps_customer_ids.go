package dataset

import (
	"math/rand/v2"
	"strconv"

	"github.com/stonecity/sync/clients/sps"
)

// finish orders the drafts by rank, puts every head office before its
// branches, gives the drafts increasing ids with a few gaps and sets the
// branches' parent ids and everyone's code.
func (b *spsCustomerBuilder) finish() spsCustomerSet {
	r := b.r
	b.orderByRank()
	b.headOfficesFirst()

	next := int64(between(r, 1001, 1500))
	for _, d := range b.drafts {
		d.c.ID = next
		next++
		if chance(r, 0.1) {
			next += int64(between(r, 1, 4))
		}
	}

	set := spsCustomerSet{
		records: make([]sps.Customer, 0, len(b.drafts)),
		roles:   make([]customerRole, 0, len(b.drafts)),
		cases:   b.cases,
	}
	for _, d := range b.drafts {
		if d.parent != nil {
			d.c.ParentCustomerID = decimalOf(itoa64(d.parent.c.ID))
		}
		d.c.Code = customerCode(r, d)
		set.records = append(set.records, *d.c)
		set.roles = append(set.roles, d.role)
	}

	return set
}

// rankBuckets is the number of buckets orderByRank sorts ranks into.
const rankBuckets = 256

// orderByRank shuffles the drafts and then orders them by rank bucket, a
// linear-time stand-in for a sort by rank: customers of lower rank get
// lower ids, in random order within a bucket.
func (b *spsCustomerBuilder) orderByRank() {
	b.r.Shuffle(len(b.drafts), func(i, j int) { b.drafts[i], b.drafts[j] = b.drafts[j], b.drafts[i] })

	buckets := make([][]*customerDraft, rankBuckets)
	for _, d := range b.drafts {
		i := min(int(d.rank*rankBuckets), rankBuckets-1)
		buckets[i] = append(buckets[i], d)
	}

	b.drafts = b.drafts[:0]
	for _, bucket := range buckets {
		b.drafts = append(b.drafts, bucket...)
	}
}

// headOfficesFirst swaps each branch with its head office when the branch
// comes first, since SPS creates the head office first and so gives it
// the lower id.
func (b *spsCustomerBuilder) headOfficesFirst() {
	position := make(map[*customerDraft]int)
	for i, d := range b.drafts {
		if d.parent != nil {
			position[d] = i
			position[d.parent] = -1
		}
	}
	for i, d := range b.drafts {
		if position[d] == -1 {
			position[d] = i
		}
	}

	for branch, i := range position {
		if branch.parent == nil {
			continue
		}
		if j := position[branch.parent]; j > i {
			b.drafts[i], b.drafts[j] = b.drafts[j], b.drafts[i]
		}
	}
}

// customerCode returns an SPS account code: the initials of a firm or
// placeholder name followed by the id, "R" and the id for some retail
// buyers, and "" on a few records.
func customerCode(r *rand.Rand, d *customerDraft) string {
	switch {
	case chance(r, 0.02):
		return ""
	case d.c.Type == spsRetail && d.role != rolePlaceholder:
		if chance(r, 0.5) {
			return ""
		}
		return "R" + itoa64(d.c.ID)
	}

	code := make([]byte, 0, 16)
	wordStart := true
	for i := 0; i < len(d.c.Name) && len(code) < 4; i++ {
		c := d.c.Name[i]
		if wordStart && (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			code = append(code, c&^0x20)
		}
		wordStart = c == ' '
	}

	return string(strconv.AppendInt(code, d.c.ID, 10))
}
