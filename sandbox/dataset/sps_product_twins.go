package dataset

import (
	"strconv"
	"time"

	"github.com/stonecity/sync/clients/sps"
)

// twinKind is how the two records of a duplicate pair differ in status
// and date, which decides the record a sync keeps.
type twinKind int

const (
	twinNewerWins   twinKind = iota // both active: the later modifiedDate wins
	twinSameDate                    // both active, same modifiedDate: the lower id wins
	twinOriginalOff                 // the original is inactive: the twin wins
	twinTwinOff                     // the twin is inactive: the original wins
)

// twinKindOf spreads the pairs over the kinds: three in five have both
// records active (one in ten of all pairs with the same date), the rest
// have one inactive record.
func twinKindOf(i int) twinKind {
	switch {
	case i%10 == 0:
		return twinSameDate
	case i%5 == 3:
		return twinOriginalOff
	case i%5 == 4:
		return twinTwinOff
	default:
		return twinNewerWins
	}
}

// addTwins picks count active products and appends a twin of each: a
// record whose SKU is written differently but has the same key, with an
// older price. It returns the records and the pairs.
func (b *productBuilder) addTwins(records []plannedProduct, count int) ([]plannedProduct, []productGroup) {
	r := b.r
	var groups []productGroup
	for _, i := range r.Perm(len(records)) {
		if len(groups) == count {
			break
		}
		if records[i].Status != spsProductActive {
			continue
		}

		original := &records[i]
		twin := *original
		twin.SKU = twinSKU(original.key, original.SKU, len(groups))
		twin.PriceWholesale = b.olderPrice(original.PriceWholesale)
		twin.PriceContractor = b.olderPrice(original.PriceContractor)
		twin.mentionsPrice = false
		if original.mentionsPrice || twin.Description != "" && chance(r, 0.5) {
			twin.Description = "Duplicate item — see " + original.key + "."
		}

		grp := productGroup{original: i, twin: len(records)}
		grp.kept = b.dateTwins(original, &twin, twinKindOf(len(groups)), grp)
		records = append(records, twin)
		groups = append(groups, grp)
	}

	return records, groups
}

// dateTwins sets the status and modifiedDate of a pair for kind and
// returns the index of the record a sync keeps. For twinSameDate the lower
// id wins, which assignIDs decides later.
func (b *productBuilder) dateTwins(original, twin *plannedProduct, kind twinKind, grp productGroup) int {
	r := b.r
	older := b.g.now.Add(-randomDuration(r, 400*24*time.Hour, 3*365*24*time.Hour)).Truncate(time.Second)
	newer := older.Add(randomDuration(r, time.Hour, 365*24*time.Hour)).Truncate(time.Second)
	originalNewer := chance(r, 0.5)
	if originalNewer {
		original.ModifiedDate, twin.ModifiedDate = sps.NewTime(newer), sps.NewTime(older)
	} else {
		original.ModifiedDate, twin.ModifiedDate = sps.NewTime(older), sps.NewTime(newer)
	}

	switch kind {
	case twinSameDate:
		twin.ModifiedDate = original.ModifiedDate
		return grp.original
	case twinOriginalOff:
		original.Status = spsProductInactive
		return grp.twin
	case twinTwinOff:
		twin.Status = spsProductInactive
		return grp.original
	default:
		if originalNewer {
			return grp.original
		}
		return grp.twin
	}
}

// olderPrice returns a price a little below d, as an earlier copy of a
// record has, with a cents part other than .00. An unset d stays unset.
func (b *productBuilder) olderPrice(d sps.Decimal) sps.Decimal {
	cents, ok := centsOf(d)
	if !ok {
		return d
	}
	older := cents - between64(b.r, 1, cents/10+1)
	if older < 1 {
		return d
	}

	return decimalOf(formatCents(distinctCents(older, b.r.IntN(99)+1)))
}

// invalidProducts returns records that no sync can take: emptySKU with an
// empty or blank SKU and emptyName with an empty or blank name, all
// active and priced.
func (b *productBuilder) invalidProducts(emptySKU, emptyName int) []plannedProduct {
	r := b.r
	skus := []string{"", "   ", "", "\t", ""}
	names := []string{"", " ", "", "  ", ""}
	labels := []string{"Sample Board – Assorted", "Freight Surcharge", "Misc. Remnant", "Display Rack", "Core Drill Bit"}

	var records []plannedProduct
	for i := range emptySKU + emptyName {
		p := sps.Product{
			Category: "Miscellaneous",
			Status:   spsProductActive,
			Name:     labels[i%len(labels)],
			SKU:      skus[i%len(skus)],
		}
		if i >= emptySKU {
			p.Name = names[i%len(names)]
			p.SKU = b.unusedSKU("MISC-" + strconv.Itoa(between(r, 1000, 9999)))
			b.taken[p.SKU] = true
		}
		wholesale := b.wholesaleCents(500, 20000)
		p.PriceWholesale = decimalOf(formatCents(wholesale))
		p.PriceContractor = decimalOf(formatCents(contractorCents(r, wholesale)))
		p.ModifiedDate = b.modifiedDate()
		records = append(records, plannedProduct{Product: p})
	}

	return records
}

// centsOf returns a generated price in cents; ok is false when unset.
func centsOf(d sps.Decimal) (int64, bool) {
	if !d.IsSet() {
		return 0, false
	}
	whole, fraction, _ := cutDecimal(d.String())
	fraction = (fraction + "00")[:2]
	w, err1 := strconv.ParseInt(whole, 10, 64)
	f, err2 := strconv.ParseInt(fraction, 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}

	return w*100 + f, true
}

func cutDecimal(s string) (whole, fraction string, found bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return s[:i], s[i+1:], true
		}
	}

	return s, "", false
}
