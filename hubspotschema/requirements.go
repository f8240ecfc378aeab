// Package hubspotschema describes the HubSpot properties, enumeration
// options, pipelines and stages each sync writes, creates what is missing
// (Setup) and checks a live portal before a sync touches a record
// (Check).
package hubspotschema

import (
	"slices"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/customermap"
	"github.com/stonecity/sync/ordermap"
)

// Sync kinds with schema requirements.
const (
	KindOrderSync    = "order-sync"
	KindCustomerSync = "customer-sync"
	KindQuoteSync    = "quote-sync"
	// KindQuoteBuilder is the quote builder, which pushes HubSpot deals to
	// SPS quotes.
	KindQuoteBuilder = "quote-builder"
	KindProductSync  = "product-sync"
)

// SetupCommand is the command that fixes what Check reports.
const SetupCommand = "go run ./starter hubspot setup"

// Property is a property a sync writes. A property with an empty Type is a
// HubSpot standard property: it is only checked for existence.
type Property struct {
	Object    string
	Name      string
	Label     string
	Type      string
	FieldType string
	Unique    bool
	// Options are enumeration values the sync writes; Setup adds missing
	// ones, keeping every existing option.
	Options []string
}

// Pipeline is a deal pipeline with the stages a sync writes.
type Pipeline struct {
	ID       string
	Label    string
	StageIDs []string
}

// Requirements are the properties and pipelines one or more syncs need
// in the portal.
type Requirements struct {
	Properties []Property
	Pipelines  []Pipeline
}

// LeadStatusOptions are the hs_lead_status values the product uses:
// NEW comes from web forms, QUOTE and SALES_ORDER from the sales team,
// SQUARE_POS from order sync and SPS_B2B from customer sync.
var LeadStatusOptions = []string{"NEW", "QUOTE", "SALES_ORDER", "UNQUALIFIED", "SQUARE_POS", "SPS_B2B"}

// groupNames are HubSpot's default property groups per object type.
var groupNames = map[string]string{
	"contacts":   "contactinformation",
	"companies":  "companyinformation",
	"deals":      "dealinformation",
	"line_items": "lineiteminformation",
	"products":   "productinformation",
}

// ForKind returns the requirements of one sync kind.
func ForKind(kind string, portal config.HubSpotPortal) Requirements {
	switch kind {
	case KindOrderSync:
		return orderSync(portal)
	case KindCustomerSync:
		return customerSync()
	case KindQuoteSync:
		return quoteSync(portal)
	case KindQuoteBuilder:
		return quoteBuilder()
	case KindProductSync:
		return productSync()
	default:
		return Requirements{}
	}
}

// All returns the requirements of every sync, merged, for Setup.
func All(portal config.HubSpotPortal) Requirements {
	req := merge(orderSync(portal), customerSync(), quoteSync(portal), productSync(), quoteBuilder())
	// Setup writes the product's full lead status list, so every sync's
	// option exists before the first run of that sync.
	for i, p := range req.Properties {
		if p.Object == "contacts" && p.Name == "hs_lead_status" {
			req.Properties[i].Options = LeadStatusOptions
		}
	}
	return req
}

// merge combines requirements; a property named twice is kept once, with
// the options of both and the type of the first that has one.
func merge(parts ...Requirements) Requirements {
	var out Requirements
	index := map[string]int{}
	for _, part := range parts {
		for _, p := range part.Properties {
			key := p.Object + "." + p.Name
			i, seen := index[key]
			if !seen {
				index[key] = len(out.Properties)
				p.Options = append([]string(nil), p.Options...)
				out.Properties = append(out.Properties, p)
				continue
			}
			have := &out.Properties[i]
			if have.Type == "" {
				options := have.Options
				*have = p
				have.Options = options
			}
			for _, o := range p.Options {
				if !slices.Contains(have.Options, o) {
					have.Options = append(have.Options, o)
				}
			}
		}
		out.Pipelines = append(out.Pipelines, part.Pipelines...)
	}
	return out
}

