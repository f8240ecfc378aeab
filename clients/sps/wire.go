package sps

import (
	"encoding/json"
	"fmt"
)

// The JSON shapes below are assumed, because SPS publishes no API
// documentation. Change them here when SPS confirms its contract.

// loginRequest is the body of the login call.
type loginRequest struct {
	Username         string `json:"username"`
	Password         string `json:"password"`
	AuthorizedNumber string `json:"authorizedNumber"`
}

// loginResponse is the body of a successful login. ExpiresIn is in
// seconds, and Decimal also accepts it as a numeric string.
type loginResponse struct {
	Token     string  `json:"token"`
	ExpiresIn Decimal `json:"expiresIn"`
}

// queryRequest is the body of a query call. Filters with an empty value
// are left out by the caller.
type queryRequest struct {
	Filters    map[string]string `json:"filters"`
	PageNumber int               `json:"pageNumber"`
	PageSize   int               `json:"pageSize"`
}

// pageEnvelope is the body of a query response. Records are decoded one
// at a time, so that a bad record can be named.
type pageEnvelope struct {
	Data       []json.RawMessage `json:"data"`
	TotalCount int               `json:"totalCount"`
	PageNumber int               `json:"pageNumber"`
	PageSize   int               `json:"pageSize"`
}

// errorBody is the body of a failed response.
type errorBody struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

// decodePage decodes a query response into a Page. An error names the
// index and, when readable, the id of the record that does not decode.
func decodePage[T any](body []byte) (Page[T], error) {
	var envelope pageEnvelope
	if err := json.Unmarshal(body, &envelope); err != nil {
		return Page[T]{}, fmt.Errorf("decode page: %w", err)
	}

	page := Page[T]{
		Records:    make([]T, 0, len(envelope.Data)),
		TotalCount: envelope.TotalCount,
		PageNumber: envelope.PageNumber,
		PageSize:   envelope.PageSize,
	}
	for i, raw := range envelope.Data {
		var record T
		if err := json.Unmarshal(raw, &record); err != nil {
			return Page[T]{}, fmt.Errorf("decode data[%d]%s: %w", i, recordID(raw), err)
		}
		page.Records = append(page.Records, record)
	}
	return page, nil
}

// recordID returns " (id N)" for a record whose id is readable, else "".
func recordID(raw json.RawMessage) string {
	var probe struct {
		ID json.Number `json:"id"`
	}
	if json.Unmarshal(raw, &probe) != nil || probe.ID == "" {
		return ""
	}
	return fmt.Sprintf(" (id %s)", probe.ID)
}
