package sps

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/stonecity/sync/clients/sps"
)

// defaultCustomerStatus is the status of a created customer that names
// none.
const defaultCustomerStatus = "Active"

// createdCustomer is the body of a successful customer create.
type createdCustomer struct {
	Customer sps.Customer `json:"customer"`
}

// createCustomer stores the customer of a {"customer": {...}} body with
// the next free id, a code "C<id>" and modifiedDate now. The body takes
// the fields of a customer as GET returns it, without id and code. Name
// is required and status defaults to Active. It returns 201 with the
// stored customer, or 400 naming the invalid field.
func (s *Simulator) createCustomer(payload json.RawMessage) (int, any) {
	var c sps.Customer
	if err := decodeStrict(payload, &c); err != nil {
		return createError(http.StatusBadRequest, "invalid_request", "Invalid customer: %v.", err)
	}
	switch {
	case c.ID != 0 || c.Code != "":
		return createError(http.StatusBadRequest, "invalid_request",
			"customer.id and customer.code are assigned by SPS; leave them out.")
	case strings.TrimSpace(c.Name) == "":
		return createError(http.StatusBadRequest, "invalid_request", "customer.name is required.")
	}

	c.ID = s.data.customers.nextID()
	c.Code = fmt.Sprintf("C%d", c.ID)
	if c.Status == "" {
		c.Status = defaultCustomerStatus
	}
	c.ModifiedDate = sps.NewTime(s.clock().Truncate(time.Second))
	s.data.customers.upsert([]sps.Customer{c})
	return http.StatusCreated, createdCustomer{Customer: c}
}

// newQuoteRequest is the quote of a {"quote": {...}} body.
type newQuoteRequest struct {
	CustomerID        sps.Decimal           `json:"customerID"`
	JobName           string                `json:"jobName"`
	PrimarySalesRep   string                `json:"primarySalesRep"`
	ExpiryDate        sps.Time              `json:"expiryDate"`
	ProjectTypeValue  string                `json:"projectTypeValue"`
	ExternalReference string                `json:"externalReference"`
	Lines             []newQuoteLineRequest `json:"lines"`
}

// newQuoteLineRequest is one line of a new quote. UnitPrice unset means
// the product's contractor price.
type newQuoteLineRequest struct {
	SKU         string      `json:"sku"`
	Quantity    sps.Decimal `json:"quantity"`
	UnitPrice   sps.Decimal `json:"unitPrice"`
	Description string      `json:"description"`
}

// createdQuote is the body of a successful quote create.
type createdQuote struct {
	Quote sps.Quote `json:"quote"`
}

// defaultQuoteValidity is the expiry of a created quote that names none.
// SPS's own default is unknown.
const defaultQuoteValidity = 30 * 24 * time.Hour

// createQuote stores the quote of a {"quote": {...}} body: customerID must
// name a stored customer, and every line an active product by SKU (case
// and spaces ignored). Lines without unitPrice take the product's
// contractor price, and the total is computed in cents. The quote is
// numbered "Q-<n>" after the highest stored number and stored as Quoted
// with a null stage and modifiedDate now, so quote queries return it. It
// returns 201 with the stored quote, or 400 naming the customer or line.
func (s *Simulator) createQuote(payload json.RawMessage) (int, any) {
	var req newQuoteRequest
	if err := decodeStrict(payload, &req); err != nil {
		return createError(http.StatusBadRequest, "invalid_request", "Invalid quote: %v.", err)
	}
	customerID, ok := req.CustomerID.Int64()
	if !ok || customerID <= 0 {
		return createError(http.StatusBadRequest, "invalid_request",
			"quote.customerID %q is not a positive integer.", req.CustomerID.String())
	}
	customer, found := s.data.customers.get(customerID)
	if !found {
		return createError(http.StatusBadRequest, "invalid_request", "Customer %d not found.", customerID)
	}
	if len(req.Lines) == 0 {
		return createError(http.StatusBadRequest, "invalid_request", "quote.lines must have at least one line.")
	}
	lines, totalCents, lineErr := s.priceLines(req.Lines)
	if lineErr != "" {
		return createError(http.StatusBadRequest, "invalid_request", "%s", lineErr)
	}

	now := s.clock().Truncate(time.Second)
	q := sps.Quote{
		ID:                s.data.quotes.nextID(),
		TransactionNumber: fmt.Sprintf("Q-%d", s.nextQuoteNumberLocked()),
		CustomerID:        sps.MustDecimal(fmt.Sprint(customerID)),
		Customer:          customer.Name,
		JobName:           req.JobName,
		Total:             sps.MustDecimal(formatCents(totalCents)),
		QuoteDate:         sps.NewTime(now.UTC().Truncate(24 * time.Hour)),
		ExpiryDate:        req.ExpiryDate,
		TransactionStatus: statusQuoted,
		PrimarySalesRep:   req.PrimarySalesRep,
		ProjectTypeValue:  req.ProjectTypeValue,
		ModifiedDate:      sps.NewTime(now),
		Lines:             lines,
		ExternalReference: req.ExternalReference,
	}
	if !q.ExpiryDate.IsSet() {
		q.ExpiryDate = sps.NewTime(now.UTC().Truncate(24 * time.Hour).Add(defaultQuoteValidity))
	}
	if q.PrimarySalesRep == "" {
		q.PrimarySalesRep = customer.PrimarySalesRep
	}
	s.data.quotes.upsert([]sps.Quote{q})
	return http.StatusCreated, createdQuote{Quote: q}
}

// decodeStrict decodes a create payload, rejecting fields dst does not
// declare and data after the object.
func decodeStrict(payload json.RawMessage, dst any) error {
	if isNull(payload) {
		return fmt.Errorf("the body is null")
	}
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.DisallowUnknownFields()
	return dec.Decode(dst)
}

// nextID returns the id after the highest stored one, so created records
// continue after loaded ones.
func (t *table[T]) nextID() int64 {
	if len(t.ids) == 0 {
		return 1
	}
	return t.ids[len(t.ids)-1] + 1
}
