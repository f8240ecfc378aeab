package quotebuild

// HubSpot properties the quote builder reads and stamps.
const (
	// PropSPSQuoteID is the deal's SPS quote id, unique-value; a deal that
	// has one already has its quote.
	PropSPSQuoteID = "sps_quote_id"
	// PropSPSQuoteNumber is the deal's SPS quote number, such as "Q-1234".
	PropSPSQuoteNumber = "sps_quote_number"
	// PropSPSCustomerID is the SPS customer id, on deals and (unique-value)
	// on companies.
	PropSPSCustomerID = "sps_customer_id"
	// PropSPSStatusChangedAt is the time of the last SPS quote status
	// applied to the deal, a datetime written by the QuoteStatus workflow.
	PropSPSStatusChangedAt = "sps_status_changed_at"
	// PropSPSQuoteStatus is the SPS status of the deal's quote, such as
	// "Accepted", written by the QuoteStatus workflow on every deal, also
	// on deals outside the Quotes pipeline whose stage it leaves alone.
	PropSPSQuoteStatus = "sps_quote_status"
)

// Standard HubSpot properties the quote builder reads.
var (
	// DealProperties are read from the deal.
	DealProperties = []string{"dealname", "pipeline", "dealstage", PropSPSQuoteID,
		PropSPSQuoteNumber, PropSPSCustomerID}
	// CompanyProperties are read from the deal's company.
	CompanyProperties = []string{"name", "domain", "phone", "address", "address2", "city", "state",
		"zip", "country", PropSPSCustomerID}
	// ContactProperties are read from the deal's contact.
	ContactProperties = []string{"firstname", "lastname", "email", "phone", "mobilephone"}
)

// Records are a deal with its company and contact as HubSpot returns
// them. CompanyID and ContactID are "" when the deal has no such
// association, and their property maps are then nil.
type Records struct {
	DealID    string            `json:"dealId"`
	Deal      map[string]string `json:"deal"`
	CompanyID string            `json:"companyId,omitempty"`
	Company   map[string]string `json:"company,omitempty"`
	ContactID string            `json:"contactId,omitempty"`
	Contact   map[string]string `json:"contact,omitempty"`
}

// QuoteStamp returns the SPS quote id, number and customer id stamped on
// the deal; quoteID is "" when the deal has no quote yet.
func (r Records) QuoteStamp() (quoteID, number, customerID string) {
	return r.Deal[PropSPSQuoteID], r.Deal[PropSPSQuoteNumber], r.Deal[PropSPSCustomerID]
}

// CompanyCustomerID returns the company's sps_customer_id, "" when the
// deal has no company or the company no SPS customer.
func (r Records) CompanyCustomerID() string {
	return r.Company[PropSPSCustomerID]
}
