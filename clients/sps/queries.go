package sps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// MaxPageSize is the largest page SPS returns. Larger page sizes are
// rejected by the client, because SPS would silently cap them.
const MaxPageSize = 200

// CustomerFilter selects customers. Empty fields are not sent.
type CustomerFilter struct {
	// Status matches the customer status, for example "Active", exactly
	// but ignoring case.
	Status string
	// SalesRepName matches salesRepName exactly but ignoring case.
	// Customers with an empty salesRepName are returned only when this
	// filter is empty.
	SalesRepName string
}

// QuoteFilter selects quotes.
type QuoteFilter struct {
	// ModifiedSince selects quotes modified at or after this time, and zero
	// means no filter. It is sent in UTC and rounded down to the second,
	// so a window start with fractions of a second includes slightly
	// more, never less.
	ModifiedSince time.Time
}

// ProductFilter selects products. An empty Status is not sent.
type ProductFilter struct {
	Status string
}

// Page is one page of query results. TotalCount is the number of
// records matching the filter across all pages. PageSize is the size SPS
// used, which may be smaller than requested. Records holds the records
// that decode and Unreadable the ones that do not, so one bad record
// costs only itself.
type Page[T any] struct {
	Records    []T
	Unreadable []UnreadableRecord
	TotalCount int
	PageNumber int
	PageSize   int
}

// UnreadableRecord is a record of a query page that does not decode, for
// example a price of "N/A".
type UnreadableRecord struct {
	// Index is the record's position in the page, from 0.
	Index int
	// ID is the record's id, or 0 when the id itself cannot be read.
	ID int64
	// Field is the JSON field that does not decode, or "" when the
	// record is not a JSON object.
	Field string
	// Reason is the decode error.
	Reason string
	// Raw is the record as SPS sent it.
	Raw json.RawMessage
}

// Describe names the record's field and decode error, for example
// `field "priceWholesale": invalid decimal "N/A"`, or gives the decode
// error alone when no field is to blame.
func (u UnreadableRecord) Describe() string {
	if u.Field == "" {
		return u.Reason
	}
	return fmt.Sprintf("field %q: %s", u.Field, u.Reason)
}

// Listed is the number of records on the page, readable or not.
func (p Page[T]) Listed() int { return len(p.Records) + len(p.Unreadable) }

// Next returns the number of the page after pageNumber, the page
// requested, or 0 after the last page. The page size in SPS's response,
// not the requested one, decides whether more pages follow, and an empty
// page is the last.
func (p Page[T]) Next(pageNumber int) int {
	size := p.PageSize
	if size <= 0 {
		size = p.Listed()
	}
	if p.Listed() > 0 && pageNumber*size < p.TotalCount {
		return pageNumber + 1
	}
	return 0
}

// HasMore reports whether pages after this one hold records.
func (p Page[T]) HasMore() bool {
	return p.PageSize > 0 && p.PageNumber > 0 && p.PageNumber*p.PageSize < p.TotalCount
}

// QueryCustomers returns page pageNumber (from 1) of the customers that
// match f, in pageSize records (1 to MaxPageSize).
//
// SPS API: POST /v2/Customers.
func (c *Client) QueryCustomers(ctx context.Context, f CustomerFilter, pageNumber, pageSize int) (
	Page[Customer], error) {
	filters := nonEmpty(map[string]string{"status": f.Status, "salesRepName": f.SalesRepName})
	return query[Customer](ctx, c, c.paths.Customers, filters, pageNumber, pageSize)
}

// QueryQuotes returns page pageNumber (from 1) of the quotes that match
// f, in pageSize records (1 to MaxPageSize).
//
// SPS API: POST /v2/Quotes.
func (c *Client) QueryQuotes(ctx context.Context, f QuoteFilter, pageNumber, pageSize int) (
	Page[Quote], error) {
	filters := map[string]string{}
	if !f.ModifiedSince.IsZero() {
		filters["modifiedSince"] = f.ModifiedSince.UTC().Truncate(time.Second).Format(time.RFC3339)
	}
	return query[Quote](ctx, c, c.paths.Quotes, filters, pageNumber, pageSize)
}

// QueryProducts returns page pageNumber (from 1) of the products that
// match f, in pageSize records (1 to MaxPageSize).
//
// SPS API: POST /v2/Products (an assumed path).
func (c *Client) QueryProducts(ctx context.Context, f ProductFilter, pageNumber, pageSize int) (
	Page[Product], error) {
	filters := nonEmpty(map[string]string{"status": f.Status})
	return query[Product](ctx, c, c.paths.Products, filters, pageNumber, pageSize)
}

// GetCustomer returns customer id. An unknown id returns an *Error that
// matches ErrNotFound.
//
// SPS API: GET /v2/Customers/{id}.
func (c *Client) GetCustomer(ctx context.Context, id int64) (Customer, error) {
	var customer Customer
	err := get(ctx, c, c.paths.Customer, id, &customer)
	return customer, err
}

// GetQuote returns quote id. An unknown id returns an *Error that
// matches ErrNotFound.
//
// SPS API: GET /v2/Quotes/{id}.
func (c *Client) GetQuote(ctx context.Context, id int64) (Quote, error) {
	var quote Quote
	err := get(ctx, c, c.paths.Quote, id, &quote)
	return quote, err
}

// nonEmpty drops the filters whose value is "".
func nonEmpty(filters map[string]string) map[string]string {
	for name, value := range filters {
		if value == "" {
			delete(filters, name)
		}
	}
	return filters
}

// query posts a query body to path and decodes one page.
func query[T any](ctx context.Context, c *Client, path string, filters map[string]string,
	pageNumber, pageSize int) (Page[T], error) {
	req := call{method: http.MethodPost, path: path, template: path}
	switch {
	case pageNumber < 1:
		return Page[T]{}, invalidArgument(req, "pageNumber %d is less than 1", pageNumber)
	case pageSize < 1 || pageSize > MaxPageSize:
		return Page[T]{}, invalidArgument(req, "pageSize %d is outside 1 to %d", pageSize, MaxPageSize)
	}
	req.body = queryRequest{Filters: filters, PageNumber: pageNumber, PageSize: pageSize}

	var page Page[T]
	err := c.doAuthorized(ctx, req, func(body []byte) error {
		var err error
		page, err = decodePage[T](body)
		return err
	})
	return page, err
}

// get reads the record id from template, whose "{id}" it replaces.
func get(ctx context.Context, c *Client, template string, id int64, out any) error {
	req := call{method: http.MethodGet, template: template,
		path: strings.ReplaceAll(template, "{id}", strconv.FormatInt(id, 10))}
	if id <= 0 {
		return invalidArgument(req, "id %d is not a positive integer", id)
	}

	return c.doAuthorized(ctx, req, func(body []byte) error {
		if err := json.Unmarshal(body, out); err != nil {
			return fmt.Errorf("decode record %d: %w", id, err)
		}
		return nil
	})
}

// invalidArgument is the *Error for a call rejected before sending.
func invalidArgument(req call, format string, args ...any) *Error {
	return &Error{Endpoint: req.endpoint(), Code: CodeInvalidArgument, Message: fmt.Sprintf(format, args...)}
}
