package productmap

import (
	"strings"
	"time"
	"unicode"

	"github.com/stonecity/sync/clients/sps"
)

// MaxSKUBytes is the longest SKU, in UTF-8 bytes after trimming, that
// FromSPS accepts. Escaped for the mirror, a SKU of this length still
// fits S3's 1,024-byte object key limit with room to spare.
const MaxSKUBytes = 100

// Product is a validated SPS product ready for the sinks. It is stored as
// JSON in a private snapshot between activities, so it carries prices and
// must never be written to the public mirror as is.
type Product struct {
	// ID is the SPS product id, always positive.
	ID int64 `json:"id"`
	// SKU is the SKU as SPS has it, with outer white space trimmed.
	SKU string `json:"sku"`
	// Key is Key(SKU), never "": the identity of the product in every sink.
	Key         string `json:"key"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Category    string `json:"category"`
	Subcategory string `json:"subcategory"`
	Type        string `json:"type"`
	Color       string `json:"color"`
	Finish      string `json:"finish"`
	Thickness   string `json:"thickness"`
	Dimensions  string `json:"dimensions"`
	Supplier    string `json:"supplier"`
	Brand       string `json:"brand"`
	Origin      string `json:"origin"`
	ImageURL    string `json:"imageUrl"`
	// Active is true when the SPS status is "Active", ignoring case and
	// outer spaces. Every other status, "" included, is inactive.
	Active bool `json:"active"`
	// WholesaleCents and ContractorCents are the prices in US cents, nil
	// when SPS has no price ("" or null).
	WholesaleCents  *int64 `json:"wholesaleCents,omitempty"`
	ContractorCents *int64 `json:"contractorCents,omitempty"`
	// ModifiedDate is the SPS modifiedDate in UTC, zero when unset.
	ModifiedDate time.Time `json:"modifiedDate,omitzero"`
}

// FromSPS validates p and converts it to a Product. Text fields are
// trimmed and invalid UTF-8 is replaced with U+FFFD. Prices with more than
// two decimal places are rounded half up to the cent. The error is a
// *FieldError naming the product id and the field:
//   - "id" when it is not positive,
//   - "sku" when it is empty, longer than MaxSKUBytes or contains a
//     control character,
//   - "name" when it is empty,
//   - "priceWholesale" or "priceContractor" when the price is not a plain
//     decimal, is negative or has more than 15 digits before the point.
func FromSPS(p sps.Product) (Product, error) {
	if p.ID <= 0 {
		return Product{}, &FieldError{ProductID: p.ID, Field: "id", Reason: "must be a positive integer"}
	}

	sku := cleanText(p.SKU)
	if err := checkSKU(p.ID, sku); err != nil {
		return Product{}, err
	}
	name := cleanText(p.Name)
	if name == "" {
		return Product{}, &FieldError{ProductID: p.ID, Field: "name", Reason: "is empty"}
	}

	wholesale, err := priceCents(p.ID, "priceWholesale", p.PriceWholesale)
	if err != nil {
		return Product{}, err
	}
	contractor, err := priceCents(p.ID, "priceContractor", p.PriceContractor)
	if err != nil {
		return Product{}, err
	}

	return Product{
		ID:              p.ID,
		SKU:             sku,
		Key:             Key(sku),
		Name:            name,
		Description:     cleanText(p.Description),
		Category:        cleanText(p.Category),
		Subcategory:     cleanText(p.Subcategory),
		Type:            cleanText(p.Type),
		Color:           cleanText(p.Color),
		Finish:          cleanText(p.Finish),
		Thickness:       cleanText(p.Thickness),
		Dimensions:      cleanText(p.Dimensions),
		Supplier:        cleanText(p.Supplier),
		Brand:           cleanText(p.Brand),
		Origin:          cleanText(p.Origin),
		ImageURL:        cleanText(p.ImageURL),
		Active:          strings.EqualFold(strings.TrimSpace(p.Status), "Active"),
		WholesaleCents:  wholesale,
		ContractorCents: contractor,
		ModifiedDate:    p.ModifiedDate.Time(),
	}, nil
}

// checkSKU returns a *FieldError when the trimmed sku cannot identify a
// product in every sink.
func checkSKU(id int64, sku string) error {
	switch {
	case sku == "":
		return &FieldError{ProductID: id, Field: "sku", Reason: "is empty"}
	case len(sku) > MaxSKUBytes:
		return &FieldError{ProductID: id, Field: "sku", Reason: "is longer than 100 bytes"}
	case strings.IndexFunc(sku, unicode.IsControl) >= 0:
		return &FieldError{ProductID: id, Field: "sku", Reason: "contains a control character"}
	}
	return nil
}

// cleanText trims s and replaces invalid UTF-8 with U+FFFD, so every sink
// and the content hash see the same text.
func cleanText(s string) string {
	return strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
}
