package quotebuild

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/normalize"
)

// DefaultCustomerType is the SPS customer type of a customer the quote
// builder creates, unless CustomerOptions sets another.
const DefaultCustomerType = "Contractor"

// customerStatus is the status of a created customer: it is about to get
// a quote.
const customerStatus = "Active"

// RecordError is a HubSpot record that lacks what the quote builder
// needs. Object is "deal", "company" or "contact"; ID is its HubSpot id.
type RecordError struct {
	DealID string
	Object string
	ID     string
	Field  string
	Reason string
}

// Error names the record and field and what to fix in HubSpot.
func (e *RecordError) Error() string {
	if e.ID == "" {
		return fmt.Sprintf("HubSpot deal %s: %s", e.DealID, e.Reason)
	}
	return fmt.Sprintf("HubSpot %s %s of deal %s: %s: %s", e.Object, e.ID, e.DealID, e.Field, e.Reason)
}

// CustomerOptions tune NewCustomer.
type CustomerOptions struct {
	// Type is the SPS customer type; "" means DefaultCustomerType.
	Type string
	// SalesRep is the sales rep of the submission, sent as both the
	// primary and the assigned sales rep.
	SalesRep string
}

// NewCustomer maps the deal's company and contact to an SPS customer:
// name from the company, contact name, e-mail and (when the company has
// none) phone from the contact, billing address from the company, status
// Active and type opts.Type. Text is trimmed with whitespace collapsed;
// an e-mail that is not a valid address is left out. It returns a
// *RecordError when the deal has no company or the company has no name.
func NewCustomer(r Records, opts CustomerOptions) (sps.NewCustomer, error) {
	if r.CompanyID == "" {
		return sps.NewCustomer{}, &RecordError{DealID: r.DealID, Object: "deal",
			Reason: "has no associated company; associate the customer's company with the deal and submit again"}
	}
	name := clean(r.Company["name"])
	if name == "" {
		return sps.NewCustomer{}, &RecordError{DealID: r.DealID, Object: "company", ID: r.CompanyID,
			Field: "name", Reason: "is empty; set the company name in HubSpot and submit again"}
	}

	customerType := clean(opts.Type)
	if customerType == "" {
		customerType = DefaultCustomerType
	}
	rep := clean(opts.SalesRep)
	c := sps.NewCustomer{
		Name:            name,
		ContactName:     clean(r.Contact["firstname"] + " " + r.Contact["lastname"]),
		Type:            customerType,
		Status:          customerStatus,
		PrimarySalesRep: rep,
		SalesRepName:    rep,
		Phone:           firstNonEmpty(r.Company["phone"], r.Contact["phone"], r.Contact["mobilephone"]),
		BillingAddress:  companyAddress(r.Company),
	}
	if email, ok := normalize.Email(r.Contact["email"]); ok {
		c.Email = email
	}
	return c, nil
}

// companyAddress returns the company's postal address, or nil when it
// has none.
func companyAddress(company map[string]string) *sps.Address {
	a := sps.Address{
		Line1:      clean(company["address"]),
		Line2:      clean(company["address2"]),
		City:       clean(company["city"]),
		State:      clean(company["state"]),
		PostalCode: clean(company["zip"]),
		Country:    clean(company["country"]),
	}
	if a == (sps.Address{}) {
		return nil
	}
	return &a
}

// NewQuote maps a validated submission for the deal to an SPS quote for
// customer customerID (decimal): job name from the deal name, the
// submission's sales rep, expiry and lines, and ExternalReference
// "hubspot-deal-<id>". It returns an error naming the deal when
// customerID is not a positive integer.
func NewQuote(r Records, customerID string, s Submission) (sps.NewQuote, error) {
	id, err := strconv.ParseInt(strings.TrimSpace(customerID), 10, 64)
	if err != nil || id <= 0 {
		return sps.NewQuote{}, fmt.Errorf("deal %s: SPS customer id %q is not a positive integer",
			r.DealID, customerID)
	}
	q := sps.NewQuote{
		CustomerID:        id,
		JobName:           clean(r.Deal["dealname"]),
		SalesRep:          s.SalesRep,
		ExpiryDate:        s.ExpiresOn,
		ExternalReference: ExternalReference(r.DealID),
		Lines:             make([]sps.NewQuoteLine, len(s.Lines)),
	}
	for i, l := range s.Lines {
		q.Lines[i] = sps.NewQuoteLine{SKU: l.SKU, Quantity: l.Quantity, UnitPrice: l.UnitPrice,
			Description: l.Description}
	}
	return q, nil
}

// clean trims s and collapses its whitespace and control characters.
func clean(s string) string {
	return normalize.PersonName(s)
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if c := clean(v); c != "" {
			return c
		}
	}
	return ""
}
