package square

import (
	"net/http"

	square "github.com/square/square-go-sdk"
)

// maxBulkCustomers is BulkRetrieveCustomers' documented limit of 1 to 100
// customer ids.
const maxBulkCustomers = 100

// retrieveCustomer serves GET /v2/customers/{customer_id}. Unknown and
// deleted ids get 404 NOT_FOUND.
func (s *Simulator) retrieveCustomer(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("customer_id")

	s.mu.Lock()
	customer, ok := s.data.customers[id]
	s.mu.Unlock()

	if !ok {
		writeErrors(w, http.StatusNotFound, notFoundError(id))
		return
	}
	writeJSON(w, http.StatusOK, &square.GetCustomerResponse{Customer: customer})
}

// bulkRetrieveCustomers serves POST /v2/customers/bulk-retrieve. Every
// requested id gets an entry in responses: the customer, or a NOT_FOUND
// error when it is unknown or deleted.
func (s *Simulator) bulkRetrieveCustomers(w http.ResponseWriter, r *http.Request) {
	var req square.BulkRetrieveCustomersRequest
	if e, status := decodeBody(w, r, maxAPIBodyBytes, &req); e != nil {
		writeErrors(w, status, e)
		return
	}
	switch n := len(req.CustomerIDs); {
	case n == 0:
		writeErrors(w, http.StatusBadRequest, invalidRequest(square.ErrorCodeArrayLengthTooShort,
			"customer_ids", "customer_ids requires 1 to %d ids; got none.", maxBulkCustomers))
		return
	case n > maxBulkCustomers:
		writeErrors(w, http.StatusBadRequest, invalidRequest(square.ErrorCodeArrayLengthTooLong,
			"customer_ids", "customer_ids allows at most %d ids; got %d.", maxBulkCustomers, n))
		return
	}

	resp := &square.BulkRetrieveCustomersResponse{
		Responses: make(map[string]*square.GetCustomerResponse, len(req.CustomerIDs)),
	}
	s.mu.Lock()
	for _, id := range req.CustomerIDs {
		if customer, ok := s.data.customers[id]; ok {
			resp.Responses[id] = &square.GetCustomerResponse{Customer: customer}
			continue
		}
		resp.Responses[id] = &square.GetCustomerResponse{Errors: []*square.Error{notFoundError(id)}}
	}
	s.mu.Unlock()

	writeJSON(w, http.StatusOK, resp)
}
