package dataset

import (
	"math/rand/v2"
	"slices"
	"strconv"

	square "github.com/square/square-go-sdk"
)

// VIPThreshold is the order total, in cents, from which a sale marks the
// buyer as a VIP customer ($5,000.00).
const VIPThreshold int64 = 500000

// Order-size limits in cents. An ordinary order stays below
// normalOrderCap so that, even with a tip, it never reaches VIPThreshold;
// a VIP order reaches at least vipOrderFloor.
const (
	normalOrderCap = 480000
	normalLineCap  = 200000
	vipOrderFloor  = 520000
	maxLines       = 6
)

// lineSpec is one order line before it becomes an OrderLineItem.
type lineSpec struct {
	name          string
	variationName string
	catalogID     string // empty for CUSTOM_AMOUNT lines
	version       int64
	form          saleForm
	unitPrice     int64 // cents per unit
	hundredths    int64 // quantity in hundredths of a unit
}

func (l lineSpec) custom() bool { return l.catalogID == "" }

// gross returns unit price times quantity, rounded half up to a cent.
func (l lineSpec) gross() int64 {
	return (l.unitPrice*l.hundredths + 50) / 100
}

// tax returns the sales tax on the line; CUSTOM_AMOUNT lines (labour,
// delivery) are keyed in untaxed.
func (l lineSpec) tax() int64 {
	if l.custom() {
		return 0
	}

	return (l.gross()*salesTaxBasisPoints + 5000) / 10000
}

func (l lineSpec) total() int64 { return l.gross() + l.tax() }

// quantity formats the quantity as Square does: a decimal string without
// trailing zeros, e.g. "3", "2.5" or "125.75".
func (l lineSpec) quantity() string {
	whole, frac := l.hundredths/100, l.hundredths%100
	switch {
	case frac == 0:
		return strconv.FormatInt(whole, 10)
	case frac%10 == 0:
		return strconv.FormatInt(whole, 10) + "." + strconv.FormatInt(frac/10, 10)
	default:
		return strconv.FormatInt(whole, 10) + "." + strconv.FormatInt(frac/10, 10) + strconv.FormatInt(frac%10, 10)
	}
}

func linesTotal(lines []lineSpec) int64 {
	var sum int64
	for _, l := range lines {
		sum += l.total()
	}

	return sum
}

// Relative weights of line kinds in ordinary orders: area goods, supplies,
// pieces, remnants, slabs, then CUSTOM_AMOUNT lines.
var (
	normalFormWeights = []int{30, 28, 14, 10, 8, 10}
	normalFormOrder   = []saleForm{formArea, formSupply, formPiece, formRemnant, formSlab, formCount}
	lineCountWeights  = []int{30, 25, 18, 12, 8, 7}
)

// normalLines returns one to maxLinesAllowed lines whose total stays
// under normalOrderCap.
func normalLines(r *rand.Rand, cat *catalogSet, maxLinesAllowed int) []lineSpec {
	n := min(1+weighted(r, lineCountWeights), maxLinesAllowed)

	lines := make([]lineSpec, 0, n)
	for range n {
		form := normalFormOrder[weighted(r, normalFormWeights)]
		lines = append(lines, capLine(newLine(r, cat, form, false)))
	}

	for linesTotal(lines) >= normalOrderCap && len(lines) > 1 {
		i := priciestLine(lines)
		lines = slices.Delete(lines, i, i+1)
	}

	return lines
}

// vipLines returns two to maxLines lines, led by slabs or a large tile
// job, whose total reaches vipOrderFloor.
func vipLines(r *rand.Rand, cat *catalogSet) []lineSpec {
	first := newLine(r, cat, formSlab, true)
	if chance(r, 0.3) {
		first = newLine(r, cat, formArea, true)
	}
	lines := []lineSpec{first}

	extra := between(r, 1, maxLines-1)
	for range extra {
		form := []saleForm{formSlab, formArea, formCount, formSupply}[weighted(r, []int{35, 25, 25, 15})]
		lines = append(lines, newLine(r, cat, form, false))
	}

	for linesTotal(lines) < vipOrderFloor {
		lines[0].hundredths += 100
	}

	return lines
}

// exactLines returns lines whose total is exactly target cents, by adding
// an untaxed fabrication charge to an ordinary order of at most
// maxLines-1 lines. target must exceed normalOrderCap.
func exactLines(r *rand.Rand, cat *catalogSet, target int64) []lineSpec {
	lines := normalLines(r, cat, maxLines-1)
	rest := target - linesTotal(lines)

	return append(lines, lineSpec{name: "Fabrication labor", form: formCount, unitPrice: rest, hundredths: 100})
}

