package productmap

import "strconv"

// FieldError reports an SPS product that cannot be synced, such as one
// without a SKU or with a price that is not a number. Retrying does not
// help: the record must be fixed in SPS.
type FieldError struct {
	// ProductID is the SPS product id, 0 when the record has none.
	ProductID int64
	// Field is the SPS JSON name of the invalid value, such as "sku" or
	// "priceWholesale".
	Field string
	// Reason describes what is wrong with the value.
	Reason string
}

// Error returns a message that names the product, the field and the
// reason.
func (e *FieldError) Error() string {
	return productLabel(e.ProductID) + ": invalid " + e.Field + ": " + e.Reason
}

func productLabel(productID int64) string {
	if productID == 0 {
		return "SPS product without id"
	}
	return "SPS product " + strconv.FormatInt(productID, 10)
}
