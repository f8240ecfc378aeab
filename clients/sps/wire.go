package sps

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
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

// decodePage decodes a query response into a Page. A record that does
// not decode goes to Page.Unreadable, with its id and field when they are
// readable. Only a body that is not a page fails.
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
			field, fieldErr := failingField[T](raw)
			if fieldErr != nil {
				err = fieldErr
			}
			page.Unreadable = append(page.Unreadable, UnreadableRecord{Index: i, ID: recordID(raw),
				Field: field, Reason: err.Error(), Raw: raw})
			continue
		}
		page.Records = append(page.Records, record)
	}
	return page, nil
}

// recordID returns the id of a record, or 0 when it is not a positive
// integer.
func recordID(raw json.RawMessage) int64 {
	var probe struct {
		ID json.Number `json:"id"`
	}
	if json.Unmarshal(raw, &probe) != nil {
		return 0
	}
	id, err := strconv.ParseInt(probe.ID.String(), 10, 64)
	if err != nil || id <= 0 {
		return 0
	}
	return id
}

// failingField returns the first field of an object record, in name
// order, that does not decode into T on its own, with that field's
// error, or "" and nil when raw is not an object or every field decodes
// alone. The JSON decoder does not name the field when a field's own
// decoder fails, so each field is tried alone.
func failingField[T any](raw json.RawMessage) (string, error) {
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil {
		return "", nil
	}
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		single, err := json.Marshal(map[string]json.RawMessage{name: fields[name]})
		if err != nil {
			return name, err
		}
		var record T
		if err := json.Unmarshal(single, &record); err != nil {
			return name, err
		}
	}
	return "", nil
}
