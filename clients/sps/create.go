package sps

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// HeaderIdempotencyKey is the request header that makes a create
// repeatable: SPS is asked to return the original response to a repeated
// create with the same key and body, and to reject the key with another
// body.
const HeaderIdempotencyKey = "Idempotency-Key"

// MaxIdempotencyKeyLength caps an Idempotency-Key in bytes. SPS states no
// limit, so the cap is an assumption.
const MaxIdempotencyKeyLength = 255

// NewCustomer is a customer to create: the fields of Customer that SPS
// assigns (id, code, modifiedDate) left out. Name is required. Unset
// Decimal fields and empty strings are not sent.
type NewCustomer struct {
	Name             string   `json:"name"`
	ContactName      string   `json:"contactName,omitempty"`
	Type             string   `json:"type,omitempty"`
	Status           string   `json:"status,omitempty"`
	PriceLevel       string   `json:"priceLevel,omitempty"`
	PaymentTerms     string   `json:"paymentTerms,omitempty"`
	CreditLimit      Decimal  `json:"creditLimit,omitzero"`
	PrimarySalesRep  string   `json:"primarySalesRep,omitempty"`
	SalesRepName     string   `json:"salesRepName,omitempty"`
	SalesRepID       Decimal  `json:"salesRepId,omitzero"`
	IsTaxExempt      bool     `json:"isTaxExempt,omitempty"`
	Email            string   `json:"email,omitempty"`
	Phone            string   `json:"phone,omitempty"`
	ParentCustomerID Decimal  `json:"parentCustomerId,omitzero"`
	BillingAddress   *Address `json:"billingAddress,omitempty"`
	ShippingAddress  *Address `json:"shippingAddress,omitempty"`
}

// NewQuote is a quote to create for an existing SPS customer, with at
// least one line.
type NewQuote struct {
	// CustomerID is the SPS id of the quote's customer, required.
	CustomerID int64
	JobName    string
	// SalesRep is sent as primarySalesRep.
	SalesRep string
	// ExpiryDate is YYYY-MM-DD, or "" for SPS's default expiry.
	ExpiryDate string
	Lines      []NewQuoteLine
	// ExternalReference links the quote to its source, for example
	// "hubspot-deal-123". It is optional.
	ExternalReference string
}

// NewQuoteLine is one line of a NewQuote. SKU and Quantity are required.
type NewQuoteLine struct {
	SKU string
	// Quantity is a positive decimal, such as "2" or "37.5".
	Quantity string
	// UnitPrice is a decimal in dollars, or "" for the SPS price of the SKU.
	UnitPrice   string
	Description string
}

// createCustomerBody is the proposed create form of POST /v2/Customers.
type createCustomerBody struct {
	Customer NewCustomer `json:"customer"`
}

// createQuoteBody is the proposed create form of POST /v2/Quotes.
type createQuoteBody struct {
	Quote wireNewQuote `json:"quote"`
}

// wireNewQuote is NewQuote as sent, with field names of the GET shape.
type wireNewQuote struct {
	CustomerID        int64              `json:"customerID"`
	JobName           string             `json:"jobName,omitempty"`
	PrimarySalesRep   string             `json:"primarySalesRep,omitempty"`
	ExpiryDate        string             `json:"expiryDate,omitempty"`
	ExternalReference string             `json:"externalReference,omitempty"`
	Lines             []wireNewQuoteLine `json:"lines"`
}

// wireNewQuoteLine is a NewQuoteLine as sent: numbers as JSON numbers,
// and no unitPrice when the SPS price applies.
type wireNewQuoteLine struct {
	SKU         string  `json:"sku"`
	Quantity    Decimal `json:"quantity"`
	UnitPrice   Decimal `json:"unitPrice,omitzero"`
	Description string  `json:"description,omitempty"`
}

// CreateCustomer creates c in SPS and returns the stored customer with its
// new id and code. A repeated call with the same idempotencyKey and
// customer returns the first call's customer without creating another.
// The same key with another customer returns an error for which
// IsIdempotencyMismatch is true. A customer SPS rejects is a final *Error
// with status 400; 429 and 5xx are Retryable.
//
// SPS API: POST /v2/Customers with {"customer": {...}} (proposed).
func (c *Client) CreateCustomer(ctx context.Context, idempotencyKey string, nc NewCustomer) (Customer, error) {
	req := call{method: http.MethodPost, path: c.paths.CreateCustomer, template: c.paths.CreateCustomer,
		idempotencyKey: idempotencyKey}
	if err := checkIdempotencyKey(req, idempotencyKey); err != nil {
		return Customer{}, err
	}
	if strings.TrimSpace(nc.Name) == "" {
		return Customer{}, invalidArgument(req, "new customer: name is missing")
	}
	req.body = createCustomerBody{Customer: nc}

	var resp struct {
		Customer *Customer `json:"customer"`
	}
	err := c.doAuthorized(ctx, req, func(body []byte) error {
		if err := json.Unmarshal(body, &resp); err != nil {
			return fmt.Errorf("decode created customer: %w", err)
		}
		if resp.Customer == nil || resp.Customer.ID <= 0 {
			return errors.New("the response has no customer with a positive id")
		}
		return nil
	})
	if err != nil {
		return Customer{}, err
	}
	return *resp.Customer, nil
}