// newLine returns a line of the given form; formCount means a
// CUSTOM_AMOUNT line. Large quantities are for VIP orders.
func newLine(r *rand.Rand, cat *catalogSet, form saleForm, large bool) lineSpec {
	if form == formCount || len(cat.byForm[form]) == 0 {
		charge := pick(r, customCharges)
		return lineSpec{
			name:       charge.name,
			form:       formCount,
			unitPrice:  between64(r, charge.low/100, charge.high/100) * 100,
			hundredths: 100,
		}
	}

	s := pick(r, cat.byForm[form])

	return lineSpec{
		name:          s.itemName,
		variationName: s.variationName,
		catalogID:     s.variationID,
		version:       s.version,
		form:          form,
		unitPrice:     s.price,
		hundredths:    quantityHundredths(r, form, large),
	}
}

// quantityHundredths draws a quantity, in hundredths of a unit, typical
// of the form: whole slabs and pieces, fractional square feet.
func quantityHundredths(r *rand.Rand, form saleForm, large bool) int64 {
	switch form {
	case formSlab:
		if large {
			return int64(between(r, 2, 6)) * 100
		}
		if chance(r, 0.15) {
			return 200
		}
		return 100
	case formArea:
		if large {
			return int64(between(r, 250, 900))*100 + int64(between(r, 0, 3))*25
		}
		if chance(r, 0.5) {
			return int64(between(r, 5, 320)) * 50 // halves: "2.5", "97.5"
		}
		return int64(between(r, 800, 16000)) // hundredths: "125.75"
	case formPiece:
		if large {
			return int64(between(r, 200, 900)) * 100
		}
		return int64(between(r, 4, 120)) * 100
	case formRemnant:
		if chance(r, 0.1) {
			return 200
		}
		return 100
	default:
		return int64(between(r, 1, 4)) * 100
	}
}

// capLine halves the quantity of an ordinary line until its gross stays
// under normalLineCap or it is down to one unit. Only square-foot lines
// keep fractions.
func capLine(l lineSpec) lineSpec {
	for l.gross() > normalLineCap && l.hundredths > 100 {
		if l.form == formArea {
			l.hundredths = max(100, l.hundredths/2)
		} else {
			l.hundredths = max(1, l.hundredths/200) * 100
		}
	}

	return l
}

func priciestLine(lines []lineSpec) int {
	best := 0
	for i, l := range lines {
		if l.total() > lines[best].total() {
			best = i
		}
	}

	return best
}

// lineItem converts l to Square's shape; taxUID names the order's sales
// tax applied to catalog lines.
func lineItem(r *rand.Rand, ids *idMaker, l lineSpec, taxUID string) *square.OrderLineItem {
	item := &square.OrderLineItem{
		UID:                      square.String(ids.uid(r)),
		Name:                     square.String(l.name),
		Quantity:                 l.quantity(),
		ItemType:                 square.OrderLineItemItemTypeCustomAmount.Ptr(),
		BasePriceMoney:           usd(l.unitPrice),
		VariationTotalPriceMoney: usd(l.gross()),
		GrossSalesMoney:          usd(l.gross()),
		TotalTaxMoney:            usd(l.tax()),
		TotalDiscountMoney:       usd(0),
		TotalServiceChargeMoney:  usd(0),
		TotalMoney:               usd(l.total()),
	}
	if l.custom() {
		return item
	}

	item.ItemType = square.OrderLineItemItemTypeItem.Ptr()
	item.CatalogObjectID = square.String(l.catalogID)
	item.CatalogVersion = square.Int64(l.version)
	item.VariationName = square.String(l.variationName)
	item.AppliedTaxes = []*square.OrderLineItemAppliedTax{{
		UID:          square.String(ids.uid(r)),
		TaxUID:       taxUID,
		AppliedMoney: usd(l.tax()),
	}}
	if l.form == formArea {
		item.QuantityUnit = squareFeet()
	}

	return item
}

// squareFeet is the measurement unit of tile and mosaic lines, with two
// decimal places.
func squareFeet() *square.OrderQuantityUnit {
	return &square.OrderQuantityUnit{
		MeasurementUnit: &square.MeasurementUnit{
			AreaUnit: square.MeasurementUnitAreaImperialSquareFoot.Ptr(),
			Type:     square.MeasurementUnitUnitTypeTypeArea.Ptr(),
		},
		Precision: square.Int(2),
	}
}
