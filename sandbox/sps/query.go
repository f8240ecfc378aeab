package sps

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/stonecity/sync/sandbox/faults"
)

// queryRequest is a parsed query body.
type queryRequest struct {
	filters    map[string]string
	pageNumber int
	pageSize   int
}

// queryKeys are the top-level keys of a query body.
var queryKeys = []string{"filters", "pageNumber", "pageSize"}

// postForm is the kind of body a POST to a query endpoint carries.
type postForm int

const (
	formInvalid postForm = iota // the error response is already sent
	formQuery
	formCreate
)

// readPost reads the body of a POST to a query endpoint and distinguishes
// the query form from the proposed create form, whose body is
// {createKey: {...}} and whose {...} it returns. An empty createKey means
// the endpoint has no create form. filterNames are the filters the query
// form accepts.
func readPost(w http.ResponseWriter, r *http.Request, createKey string,
	filterNames []string) (postForm, queryRequest, json.RawMessage) {
	var body map[string]json.RawMessage
	if status, code, message := decodeJSON(w, r, maxAPIBodyBytes, &body, false); status != 0 {
		writeError(w, status, code, "%s", message)
		return formInvalid, queryRequest{}, nil
	}

	create, query := false, false
	for key := range body {
		switch {
		case createKey != "" && key == createKey:
			create = true
		case slices.Contains(queryKeys, key):
			query = true
		default:
			writeError(w, http.StatusBadRequest, "invalid_request",
				"Unknown field %q. A query body has filters, pageNumber and pageSize.", key)
			return formInvalid, queryRequest{}, nil
		}
	}
	if create && query {
		writeError(w, http.StatusBadRequest, "invalid_request",
			"A body either creates a record (%s) or queries (filters, pageNumber, pageSize), not both.", createKey)
		return formInvalid, queryRequest{}, nil
	}
	if create {
		return formCreate, queryRequest{}, body[createKey]
	}

	q, err := parseQuery(body, filterNames)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", "%v", err)
		return formInvalid, queryRequest{}, nil
	}
	return formQuery, q, nil
}

// parseQuery reads filters and paging from a query body. A missing
// pageNumber means 1 and a missing pageSize MaxPageSize. A larger
// pageSize is capped at MaxPageSize.
func parseQuery(body map[string]json.RawMessage, filterNames []string) (queryRequest, error) {
	q := queryRequest{filters: map[string]string{}, pageNumber: 1, pageSize: MaxPageSize}
	if err := parseFilters(body["filters"], filterNames, q.filters); err != nil {
		return q, err
	}
	if err := parsePositiveInt(body["pageNumber"], "pageNumber", &q.pageNumber); err != nil {
		return q, err
	}
	if err := parsePositiveInt(body["pageSize"], "pageSize", &q.pageSize); err != nil {
		return q, err
	}
	q.pageSize = min(q.pageSize, MaxPageSize)
	return q, nil
}

// parseFilters decodes a filters object into out. Every filter must be
// one of names and a string, and null or "" means no filter.
func parseFilters(raw json.RawMessage, names []string, out map[string]string) error {
	if isNull(raw) {
		return nil
	}
	var filters map[string]json.RawMessage
	if err := json.Unmarshal(raw, &filters); err != nil {
		return fmt.Errorf("filters must be a JSON object: %w", err)
	}
	for name, value := range filters {
		if !slices.Contains(names, name) {
			return fmt.Errorf("unknown filter %q; this endpoint accepts %s", name, strings.Join(names, ", "))
		}
		if isNull(value) {
			continue
		}
		var text string
		if err := json.Unmarshal(value, &text); err != nil {
			return fmt.Errorf("filters.%s must be a string, got %s", name, value)
		}
		if text != "" {
			out[name] = text
		}
	}
	return nil
}

// parsePositiveInt decodes an integer of at least 1 into out, leaving out
// unchanged when raw is absent or null.
func parsePositiveInt(raw json.RawMessage, name string, out *int) error {
	if isNull(raw) {
		return nil
	}
	var n int
	if err := json.Unmarshal(raw, &n); err != nil {
		return fmt.Errorf("%s must be an integer, got %s", name, raw)
	}
	if n < 1 {
		return fmt.Errorf("%s must be at least 1, got %d", name, n)
	}
	*out = n
	return nil
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// pageResponse is the body of a query response.
type pageResponse[T any] struct {
	Data       []T `json:"data"`
	TotalCount int `json:"totalCount"`
	PageNumber int `json:"pageNumber"`
	PageSize   int `json:"pageSize"`
}

// writePage waits Options.PageLatency, then sends one page of records.
// A client that disconnects during the wait gets no response.
func writePage[T any](s *Simulator, w http.ResponseWriter, r *http.Request, records []T, total int,
	q queryRequest) {
	if s.pageLatency > 0 && !faults.Sleep(r.Context(), s.pageLatency) {
		return
	}
	writeJSON(w, http.StatusOK, pageResponse[T]{
		Data:       records,
		TotalCount: total,
		PageNumber: q.pageNumber,
		PageSize:   q.pageSize,
	})
}
