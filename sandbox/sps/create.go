package sps

import "net/http"

// createCustomer responds to the proposed create form of POST /v2/Customers,
// {"customer": {...}}.
//
// NOTE: SPS has not shipped its write endpoints, and the simulator does
// not implement them yet. The assumed contract (201 with the stored
// customer, Idempotency-Key replay, 422 on a reused key with another
// body) belongs here.
func (s *Simulator) createCustomer(w http.ResponseWriter, _ *http.Request) {
	writeError(w, http.StatusNotImplemented, "not_implemented",
		"Creating a customer with POST /v2/Customers is a proposed SPS endpoint that this simulator "+
			"does not implement yet.")
}

// createQuote responds to the proposed create form of POST /v2/Quotes,
// {"quote": {...}}.
//
// NOTE: not implemented yet, like createCustomer. The assumed contract
// (201 with id, transactionNumber, total and lines, 400 naming an unknown
// item or customer, Idempotency-Key replay) belongs here.
func (s *Simulator) createQuote(w http.ResponseWriter, _ *http.Request) {
	writeError(w, http.StatusNotImplemented, "not_implemented",
		"Creating a quote with POST /v2/Quotes is a proposed SPS endpoint that this simulator "+
			"does not implement yet.")
}