// CreateQuote creates q in SPS and returns the stored quote with its id,
// transaction number, total and lines. Idempotency and errors are as for
// CreateCustomer, and a 400 names the unknown customer, or the line and
// SKU that SPS does not sell. The client rejects a quote without a customer id,
// lines, SKUs or positive quantities, or with a malformed decimal or
// expiry date, before sending.
//
// SPS API: POST /v2/Quotes with {"quote": {...}} (proposed).
func (c *Client) CreateQuote(ctx context.Context, idempotencyKey string, q NewQuote) (Quote, error) {
	req := call{method: http.MethodPost, path: c.paths.CreateQuote, template: c.paths.CreateQuote,
		idempotencyKey: idempotencyKey}
	if err := checkIdempotencyKey(req, idempotencyKey); err != nil {
		return Quote{}, err
	}
	wire, err := q.wire()
	if err != nil {
		return Quote{}, invalidArgument(req, "new quote: %v", err)
	}
	req.body = createQuoteBody{Quote: wire}

	var resp struct {
		Quote *Quote `json:"quote"`
	}
	err = c.doAuthorized(ctx, req, func(body []byte) error {
		if err := json.Unmarshal(body, &resp); err != nil {
			return fmt.Errorf("decode created quote: %w", err)
		}
		if resp.Quote == nil || resp.Quote.ID <= 0 {
			return errors.New("the response has no quote with a positive id")
		}
		return nil
	})
	if err != nil {
		return Quote{}, err
	}
	return *resp.Quote, nil
}

// IsIdempotencyMismatch reports whether err is SPS's response to a create
// whose Idempotency-Key was already used with another body (409 or 422).
// Retrying with the same key cannot succeed: the caller must either send
// the original body or derive a new key.
func IsIdempotencyMismatch(err error) bool {
	return errors.Is(err, ErrIdempotencyMismatch)
}

// checkIdempotencyKey rejects an empty, overlong or non-printable key
// before sending, because an HTTP header cannot carry it.
func checkIdempotencyKey(req call, key string) error {
	if key == "" {
		return invalidArgument(req, "the idempotency key is empty")
	}
	if len(key) > MaxIdempotencyKeyLength {
		return invalidArgument(req, "the idempotency key has %d bytes, more than %d", len(key),
			MaxIdempotencyKeyLength)
	}
	for i := 0; i < len(key); i++ {
		if key[i] < 0x21 || key[i] > 0x7e {
			return invalidArgument(req, "the idempotency key %q has a byte outside printable ASCII at %d", key, i)
		}
	}
	return nil
}

// wire checks q and converts it to the request shape. Errors name the
// field and, for a line, its index from 0.
func (q NewQuote) wire() (wireNewQuote, error) {
	out := wireNewQuote{
		CustomerID:        q.CustomerID,
		JobName:           q.JobName,
		PrimarySalesRep:   q.SalesRep,
		ExpiryDate:        q.ExpiryDate,
		ExternalReference: q.ExternalReference,
	}
	if q.CustomerID <= 0 {
		return out, fmt.Errorf("customer id %d is not a positive integer", q.CustomerID)
	}
	if q.ExpiryDate != "" {
		if _, err := time.Parse(time.DateOnly, q.ExpiryDate); err != nil {
			return out, fmt.Errorf("expiry date %q is not YYYY-MM-DD", q.ExpiryDate)
		}
	}
	if len(q.Lines) == 0 {
		return out, errors.New("the quote has no lines")
	}
	for i, line := range q.Lines {
		w, err := line.wire()
		if err != nil {
			return out, fmt.Errorf("line %d: %w", i, err)
		}
		out.Lines = append(out.Lines, w)
	}
	return out, nil
}

func (l NewQuoteLine) wire() (wireNewQuoteLine, error) {
	out := wireNewQuoteLine{SKU: strings.TrimSpace(l.SKU), Description: l.Description}
	if out.SKU == "" {
		return out, errors.New("sku is missing")
	}
	quantity := strings.TrimSpace(l.Quantity)
	if !plainDecimal.MatchString(quantity) || strings.Trim(quantity, "0.") == "" {
		return out, fmt.Errorf("sku %s: quantity %q is not a positive decimal", out.SKU, l.Quantity)
	}
	out.Quantity = MustDecimal(quantity)

	price := strings.TrimSpace(l.UnitPrice)
	if price != "" && !plainDecimal.MatchString(price) {
		return out, fmt.Errorf("sku %s: unit price %q is not a decimal of 0 or more", out.SKU, l.UnitPrice)
	}
	out.UnitPrice = MustDecimal(price)
	return out, nil
}

// plainDecimal matches a decimal of 0 or more without sign or exponent,
// such as "2" or "37.5".
var plainDecimal = regexp.MustCompile(`^\d+(\.\d+)?$`)
