package productmap

import (
	"encoding/json"
	"strings"
	"time"
)

// MirrorDocument is the public JSON document of one product in the S3
// mirror. It lists the fields the website may show, so a price or the
// supplier cannot reach the mirror as a field.
type MirrorDocument struct {
	SKU         string `json:"sku"`
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
	Brand       string `json:"brand"`
	Origin      string `json:"origin"`
	ImageURL    string `json:"imageUrl"`
	// UpdatedAt is the SPS modifiedDate in UTC as RFC 3339 with whole
	// seconds, omitted when SPS has none.
	UpdatedAt string `json:"updatedAt,omitempty"`
}

// MirrorDocumentFor returns the public document of p. Every text field
// except the SKU, key and image URL goes through ScrubPrices and then
// loses any remaining copy of p's own prices ("84.37", "1,204.16"), such
// as one followed by a unit that ScrubPrices reads as a size.
//
// NOTE: the SKU and image URL are published as SPS has them, even in the
// unlikely case that they contain a price.
func MirrorDocumentFor(p Product) MirrorDocument {
	scrub := func(text string) string { return removeOwnPrices(ScrubPrices(text), p) }

	d := MirrorDocument{
		SKU:         p.SKU,
		Key:         p.Key,
		Name:        scrub(p.Name),
		Description: scrub(p.Description),
		Category:    scrub(p.Category),
		Subcategory: scrub(p.Subcategory),
		Type:        scrub(p.Type),
		Color:       scrub(p.Color),
		Finish:      scrub(p.Finish),
		Thickness:   scrub(p.Thickness),
		Dimensions:  scrub(p.Dimensions),
		Brand:       scrub(p.Brand),
		Origin:      scrub(p.Origin),
		ImageURL:    p.ImageURL,
	}
	if !p.ModifiedDate.IsZero() {
		d.UpdatedAt = p.ModifiedDate.UTC().Truncate(time.Second).Format(time.RFC3339)
	}
	return d
}

// removeOwnPrices removes every copy of p's prices written with two
// decimals, with or without thousands separators, in the US form
// ("1,204.16") or the European one ("1.204,16"), from text.
func removeOwnPrices(text string, p Product) string {
	var forms []string
	for _, cents := range []*int64{p.WholesaleCents, p.ContractorCents} {
		if cents != nil {
			plain := formatCents(*cents)
			forms = append(forms, groupThousands(plain), plain, decimalComma(groupThousands(plain)),
				decimalComma(plain))
		}
	}

	changed := false
	for found := true; found; {
		found = false
		for _, form := range forms {
			if strings.Contains(text, form) {
				text = strings.ReplaceAll(text, form, " ")
				found, changed = true, true
			}
		}
	}
	if changed {
		return tidySpacing(text)
	}
	return text
}

// decimalComma swaps "." and "," in a decimal, giving the European form:
// "1,204.16" becomes "1.204,16".
func decimalComma(us string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '.':
			return ','
		case ',':
			return '.'
		}
		return r
	}, us)
}

// groupThousands inserts "," between groups of three digits of the whole
// part of plain, a decimal such as "1204.16".
func groupThousands(plain string) string {
	whole, fraction, _ := strings.Cut(plain, ".")
	var b strings.Builder
	for i, digit := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(digit)
	}
	return b.String() + "." + fraction
}

// MirrorJSON returns the canonical bytes of d: the same document always
// gives the same bytes, so an object is rewritten only when it changed.
func MirrorJSON(d MirrorDocument) []byte {
	return canonicalJSON(d)
}

// canonicalJSON encodes v, a MirrorDocument or mirrorIndex. Their fields
// are strings, ints and slices of such structs, which json.Marshal always
// encodes, so the error branch is unreachable.
func canonicalJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return b
}
