package productmap

import "strconv"

// HubSpot product property names written by product sync. PropSPSID is
// the unique property products are matched and upserted by.
const (
	PropSPSID           = "sps_id"
	PropName            = "name"
	PropSKU             = "hs_sku"
	PropDescription     = "description"
	PropCategory        = "sps_category"
	PropSubcategory     = "sps_subcategory"
	PropType            = "sps_type"
	PropColor           = "sps_color"
	PropFinish          = "sps_finish"
	PropThickness       = "sps_thickness"
	PropDimensions      = "sps_dimensions"
	PropPriceWholesale  = "price_wholesale"
	PropPriceContractor = "price_contractor"
	PropSupplier        = "sps_supplier"
	PropBrand           = "sps_brand"
	PropOrigin          = "sps_origin"
	PropContentHash     = "sps_content_hash"
)

// HubSpotProperties returns the HubSpot product properties for p. sps_id
// is the decimal id and hs_sku the trimmed SKU as SPS writes it. Every
// text property is present even when "", because an empty value clears a
// stale one. Prices are dollars with two decimals such as "1234.50", and
// a nil price is left out. sps_content_hash is ContentHash(p).
//
// HubSpot rejects "" on a number property when it creates a product, so
// the HubSpot sink adds "" for a removed price only when it updates one.
func HubSpotProperties(p Product) map[string]string {
	props := map[string]string{
		PropSPSID:       strconv.FormatInt(p.ID, 10),
		PropName:        p.Name,
		PropSKU:         p.SKU,
		PropDescription: p.Description,
		PropCategory:    p.Category,
		PropSubcategory: p.Subcategory,
		PropType:        p.Type,
		PropColor:       p.Color,
		PropFinish:      p.Finish,
		PropThickness:   p.Thickness,
		PropDimensions:  p.Dimensions,
		PropSupplier:    p.Supplier,
		PropBrand:       p.Brand,
		PropOrigin:      p.Origin,
		PropContentHash: ContentHash(p),
	}
	if p.WholesaleCents != nil {
		props[PropPriceWholesale] = formatCents(*p.WholesaleCents)
	}
	if p.ContractorCents != nil {
		props[PropPriceContractor] = formatCents(*p.ContractorCents)
	}
	return props
}