func orderSync(portal config.HubSpotPortal) Requirements {
	text := func(object, name, label string, unique bool) Property {
		return Property{Object: object, Name: name, Label: label, Type: "string", FieldType: "text", Unique: unique}
	}
	standard := func(object string, names ...string) []Property {
		var out []Property
		for _, n := range names {
			out = append(out, Property{Object: object, Name: n})
		}
		return out
	}

	props := []Property{
		text("deals", ordermap.PropSquareOrderID, "Square order ID", true),
		{Object: "deals", Name: ordermap.PropSquareClosedAt, Label: "Square closed at", Type: "datetime", FieldType: "date"},
		text("deals", ordermap.PropPaymentMethod, "Payment method", false),
		text("contacts", ordermap.PropSquareCustomerID, "Square customer ID", true),
		text("contacts", ordermap.PropPhoneE164, "Phone (E.164)", true),
		{Object: "contacts", Name: ordermap.PropLastPurchaseDate, Label: "Last purchase date", Type: "date", FieldType: "date"},
		{Object: "contacts", Name: ordermap.PropVIPCustomer, Label: "VIP customer", Type: "bool", FieldType: "booleancheckbox"},
		{Object: "contacts", Name: "hs_lead_status", Options: []string{ordermap.LeadStatusSquarePOS}},
		text("companies", ordermap.PropCompanyKey, "Square company key", true),
		text("line_items", ordermap.PropLineItemUID, "Square line item UID", true),
		text("line_items", ordermap.PropCatalogObjectID, "Square catalog object ID", false),
	}
	props = append(props, standard("deals", "dealname", "amount", "pipeline", "dealstage", "closedate")...)
	props = append(props, standard("contacts", "email", "firstname", "lastname", "phone", "company")...)
	props = append(props, standard("companies", "name", "domain")...)
	props = append(props, standard("line_items", "name", "quantity", "price", "hs_sku")...)

	return Requirements{
		Properties: props,
		Pipelines: []Pipeline{{
			ID:       portal.SquarePipelineID,
			Label:    "Square POS",
			StageIDs: []string{portal.SquareClosedWonStageID},
		}},
	}
}

func customerSync() Requirements {
	text := func(object, name, label string, unique bool) Property {
		return Property{Object: object, Name: name, Label: label, Type: "string", FieldType: "text", Unique: unique}
	}
	return Requirements{Properties: []Property{
		text("companies", customermap.PropSPSCustomerID, "SPS customer ID", true),
		text("companies", customermap.PropSPSCustomerCode, "SPS customer code", false),
		text("companies", customermap.PropSPSCustomerType, "SPS customer type", false),
		text("companies", customermap.PropSPSPriceLevel, "SPS price level", false),
		text("companies", customermap.PropSPSPaymentTerms, "SPS payment terms", false),
		{Object: "companies", Name: customermap.PropSPSCreditLimit, Label: "SPS credit limit", Type: "number", FieldType: "number"},
		text("companies", customermap.PropSPSSalesRep, "SPS sales rep", false),
		{Object: "companies", Name: customermap.PropSPSIsTaxExempt, Label: "SPS tax exempt", Type: "bool", FieldType: "booleancheckbox"},
		{Object: "companies", Name: customermap.PropSPSLastSynced, Label: "SPS last synced", Type: "datetime", FieldType: "date"},
		{Object: "companies", Name: "name"},
		{Object: "companies", Name: "domain"},
		// Many contacts share one SPS customer, so the contact property is
		// not unique.
		text("contacts", customermap.PropSPSCustomerID, "SPS customer ID", false),
		text("contacts", customermap.PropSPSCustomerType, "SPS customer type", false),
		text("contacts", customermap.PropSPSPriceLevel, "SPS price level", false),
		text("contacts", customermap.PropSPSSalesRep, "SPS sales rep", false),
		{Object: "contacts", Name: "hs_lead_status", Options: []string{customermap.LeadStatusSPSB2B}},
	}}
}
