package hubspot

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
)

// BatchUpsert creates or updates up to MaxBatchSize records of objectType,
// matched by each input's IDProperty value. Like BatchCreate it generates
// a unique TraceID for every input without one, so failed inputs come
// back as InputErrors. HubSpot rejects partial upserts by "email"; use a
// custom unique property to update only some properties.
//
// HubSpot API: POST /crm/v3/objects/{objectType}/batch/upsert
func (c *Client) BatchUpsert(ctx context.Context, objectType string,
	inputs []UpsertInput) (BatchUpsertResult, error) {
	req := c.objectsRequest(http.MethodPost, objectType, "/batch/upsert", nil)
	if err := checkBatchSize(req, len(inputs)); err != nil {
		return BatchUpsertResult{}, err
	}
	if len(inputs) == 0 {
		return BatchUpsertResult{}, nil
	}

	callerTraceIDs := make([]string, len(inputs))
	ids := make([]string, len(inputs))
	for i, in := range inputs {
		callerTraceIDs[i] = in.TraceID
		ids[i] = in.ID
	}
	traceIDs, err := completeTraceIDs(req, callerTraceIDs)
	if err != nil {
		return BatchUpsertResult{}, err
	}

	body := inputsBody[upsertInput]{Inputs: make([]upsertInput, len(inputs))}
	for i, in := range inputs {
		body.Inputs[i] = upsertInput{ID: in.ID, IDProperty: in.IDProperty,
			Properties: nonNilMap(in.Properties), TraceID: traceIDs[i]}
	}
	req.body = body

	batch, err := c.doBatch(ctx, req)
	if err != nil {
		return BatchUpsertResult{}, err
	}
	objects, err := batch.objects(req, objectType)
	if err != nil {
		return BatchUpsertResult{}, err
	}

	result := BatchUpsertResult{Objects: make([]UpsertedObject, len(objects)),
		Errors: c.inputErrors(batch, indexOf(traceIDs), indexOf(ids))}
	for i, o := range objects {
		result.Objects[i] = UpsertedObject{Object: o, New: batch.Results[i].New}
	}
	return result, nil
}

// completeTraceIDs returns callerTraceIDs with every empty trace id
// replaced by one that is unique within the batch. It rejects duplicate
// caller trace ids.
func completeTraceIDs(req request, callerTraceIDs []string) ([]string, error) {
	inUse := make(map[string]bool, len(callerTraceIDs))
	for i, id := range callerTraceIDs {
		if id == "" {
			continue
		}
		if inUse[id] {
			return nil, &Error{Kind: KindValidation, Method: req.method, Path: req.path,
				Message: fmt.Sprintf("input %d repeats trace id %q; trace ids must be unique within a batch", i, id)}
		}
		inUse[id] = true
	}

	out := make([]string, len(callerTraceIDs))
	for i, id := range callerTraceIDs {
		if id == "" {
			id = "input-" + strconv.Itoa(i)
			for n := 2; inUse[id]; n++ {
				id = "input-" + strconv.Itoa(i) + "-" + strconv.Itoa(n)
			}
			inUse[id] = true
		}
		out[i] = id
	}
	return out, nil
}

// indexOf maps each value to its first position in values.
func indexOf(values []string) map[string]int {
	index := make(map[string]int, len(values))
	for i, v := range values {
		if _, seen := index[v]; !seen {
			index[v] = i
		}
	}
	return index
}

// inputErrors converts a batch response's errors[] into InputErrors,
// finding each input's position by trace id first, then by id.
func (c *Client) inputErrors(batch batchResponse, byTraceID, byID map[string]int) []InputError {
	if len(batch.Errors) == 0 {
		return nil
	}

	out := make([]InputError, 0, len(batch.Errors))
	for _, e := range batch.Errors {
		facts := e.facts()
		status := entryStatus(e, facts.category)
		ie := InputError{
			TraceID:    facts.traceID,
			IDs:        facts.ids,
			Index:      -1,
			Kind:       kindFor(status, facts),
			Status:     status,
			Category:   facts.category,
			Code:       facts.code,
			Property:   facts.property,
			ExistingID: facts.existingID,
			Message:    e.Message,
		}
		if i, ok := byTraceID[ie.TraceID]; ok && ie.TraceID != "" {
			ie.Index = i
		} else if len(ie.IDs) > 0 {
			if i, ok := byID[ie.IDs[0]]; ok {
				ie.Index = i
			}
		}
		out = append(out, c.redactInputError(ie))
	}
	return out
}

// redactInputError removes the token from every text field of e that
// comes from the response.
func (c *Client) redactInputError(e InputError) InputError {
	for _, field := range []*string{&e.TraceID, &e.Category, &e.Code, &e.Property,
		&e.ExistingID, &e.Message} {
		*field = c.redact(*field)
	}
	e.IDs = append([]string(nil), e.IDs...)
	for i := range e.IDs {
		e.IDs[i] = c.redact(e.IDs[i])
	}
	return e
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func wireAssociations(associations []Association) []wireAssociation {
	out := make([]wireAssociation, 0, len(associations))
	for _, a := range associations {
		out = append(out, wireAssociation{To: idInput{ID: a.ToID},
			Types: []wireAssociationType{{Category: "HUBSPOT_DEFINED", TypeID: a.TypeID}}})
	}
	return out
}
