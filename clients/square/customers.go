package square

import (
	"context"
	"fmt"
	"net/http"
	"slices"

	square "github.com/square/square-go-sdk"
)

// BulkRetrieveCustomers fetches customer profiles by id, MaxCustomersPerBulk
// per call. found maps each existing id to its profile. missing lists,
// sorted, the ids Square reports NOT_FOUND, which is how deleted and
// merged profiles look. Empty and repeated ids are ignored. Any other
// failure, including a per-id error other than NOT_FOUND, returns *Error
// and no results.
//
// Square API: POST /v2/customers/bulk-retrieve (BulkRetrieveCustomers).
func (c *Client) BulkRetrieveCustomers(
	ctx context.Context, ids []string,
) (found map[string]*square.Customer, missing []string, err error) {
	found = map[string]*square.Customer{}
	for _, group := range chunk(dedupeSorted(ids), MaxCustomersPerBulk) {
		groupMissing, err := c.bulkRetrieve(ctx, group, found)
		if err != nil {
			return nil, nil, err
		}
		missing = append(missing, groupMissing...)
	}
	slices.Sort(missing)
	return found, missing, nil
}

// bulkRetrieve fetches one group of at most MaxCustomersPerBulk ids into
// found and returns the ids Square did not find.
func (c *Client) bulkRetrieve(
	ctx context.Context, ids []string, found map[string]*square.Customer,
) ([]string, error) {
	const endpoint = "POST /v2/customers/bulk-retrieve"
	resp, err := c.sdk.Customers.BulkRetrieveCustomers(withEndpoint(ctx, endpoint),
		&square.BulkRetrieveCustomersRequest{CustomerIDs: ids}, c.callOptions...)
	if err != nil {
		return nil, c.mapError(endpoint, err)
	}
	if len(resp.Errors) > 0 {
		return nil, c.envelopeError(endpoint, http.StatusOK, resp.Errors)
	}

	var missing []string
	for _, id := range ids {
		entry := resp.Responses[id]
		switch {
		case entry.GetCustomer() != nil:
			found[id] = entry.GetCustomer()
		case entry == nil || isNotFound(entry.Errors):
			missing = append(missing, id)
		default:
			e := c.envelopeError(endpoint, http.StatusOK, entry.Errors)
			e.Detail = fmt.Sprintf("customer %s: %s", id, e.Detail)
			return nil, e
		}
	}
	return missing, nil
}

// isNotFound reports whether every entry is NOT_FOUND.
func isNotFound(errs []*square.Error) bool {
	if len(errs) == 0 {
		return false
	}
	for _, e := range errs {
		if e.GetCode() != square.ErrorCodeNotFound {
			return false
		}
	}
	return true
}
