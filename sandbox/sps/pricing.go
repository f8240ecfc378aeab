package sps

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/stonecity/sync/clients/sps"
)

// statusQuoted is the transactionStatus of a new quote.
const statusQuoted = "Quoted"

// productStatusActive is the status of a product that can be quoted.
const productStatusActive = "Active"

// normalizeSKU folds case and drops whitespace, so " grn-blk-3cm " finds
// GRN-BLK-3CM.
func normalizeSKU(sku string) string {
	return strings.ToUpper(strings.Join(strings.Fields(sku), ""))
}

// priceLines resolves every line's SKU to an active product, prices it,
// and returns the stored lines and the total in cents. A line that cannot
// be priced returns a message naming the line (from 0) and its SKU. It
// runs under the simulator's lock.
func (s *Simulator) priceLines(requested []newQuoteLineRequest) ([]sps.QuoteLine, int64, string) {
	// Ids ascend, so of two active products with one SKU the lower id wins.
	bySKU := map[string]sps.Product{}
	for _, id := range s.data.products.ids {
		p := s.data.products.rows[id]
		key := normalizeSKU(p.SKU)
		if _, taken := bySKU[key]; !taken && strings.EqualFold(p.Status, productStatusActive) {
			bySKU[key] = p
		}
	}

	lines := make([]sps.QuoteLine, 0, len(requested))
	var total int64
	for i, line := range requested {
		product, ok := bySKU[normalizeSKU(line.SKU)]
		if line.SKU == "" || !ok {
			return nil, 0, fmt.Sprintf("lines[%d]: SKU %q is not an active product.", i, line.SKU)
		}
		quantity, ok := positiveRat(line.Quantity)
		if !ok {
			return nil, 0, fmt.Sprintf("lines[%d] (SKU %s): quantity %q is not a positive number.", i,
				product.SKU, line.Quantity.String())
		}
		price := line.UnitPrice
		if !price.IsSet() {
			price = product.PriceContractor
		}
		unit, ok := nonNegativeRat(price)
		if !ok {
			return nil, 0, fmt.Sprintf("lines[%d] (SKU %s): no valid unit price; the product has no contractor "+
				"price, so send unitPrice.", i, product.SKU)
		}

		total += centsOf(new(big.Rat).Mul(quantity, unit))
		description := line.Description
		if description == "" {
			description = product.Name
		}
		lines = append(lines, sps.QuoteLine{
			ItemID:      sps.MustDecimal(strconv.FormatInt(product.ID, 10)),
			SKU:         product.SKU,
			Description: description,
			Quantity:    line.Quantity,
			UnitPrice:   price,
		})
	}
	return lines, total, ""
}

// positiveRat parses a Decimal above 0.
func positiveRat(d sps.Decimal) (*big.Rat, bool) {
	r, ok := nonNegativeRat(d)
	return r, ok && r.Sign() > 0
}

// nonNegativeRat parses a Decimal of 0 or more.
func nonNegativeRat(d sps.Decimal) (*big.Rat, bool) {
	if !d.IsSet() {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(d.String())
	return r, ok && r.Sign() >= 0
}

// centsOf returns the amount in dollars r in whole cents, half a cent
// rounded up. r is not negative.
func centsOf(r *big.Rat) int64 {
	cents := new(big.Rat).Mul(r, big.NewRat(100, 1))
	cents.Add(cents, big.NewRat(1, 2))
	whole := new(big.Int).Quo(cents.Num(), cents.Denom())
	return whole.Int64()
}

// formatCents formats a non-negative amount of cents as dollars with two
// decimals, such as "18450.75".
func formatCents(cents int64) string {
	return fmt.Sprintf("%d.%02d", cents/100, cents%100)
}

// nextQuoteNumberLocked returns one more than the highest n of the stored
// "Q-<n>" transaction numbers, so created quotes never reuse a number.
func (s *Simulator) nextQuoteNumberLocked() int64 {
	var highest int64
	for _, q := range s.data.quotes.rows {
		digits, ok := strings.CutPrefix(q.TransactionNumber, "Q-")
		if !ok {
			continue
		}
		if n, err := strconv.ParseInt(digits, 10, 64); err == nil && n > highest {
			highest = n
		}
	}
	return highest + 1
}
