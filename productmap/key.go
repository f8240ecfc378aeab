// Package productmap contains the pure rules of product sync. It
// validates SPS products, matches them by a normalised SKU key and keeps
// one product per key. It shapes each product for the three sinks:
// HubSpot products, the Square catalog and the public S3 mirror, which
// never carries a price. It performs no I/O.
package productmap

import "strings"

// Key normalises a SKU for matching: outer white space trimmed, each run
// of Unicode white space inside replaced by one "-", and the result
// upper-cased with Unicode case mapping. So " cal-oro-3cm" and
// "CAL ORO  3CM" both give "CAL-ORO-3CM". Key returns "" when nothing but
// white space is left. Invalid UTF-8 bytes become U+FFFD.
func Key(sku string) string {
	return strings.ToUpper(strings.Join(strings.Fields(sku), "-"))
}
