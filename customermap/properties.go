// Package customermap holds the rules of customer sync, which copies SPS
// customer records to HubSpot companies and contacts. It classifies records
// as B2B, retail or placeholders, maps them to HubSpot properties, picks the
// properties that changed, and matches customers to existing HubSpot
// companies. It is pure: it performs no I/O, and the caller decides what to
// create, update or skip.
package customermap

import "github.com/stonecity/sync/hubspotvalue"

// Custom HubSpot properties written by customer sync. HubSpot schema setup
// creates them with the types and unique-value flags noted here; every one
// not marked otherwise is a string.
const (
	// PropSPSCustomerID is the SPS customer id in decimal. It is a
	// unique-value property on companies and a plain one on contacts.
	PropSPSCustomerID = "sps_customer_id"
	// PropSPSCustomerCode is the company's SPS customer code.
	PropSPSCustomerCode = "sps_customer_code"
	// PropSPSCustomerType is the SPS customer type, such as "Contractor",
	// on companies and contacts.
	PropSPSCustomerType = "sps_customer_type"
	// PropSPSPriceLevel is the SPS price level on companies and contacts.
	PropSPSPriceLevel = "sps_price_level"
	// PropSPSPaymentTerms is the company's SPS payment terms.
	PropSPSPaymentTerms = "sps_payment_terms"
	// PropSPSCreditLimit is the company's SPS credit limit, a number in
	// major currency units.
	PropSPSCreditLimit = "sps_credit_limit"
	// PropSPSSalesRep is the SPS sales rep's name on companies and contacts.
	PropSPSSalesRep = "sps_sales_rep"
	// PropSPSIsTaxExempt is the company's SPS tax exemption, a bool.
	PropSPSIsTaxExempt = "sps_is_tax_exempt"
	// PropSPSLastSynced is the time customer sync last wrote the company,
	// a datetime.
	PropSPSLastSynced = "sps_last_synced"
	// LeadStatusSPSB2B is the hs_lead_status option for contacts linked to
	// an SPS B2B customer. Customer sync sets it only on contacts whose
	// lead status is blank.
	LeadStatusSPSB2B = "SPS_B2B"
)

// Standard HubSpot properties written by customer sync.
const (
	// PropName is the company's name.
	PropName = "name"
	// PropDomain is the company's web domain, such as "riveratile.com".
	PropDomain = "domain"
	// PropLeadStatus is the contact's lead status, an enumeration that
	// must include LeadStatusSPSB2B.
	PropLeadStatus = "hs_lead_status"
)

// propertyKinds are the non-string properties customer sync writes, which
// decide how ChangedProperties compares their values.
var propertyKinds = map[string]hubspotvalue.Kind{
	PropSPSCreditLimit: hubspotvalue.Number,
	PropSPSIsTaxExempt: hubspotvalue.Bool,
	PropSPSLastSynced:  hubspotvalue.Datetime,
}
