package hubspot

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

// Association is an association to create inline with a record.
type Association struct {
	ToID   string
	TypeID AssociationTypeID
}

// CreateInput is one record for BatchCreate. TraceID correlates a failed
// input with its InputError; BatchCreate generates one when it is empty.
type CreateInput struct {
	Properties   map[string]string
	Associations []Association
	TraceID      string
}

// UpdateInput is one record for BatchUpdate, identified by record id, or by
// the unique property IDProperty when it is set. An empty string value
// clears that property.
type UpdateInput struct {
	ID         string
	IDProperty string
	Properties map[string]string
}

// UpsertInput is one record for BatchUpsert, identified by the value ID of
// the unique property IDProperty (a custom unique property, or "email" for
// contacts).
type UpsertInput struct {
	ID         string
	IDProperty string
	Properties map[string]string
	TraceID    string
}

// BatchWriteResult is the outcome of BatchCreate or BatchUpdate: the
// records written and one InputError per rejected input.
type BatchWriteResult struct {
	Objects []Object
	Errors  []InputError
}

// UpsertedObject is a record written by BatchUpsert; New reports whether
// HubSpot created it rather than updated it.
type UpsertedObject struct {
	Object
	New bool
}

// BatchUpsertResult is the outcome of BatchUpsert.
type BatchUpsertResult struct {
	Objects []UpsertedObject
	Errors  []InputError
}

// InputError is one input that HubSpot rejected in a 207 Multi-Status
// response to a batch write.
type InputError struct {
	// TraceID is the input's objectWriteTraceId (create and upsert).
	TraceID string
	// IDs are the record ids or idProperty values HubSpot names, if any.
	IDs []string
	// Index is the input's position in the request slice, or -1 when
	// HubSpot's error names neither a known trace id nor a known id.
	Index int
	// Kind classifies the failure as Error.Kind does; KindConflict means
	// a unique value is taken, whatever Category HubSpot sent.
	Kind   Kind
	Status int
	// Category is HubSpot's category: VALIDATION_ERROR, CONFLICT,
	// OBJECT_NOT_FOUND and so on.
	Category string
	// Code is the detail code, such as INVALID_OPTION, when present.
	Code string
	// Property is the offending property when HubSpot names one.
	Property string
	// ExistingID is the id of the record holding a unique value, for
	// conflicts.
	ExistingID string
	Message    string
}

// Error formats the input error like *Error, naming the input.
func (e InputError) Error() string {
	var details []string
	if e.Property != "" {
		details = append(details, "property "+e.Property)
	}
	if e.Code != "" {
		details = append(details, e.Code)
	}
	if e.ExistingID != "" {
		details = append(details, "existing id "+e.ExistingID)
	}

	text := fmt.Sprintf("hubspot: input %d", e.Index)
	if e.TraceID != "" {
		text += " (trace id " + e.TraceID + ")"
	} else if len(e.IDs) > 0 {
		text += " (id " + strings.Join(e.IDs, ", ") + ")"
	}
	text += fmt.Sprintf(": %d %s", e.Status, e.Category)
	if len(details) > 0 {
		text += " (" + strings.Join(details, ", ") + ")"
	}
	return text + ": " + e.Message
}

type wireAssociation struct {
	To    idInput               `json:"to"`
	Types []wireAssociationType `json:"types"`
}

type wireAssociationType struct {
	Category string            `json:"associationCategory"`
	TypeID   AssociationTypeID `json:"associationTypeId"`
}

type createInput struct {
	Properties   map[string]string `json:"properties"`
	Associations []wireAssociation `json:"associations"`
	TraceID      string            `json:"objectWriteTraceId"`
}

type updateInput struct {
	ID         string            `json:"id"`
	IDProperty string            `json:"idProperty,omitempty"`
	Properties map[string]string `json:"properties"`
}

type upsertInput struct {
	ID         string            `json:"id"`
	IDProperty string            `json:"idProperty"`
	Properties map[string]string `json:"properties"`
	TraceID    string            `json:"objectWriteTraceId"`
}

type inputsBody[T any] struct {
	Inputs []T `json:"inputs"`
}

// BatchCreate creates up to MaxBatchSize records of objectType with their
// inline associations, whose targets must already exist. Every input
// without a TraceID gets a generated one unique within the batch, because
// HubSpot returns 207 with per-input errors only when every input has a
// unique trace id and otherwise fails the whole batch for one bad input.
// Duplicate caller-supplied trace ids are rejected before sending.
//
// HubSpot API: POST /crm/v3/objects/{objectType}/batch/create
func (c *Client) BatchCreate(ctx context.Context, objectType string,
	inputs []CreateInput) (BatchWriteResult, error) {
	req := c.objectsRequest(http.MethodPost, objectType, "/batch/create", nil)
	if err := checkBatchSize(req, len(inputs)); err != nil {
		return BatchWriteResult{}, err
	}
	if len(inputs) == 0 {
		return BatchWriteResult{}, nil
	}

	callerTraceIDs := make([]string, len(inputs))
	for i, in := range inputs {
		callerTraceIDs[i] = in.TraceID
	}
	traceIDs, err := completeTraceIDs(req, callerTraceIDs)
	if err != nil {
		return BatchWriteResult{}, err
	}

	body := inputsBody[createInput]{Inputs: make([]createInput, len(inputs))}
	for i, in := range inputs {
		body.Inputs[i] = createInput{Properties: nonNilMap(in.Properties),
			Associations: wireAssociations(in.Associations), TraceID: traceIDs[i]}
	}
	req.body = body

	batch, err := c.doBatch(ctx, req)
	if err != nil {
		return BatchWriteResult{}, err
	}
	objects, err := batch.objects(req, objectType)
	if err != nil {
		return BatchWriteResult{}, err
	}
	return BatchWriteResult{Objects: objects, Errors: c.inputErrors(batch, indexOf(traceIDs), nil)}, nil
}

// BatchUpdate updates up to MaxBatchSize records of objectType. HubSpot's
// contacts guide requires record ids (no IDProperty) for contacts.
//
// HubSpot API: POST /crm/v3/objects/{objectType}/batch/update
func (c *Client) BatchUpdate(ctx context.Context, objectType string,
	inputs []UpdateInput) (BatchWriteResult, error) {
	req := c.objectsRequest(http.MethodPost, objectType, "/batch/update", nil)
	if err := checkBatchSize(req, len(inputs)); err != nil {
		return BatchWriteResult{}, err
	}
	if len(inputs) == 0 {
		return BatchWriteResult{}, nil
	}

	body := inputsBody[updateInput]{Inputs: make([]updateInput, len(inputs))}
	ids := make([]string, len(inputs))
	for i, in := range inputs {
		body.Inputs[i] = updateInput{ID: in.ID, IDProperty: in.IDProperty, Properties: nonNilMap(in.Properties)}
		ids[i] = in.ID
	}
	req.body = body

	batch, err := c.doBatch(ctx, req)
	if err != nil {
		return BatchWriteResult{}, err
	}
	objects, err := batch.objects(req, objectType)
	if err != nil {
		return BatchWriteResult{}, err
	}
	return BatchWriteResult{Objects: objects, Errors: c.inputErrors(batch, nil, indexOf(ids))}, nil
}
