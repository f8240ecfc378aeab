package sps

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/stonecity/sync/clients/sps"
)

// Filter names of the query endpoints.
const (
	filterStatus        = "status"
	filterSalesRepName  = "salesRepName"
	filterModifiedSince = "modifiedSince"
)

// postCustomers serves POST /v2/Customers: a query, or the proposed create
// form.
func (s *Simulator) postCustomers(w http.ResponseWriter, r *http.Request) {
	form, q, payload := readPost(w, r, "customer", []string{filterStatus, filterSalesRepName})
	switch form {
	case formInvalid:
		return
	case formCreate:
		s.serveCreate(w, r, payload, s.createCustomer)
		return
	}

	status, rep := q.filters[filterStatus], q.filters[filterSalesRepName]
	match := func(c sps.Customer) bool {
		return matchesFold(c.Status, status) && matchesFold(c.SalesRepName, rep)
	}
	s.mu.Lock()
	records, total := s.data.customers.page(match, q.pageNumber, q.pageSize)
	s.mu.Unlock()

	writePage(s, w, r, records, total, q)
}

// postQuotes serves POST /v2/Quotes: a query, or the proposed create form.
func (s *Simulator) postQuotes(w http.ResponseWriter, r *http.Request) {
	form, q, payload := readPost(w, r, "quote", []string{filterModifiedSince})
	switch form {
	case formInvalid:
		return
	case formCreate:
		s.serveCreate(w, r, payload, s.createQuote)
		return
	}

	match, err := modifiedSinceMatcher(q.filters[filterModifiedSince])
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", "%v", err)
		return
	}
	s.mu.Lock()
	records, total := s.data.quotes.page(match, q.pageNumber, q.pageSize)
	s.mu.Unlock()

	writePage(s, w, r, records, total, q)
}

// postProducts serves POST /v2/Products, a query.
func (s *Simulator) postProducts(w http.ResponseWriter, r *http.Request) {
	form, q, _ := readPost(w, r, "", []string{filterStatus})
	if form == formInvalid {
		return
	}

	status := q.filters[filterStatus]
	match := func(p sps.Product) bool { return matchesFold(p.Status, status) }
	s.mu.Lock()
	records, total := s.data.products.page(match, q.pageNumber, q.pageSize)
	s.mu.Unlock()

	writePage(s, w, r, records, total, q)
}

// matchesFold reports whether value equals filter, ignoring case. An
// empty filter matches everything.
func matchesFold(value, filter string) bool {
	return filter == "" || strings.EqualFold(value, filter)
}

// modifiedSinceMatcher returns a match for quotes modified at or after
// since, an RFC 3339 timestamp. An empty since matches every quote. A
// quote without a modifiedDate never matches a set filter.
func modifiedSinceMatcher(since string) (func(sps.Quote) bool, error) {
	if since == "" {
		return func(sps.Quote) bool { return true }, nil
	}
	at, err := time.Parse(time.RFC3339Nano, since)
	if err != nil {
		return nil, fmt.Errorf("filters.modifiedSince %q is not an RFC 3339 timestamp", since)
	}
	return func(q sps.Quote) bool {
		return q.ModifiedDate.IsSet() && !q.ModifiedDate.Time().Before(at)
	}, nil
}

// getCustomer serves GET /v2/Customers/{id}.
func (s *Simulator) getCustomer(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	customer, found := s.data.customers.get(id)
	s.mu.Unlock()

	if !found {
		writeError(w, http.StatusNotFound, "not_found", "Customer %d not found.", id)
		return
	}
	writeJSON(w, http.StatusOK, customer)
}

// getQuote serves GET /v2/Quotes/{id}.
func (s *Simulator) getQuote(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	quote, found := s.data.quotes.get(id)
	s.mu.Unlock()

	if !found {
		writeError(w, http.StatusNotFound, "not_found", "Quote %d not found.", id)
		return
	}
	writeJSON(w, http.StatusOK, quote)
}

// pathID reads the {id} path segment. It sends 400 and returns false
// when the segment is not a positive integer.
func pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		writeError(w, http.StatusBadRequest, "invalid_request", "Record id %q is not a positive integer.", raw)
		return 0, false
	}
	return id, true
}
