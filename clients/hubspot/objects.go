package hubspot

import (
	"fmt"
	"net/url"
	"time"
)

// Object is a CRM record. HubSpot returns every property value as a
// string; a property that is null or absent in the response is absent
// from Properties.
type Object struct {
	ID         string
	Properties map[string]string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Archived   bool
}

// AssociationTypeID is a HUBSPOT_DEFINED association type id. Type ids are
// directional: deal → contact and contact → deal differ.
type AssociationTypeID int

// Default (unlabeled) association type ids.
const (
	DealToLineItem   AssociationTypeID = 19
	LineItemToDeal   AssociationTypeID = 20
	DealToContact    AssociationTypeID = 3
	ContactToDeal    AssociationTypeID = 4
	ContactToCompany AssociationTypeID = 279
	CompanyToContact AssociationTypeID = 280
	DealToCompany    AssociationTypeID = 341
	CompanyToDeal    AssociationTypeID = 342
)

// wireObject is a record as HubSpot encodes it (SimplePublicObject and
// SimplePublicUpsertObject).
type wireObject struct {
	ID         flexString         `json:"id"`
	Properties map[string]*string `json:"properties"`
	CreatedAt  string             `json:"createdAt"`
	UpdatedAt  string             `json:"updatedAt"`
	Archived   bool               `json:"archived"`
	New        bool               `json:"new"`
}

// object converts a wire record; it fails when a timestamp is malformed.
func (w wireObject) object(objectType string) (Object, error) {
	o := Object{ID: string(w.ID), Archived: w.Archived, Properties: make(map[string]string, len(w.Properties))}
	for name, value := range w.Properties {
		if value != nil {
			o.Properties[name] = *value
		}
	}

	var err error
	if o.CreatedAt, err = parseTimestamp(w.CreatedAt); err != nil {
		return Object{}, fmt.Errorf("hubspot: %s %s: invalid createdAt: %w", objectType, o.ID, err)
	}
	if o.UpdatedAt, err = parseTimestamp(w.UpdatedAt); err != nil {
		return Object{}, fmt.Errorf("hubspot: %s %s: invalid updatedAt: %w", objectType, o.ID, err)
	}
	return o, nil
}

// parseTimestamp reads an ISO-8601 timestamp; empty text is the zero time.
func parseTimestamp(text string) (time.Time, error) {
	if text == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, text)
}

// batchResponse is HubSpot's batch envelope (BatchResponseSimplePublicObject
// and its upsert and multi-status variants).
type batchResponse struct {
	Status    string       `json:"status"`
	Results   []wireObject `json:"results"`
	NumErrors int          `json:"numErrors"`
	Errors    []apiError   `json:"errors"`
}

// objects converts every result, failing on the first malformed record.
func (b batchResponse) objects(req request, objectType string) ([]Object, error) {
	out := make([]Object, 0, len(b.Results))
	for _, w := range b.Results {
		o, err := w.object(objectType)
		if err != nil {
			return nil, &Error{Kind: KindOther, Method: req.method, Path: req.path,
				Message: "decoding the response body failed", cause: err}
		}
		out = append(out, o)
	}
	return out, nil
}

// objectsRequest builds a request under the objects API, for example
// objectsRequest("POST", "deals", "/batch/read").
func (c *Client) objectsRequest(method, objectType, suffix string, body any) request {
	base := c.objectsPath + "/" + url.PathEscape(objectType)
	return request{method: method, path: base + suffix, template: base + suffix, body: body}
}

// checkBatchSize rejects a batch larger than MaxBatchSize before sending.
func checkBatchSize(req request, n int) error {
	if n <= MaxBatchSize {
		return nil
	}
	return &Error{Kind: KindValidation, Method: req.method, Path: req.path,
		Message: fmt.Sprintf("%d inputs exceed the maximum of %d per batch request; split the batch",
			n, MaxBatchSize)}
}

// decodeBatch decodes a batch response body.
func decodeBatch(req request, body []byte) (batchResponse, error) {
	var batch batchResponse
	if err := decodeJSON(req, body, &batch); err != nil {
		return batchResponse{}, err
	}
	return batch, nil
}
