// Package quotemap holds the rules of quote sync, which copies SPS quotes to
// HubSpot deals in the Quotes pipeline. It maps a quote's state to a deal
// stage, builds the deal's properties, hashes the quote's content to count
// revisions, and picks the properties that changed. It is pure: it performs
// no I/O, and the caller decides what to create, update or skip.
package quotemap

import "github.com/stonecity/sync/hubspotvalue"

// Custom HubSpot deal properties written by quote sync. HubSpot schema setup
// creates them with the types and unique-value flags noted here; every one
// not marked otherwise is a string.
const (
	// PropSPSQuoteID is the SPS quote id in decimal, a unique-value
	// property and the deal's dedup key.
	PropSPSQuoteID = "sps_quote_id"
	// PropSPSOpportunityID is the SPS opportunity id in decimal.
	PropSPSOpportunityID = "sps_opportunity_id"
	// PropSPSQuoteNumber is the SPS transaction number, such as "Q-10482".
	PropSPSQuoteNumber = "sps_quote_number"
	// PropSPSRevisionCount is how many times the quote's content changed
	// after its first sync, a number. NextRevision computes it.
	PropSPSRevisionCount = "sps_revision_count"
	// PropSPSContentHash is ContentHash of the quote as last synced, which
	// decides whether the next sync is a revision.
	PropSPSContentHash = "sps_quote_hash"
	// PropSPSCustomerID is the SPS customer id in decimal, the key that links
	// the deal to the company with the same sps_customer_id.
	PropSPSCustomerID = "sps_customer_id"
	// PropSPSSalesRep is the quote's primary SPS sales rep.
	PropSPSSalesRep = "sps_sales_rep"
	// PropSPSJobName is the quote's job name.
	PropSPSJobName = "sps_job_name"
	// PropSPSProjectType is the quote's project type value.
	PropSPSProjectType = "sps_project_type"
	// PropSPSLastSynced is the time quote sync last wrote the deal, a
	// datetime.
	PropSPSLastSynced = "sps_last_synced"
)

// Standard HubSpot deal properties written by quote sync.
const (
	// PropDealName is the deal's name.
	PropDealName = "dealname"
	// PropAmount is the deal's amount in major currency units, a number.
	PropAmount = "amount"
	// PropPipeline is the deal's pipeline id.
	PropPipeline = "pipeline"
	// PropDealStage is the deal's stage id.
	PropDealStage = "dealstage"
	// PropCloseDate is the deal's close date, a datetime.
	PropCloseDate = "closedate"
)

// propertyKinds are the non-string properties quote sync writes, which
// decide how ChangedProperties compares their values.
var propertyKinds = map[string]hubspotvalue.Kind{
	PropAmount:           hubspotvalue.Number,
	PropSPSRevisionCount: hubspotvalue.Number,
	PropCloseDate:        hubspotvalue.Datetime,
	PropSPSLastSynced:    hubspotvalue.Datetime,
}
