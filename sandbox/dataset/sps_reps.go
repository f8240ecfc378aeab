package dataset

import (
	"math/rand/v2"

	"github.com/stonecity/sync/clients/sps"
)

// salesRep is an SPS sales rep: the id and name that SPS copies onto
// every customer the rep owns.
type salesRep struct {
	id   int64
	name string
}

// salesReps are Stone City's reps, with weights that give the first ones
// the larger books.
var (
	salesReps = []salesRep{
		{101, "Dana Ortiz"}, {102, "Marcus Bell"}, {103, "Priya Raman"},
		{104, "Tom Kowalczyk"}, {105, "Lisa Chen"}, {106, "Andre Williams"},
		{107, "Kate Sullivan"}, {108, "Jorge Medina"}, {109, "Rachel Stein"},
		{110, "Ben Okafor"}, {111, "Hailey Moreno"}, {112, "Victor Alvarez"},
	}
	salesRepWeights = []int{14, 12, 11, 10, 9, 9, 8, 8, 7, 5, 4, 3}
)

// repNameVariants are salesRepName values that differ from a real rep's
// name only in case or spacing, as typed into SPS by hand. A filter on
// the exact name misses the customers that carry them.
var repNameVariants = []struct {
	rep     int // index into salesReps
	written string
}{
	{0, "dana ortiz"},
	{0, "Dana  Ortiz"},
	{1, "MARCUS BELL"},
	{2, "Priya Raman "},
}

// assignRep sets the customer's rep fields to rep: the rep's name in both
// name fields and the rep's id, which is "" on a few records.
func assignRep(r *rand.Rand, c *sps.Customer, rep salesRep, emptyIDRate float64) {
	c.PrimarySalesRep = rep.name
	c.SalesRepName = rep.name
	c.SalesRepID = rep.decimalID()
	if chance(r, emptyIDRate) {
		c.SalesRepID = sps.EmptyDecimal()
	}
}

// decimalID returns the rep's id as an SPS decimal.
func (rep salesRep) decimalID() sps.Decimal {
	return repIDs[rep.id]
}

// repIDs holds the id of each of salesReps as an SPS decimal.
var repIDs = func() map[int64]sps.Decimal {
	ids := make(map[int64]sps.Decimal, len(salesReps))
	for _, rep := range salesReps {
		ids[rep.id] = decimalOf(itoa64(rep.id))
	}
	return ids
}()

func randomRep(r *rand.Rand) salesRep {
	return salesReps[weighted(r, salesRepWeights)]
}
