package hubspot

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// Per-call input limits of the v4 association batch endpoints as this
// client uses them. HubSpot accepts up to 2,000 inputs per batch create;
// this client sends at most 100, the size of an object batch.
const (
	maxAssociatePairs  = 100
	maxAssociationRead = 1000
)

// AssociationPair links one record to another with the default
// (unlabeled) association type.
type AssociationPair struct {
	FromID string
	ToID   string
}

type fromTo struct {
	From idInput `json:"from"`
	To   idInput `json:"to"`
}

// associationsRequest builds a request under the associations API, for
// example ".../contacts/companies/batch/read".
func (c *Client) associationsRequest(fromType, toType, suffix string, body any) request {
	path := c.associationsPath + "/" + url.PathEscape(fromType) + "/" + url.PathEscape(toType) + suffix
	return request{method: http.MethodPost, path: path, template: path, body: body}
}

// BatchAssociateDefault creates the default association from each pair's
// FromID (of fromType) to its ToID (of toType), in calls of at most 100
// pairs. Associating an already associated pair succeeds, so a failed call
// can be retried as a whole. The first call that fails, or whose response
// lists failed pairs, stops the method with an *Error describing the first
// failure; earlier calls stay applied.
//
// HubSpot API: POST /crm/v4/associations/{fromType}/{toType}/batch/associate/default
func (c *Client) BatchAssociateDefault(ctx context.Context, fromType, toType string,
	pairs []AssociationPair) error {
	for start := 0; start < len(pairs); start += maxAssociatePairs {
		chunk := pairs[start:min(start+maxAssociatePairs, len(pairs))]
		body := inputsBody[fromTo]{Inputs: make([]fromTo, len(chunk))}
		for i, p := range chunk {
			body.Inputs[i] = fromTo{From: idInput{ID: p.FromID}, To: idInput{ID: p.ToID}}
		}
		req := c.associationsRequest(fromType, toType, "/batch/associate/default", body)

		failures, err := c.associate(ctx, req)
		if err != nil {
			return err
		}
		if len(failures) > 0 {
			e := c.entryError(req, failures[0])
			e.Message = fmt.Sprintf("%d of %d association inputs failed, first: %s",
				len(failures), len(chunk), e.Message)
			return e
		}
	}
	return nil
}

type associationReadInput struct {
	ID    string `json:"id"`
	After string `json:"after,omitempty"`
}

type associationReadResponse struct {
	Results []struct {
		From struct {
			ID flexString `json:"id"`
		} `json:"from"`
		To []struct {
			ToObjectID flexString `json:"toObjectId"`
		} `json:"to"`
		Paging struct {
			Next struct {
				After string `json:"after"`
			} `json:"next"`
		} `json:"paging"`
	} `json:"results"`
	Errors []apiError `json:"errors"`
}

// BatchReadAssociations returns, for each record id in fromIDs (of
// fromType), the ids of its associated toType records, in calls of at most
// 1,000 ids. Records without associations are absent from the map;
// HubSpot reports them as OBJECT_NOT_FOUND entries, which are not errors
// here. A record with more associations than one response page holds is
// read again with HubSpot's paging cursor.
//
// HubSpot API: POST /crm/v4/associations/{fromType}/{toType}/batch/read
func (c *Client) BatchReadAssociations(ctx context.Context, fromType, toType string,
	fromIDs []string) (map[string][]string, error) {
	out := make(map[string][]string)
	pending := make([]associationReadInput, 0, len(fromIDs))
	for _, id := range fromIDs {
		pending = append(pending, associationReadInput{ID: id})
	}

	for len(pending) > 0 {
		chunk := pending[:min(maxAssociationRead, len(pending))]
		pending = pending[len(chunk):]

		next, err := c.readAssociationChunk(ctx, fromType, toType, chunk, out)
		if err != nil {
			return nil, err
		}
		pending = append(pending, next...)
	}
	return out, nil
}

// readAssociationChunk reads one batch into out and returns the inputs
// that have further pages.
func (c *Client) readAssociationChunk(ctx context.Context, fromType, toType string,
	chunk []associationReadInput, out map[string][]string) ([]associationReadInput, error) {
	body := inputsBody[associationReadInput]{Inputs: chunk}
	req := c.associationsRequest(fromType, toType, "/batch/read", body)
	resp, err := c.do(ctx, req)
	if err != nil {
		return nil, err
	}

	var parsed associationReadResponse
	if err := decodeJSON(req, resp.body, &parsed); err != nil {
		return nil, err
	}
	for _, e := range parsed.Errors {
		if e.Category != "OBJECT_NOT_FOUND" {
			return nil, c.entryError(req, e)
		}
	}

	var next []associationReadInput
	for _, r := range parsed.Results {
		from := string(r.From.ID)
		for _, to := range r.To {
			out[from] = append(out[from], string(to.ToObjectID))
		}
		if r.Paging.Next.After != "" {
			next = append(next, associationReadInput{ID: from, After: r.Paging.Next.After})
		}
	}
	return next, nil
}

// associate sends an association batch write and returns the errors[]
// entries of its response.
func (c *Client) associate(ctx context.Context, req request) ([]apiError, error) {
	resp, err := c.do(ctx, req)
	if err != nil {
		return nil, err
	}

	var parsed struct {
		Errors []apiError `json:"errors"`
	}
	if err := decodeJSON(req, resp.body, &parsed); err != nil {
		return nil, err
	}
	return parsed.Errors, nil
}
