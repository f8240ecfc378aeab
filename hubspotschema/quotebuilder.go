package hubspotschema

import (
	"github.com/stonecity/sync/quotebuild"
)

// quoteBuilder returns the properties the quote builder and the
// QuoteStatus workflow read and stamp. The deal's sps_quote_id is unique,
// so quote sync finds the stamped deal instead of creating a second one.
// The company's sps_customer_id is unique, as customer sync defines it.
func quoteBuilder() Requirements {
	text := func(object, name, label string, unique bool) Property {
		return Property{Object: object, Name: name, Label: label, Type: "string", FieldType: "text", Unique: unique}
	}
	props := []Property{
		text("deals", quotebuild.PropSPSQuoteID, "SPS quote ID", true),
		text("deals", quotebuild.PropSPSQuoteNumber, "SPS quote number", false),
		text("deals", quotebuild.PropSPSCustomerID, "SPS customer ID", false),
		{Object: "deals", Name: quotebuild.PropSPSStatusChangedAt, Label: "SPS status changed at",
			Type: "datetime", FieldType: "date"},
		text("deals", quotebuild.PropSPSQuoteStatus, "SPS quote status", false),
		text("companies", quotebuild.PropSPSCustomerID, "SPS customer ID", true),
	}
	// Only the standard properties the mapping cannot do without are
	// checked; the address parts it also reads are optional.
	for _, name := range []string{"name", "phone"} {
		props = append(props, Property{Object: "companies", Name: name})
	}
	for _, name := range []string{"firstname", "lastname", "email", "phone"} {
		props = append(props, Property{Object: "contacts", Name: name})
	}
	props = append(props, Property{Object: "deals", Name: "dealname"})
	return Requirements{Properties: props}
}
