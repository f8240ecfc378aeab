package hubspotschema

import (
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/customermap"
	"github.com/stonecity/sync/quotemap"
)

// quoteSync returns the deal properties quote sync writes and the Quotes
// pipeline with its three stages. Deal properties are separate from the
// company and contact properties of the same name, such as
// sps_customer_id, because HubSpot defines properties per object type.
func quoteSync(portal config.HubSpotPortal) Requirements {
	text := func(name, label string, unique bool) Property {
		return Property{Object: "deals", Name: name, Label: label, Type: "string", FieldType: "text", Unique: unique}
	}

	props := []Property{
		text(quotemap.PropSPSQuoteID, "SPS quote ID", true),
		text(quotemap.PropSPSOpportunityID, "SPS opportunity ID", false),
		text(quotemap.PropSPSQuoteNumber, "SPS quote number", false),
		text(quotemap.PropSPSCustomerID, "SPS customer ID", false),
		text(quotemap.PropSPSSalesRep, "SPS sales rep", false),
		text(quotemap.PropSPSJobName, "SPS job name", false),
		text(quotemap.PropSPSProjectType, "SPS project type", false),
		text(quotemap.PropSPSContentHash, "SPS quote content hash", false),
		{Object: "deals", Name: quotemap.PropSPSRevisionCount, Label: "SPS revision count",
			Type: "number", FieldType: "number"},
		{Object: "deals", Name: quotemap.PropSPSLastSynced, Label: "SPS last synced",
			Type: "datetime", FieldType: "date"},
	}
	// Deals are associated with the company whose sps_customer_id is the
	// quote's customer id, read by that unique property.
	props = append(props, Property{Object: "companies", Name: customermap.PropSPSCustomerID,
		Label: "SPS customer ID", Type: "string", FieldType: "text", Unique: true})
	for _, name := range []string{quotemap.PropDealName, quotemap.PropAmount, quotemap.PropPipeline,
		quotemap.PropDealStage, quotemap.PropCloseDate} {
		props = append(props, Property{Object: "deals", Name: name})
	}

	return Requirements{
		Properties: props,
		Pipelines: []Pipeline{{
			ID:    portal.QuotesPipelineID,
			Label: "Quotes",
			StageIDs: []string{portal.QuoteQuotedStageID, portal.QuoteAcceptedStageID,
				portal.QuoteLostStageID},
		}},
	}
}
