package hubspot

import (
	"context"
	"net/http"
	"slices"
)

// MaxBatchSize is the maximum number of inputs in one object batch
// request. Batch methods reject larger batches before sending.
const MaxBatchSize = 100

// BatchReadResult is the outcome of BatchRead. NotFound lists the
// requested ids (record ids or idProperty values) that HubSpot reported
// as missing.
type BatchReadResult struct {
	Found    []Object
	NotFound []string
}

type idInput struct {
	ID string `json:"id"`
}

type batchReadBody struct {
	Properties            []string  `json:"properties"`
	PropertiesWithHistory []string  `json:"propertiesWithHistory"`
	IDProperty            string    `json:"idProperty,omitempty"`
	Inputs                []idInput `json:"inputs"`
}

// BatchRead reads up to MaxBatchSize records of objectType by record id,
// or by the unique property idProperty when it is not empty. properties
// lists the properties to return (HubSpot's defaults when empty); a
// non-empty list gets idProperty added so callers can match results to ids.
//
// HubSpot API: POST /crm/v3/objects/{objectType}/batch/read
func (c *Client) BatchRead(ctx context.Context, objectType string, idProperty string,
	ids []string, properties []string) (BatchReadResult, error) {
	req := c.objectsRequest(http.MethodPost, objectType, "/batch/read", nil)
	if err := checkBatchSize(req, len(ids)); err != nil {
		return BatchReadResult{}, err
	}
	if len(ids) == 0 {
		return BatchReadResult{}, nil
	}

	body := batchReadBody{Properties: append([]string{}, properties...), PropertiesWithHistory: []string{},
		IDProperty: idProperty}
	if idProperty != "" && len(properties) > 0 && !slices.Contains(properties, idProperty) {
		body.Properties = append(body.Properties, idProperty)
	}
	for _, id := range ids {
		body.Inputs = append(body.Inputs, idInput{ID: id})
	}
	req.body = body

	batch, err := c.doBatch(ctx, req)
	if err != nil {
		return BatchReadResult{}, err
	}
	found, err := batch.objects(req, objectType)
	if err != nil {
		return BatchReadResult{}, err
	}

	result := BatchReadResult{Found: found}
	for _, e := range batch.Errors {
		if e.Category != "OBJECT_NOT_FOUND" {
			// NOTE: any other per-input error fails the whole read, so
			// its found records are dropped; HubSpot documents none.
			return BatchReadResult{}, c.entryError(req, e)
		}
		result.NotFound = append(result.NotFound, e.Context.all("ids", "id")...)
	}
	return result, nil
}

// doBatch sends a batch request and decodes its envelope.
func (c *Client) doBatch(ctx context.Context, req request) (batchResponse, error) {
	resp, err := c.do(ctx, req)
	if err != nil {
		return batchResponse{}, err
	}
	return decodeBatch(req, resp.body)
}

// entryError turns one errors[] entry of a batch response into an *Error
// for methods that cannot report per-input failures.
func (c *Client) entryError(req request, e apiError) *Error {
	facts := e.facts()
	status := entryStatus(e, facts.category)
	return c.redactError(&Error{
		Kind:          kindFor(status, facts),
		Status:        status,
		Category:      facts.category,
		Property:      facts.property,
		Code:          facts.code,
		ExistingID:    facts.existingID,
		Message:       e.Message,
		CorrelationID: e.CorrelationID,
		Method:        req.method,
		Path:          req.path,
	})
}

// entryStatus returns an errors[] entry's HTTP status. HubSpot's
// StandardError sends "status":"error", so the status usually comes from
// the category.
func entryStatus(e apiError, category string) int {
	if e.Status >= 100 {
		return int(e.Status)
	}
	switch category {
	case "VALIDATION_ERROR":
		return http.StatusBadRequest
	case "CONFLICT", "OBJECT_ALREADY_EXISTS":
		return http.StatusConflict
	case "OBJECT_NOT_FOUND":
		return http.StatusNotFound
	case "RATE_LIMIT", "RATE_LIMITS":
		return http.StatusTooManyRequests
	case "MISSING_SCOPES", "INVALID_AUTHENTICATION":
		return http.StatusForbidden
	}
	return 0
}
