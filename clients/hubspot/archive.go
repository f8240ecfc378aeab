package hubspot

import (
	"context"
	"net/http"
)

// BatchArchive archives up to MaxBatchSize records of objectType by record
// id. HubSpot ignores ids it does not know and returns 204, so archiving
// twice is harmless. An empty ids list sends nothing. A failed call
// returns *Error.
//
// HubSpot API: POST /crm/v3/objects/{objectType}/batch/archive
func (c *Client) BatchArchive(ctx context.Context, objectType string, ids []string) error {
	req := c.objectsRequest(http.MethodPost, objectType, "/batch/archive", nil)
	if err := checkBatchSize(req, len(ids)); err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}

	body := inputsBody[idInput]{Inputs: make([]idInput, len(ids))}
	for i, id := range ids {
		body.Inputs[i] = idInput{ID: id}
	}
	req.body = body

	_, err := c.do(ctx, req)
	return err
}
