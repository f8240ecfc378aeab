package hubspotschema

import "github.com/stonecity/sync/productmap"

// productSync returns the product properties product sync writes: sps_id,
// the unique key it upserts by, the SPS catalogue fields, the two price
// levels and the content hash that lets a rerun skip unchanged products.
// name, hs_sku and description are HubSpot standard product properties.
func productSync() Requirements {
	text := func(name, label string) Property {
		return Property{Object: "products", Name: name, Label: label, Type: "string", FieldType: "text"}
	}
	number := func(name, label string) Property {
		return Property{Object: "products", Name: name, Label: label, Type: "number", FieldType: "number"}
	}

	props := []Property{
		{Object: "products", Name: productmap.PropSPSID, Label: "SPS product ID", Type: "string",
			FieldType: "text", Unique: true},
		text(productmap.PropCategory, "SPS category"),
		text(productmap.PropSubcategory, "SPS subcategory"),
		text(productmap.PropType, "SPS type"),
		text(productmap.PropColor, "SPS color"),
		text(productmap.PropFinish, "SPS finish"),
		text(productmap.PropThickness, "SPS thickness"),
		text(productmap.PropDimensions, "SPS dimensions"),
		text(productmap.PropSupplier, "SPS supplier"),
		text(productmap.PropBrand, "SPS brand"),
		text(productmap.PropOrigin, "SPS origin"),
		text(productmap.PropContentHash, "SPS product content hash"),
		number(productmap.PropPriceWholesale, "Wholesale price"),
		number(productmap.PropPriceContractor, "Contractor price"),
	}
	for _, name := range []string{productmap.PropName, productmap.PropSKU, productmap.PropDescription} {
		props = append(props, Property{Object: "products", Name: name})
	}
	return Requirements{Properties: props}
}
