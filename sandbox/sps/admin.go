package sps

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/stonecity/sync/clients/sps"
)

// adminRoutes maps the admin surface described in the package comment.
func (s *Simulator) adminRoutes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_admin/state", s.adminState)
	mux.HandleFunc("POST /_admin/customers", func(w http.ResponseWriter, r *http.Request) {
		adminLoad(w, r, s.LoadCustomers)
	})
	mux.HandleFunc("POST /_admin/quotes", func(w http.ResponseWriter, r *http.Request) {
		adminLoad(w, r, s.LoadQuotes)
	})
	mux.HandleFunc("POST /_admin/products", func(w http.ResponseWriter, r *http.Request) {
		adminLoad(w, r, s.LoadProducts)
	})
	mux.HandleFunc("DELETE /_admin/products/{id}", s.adminDeleteProduct)
	mux.HandleFunc("GET /_admin/calls", s.adminCalls)
	mux.HandleFunc("GET /_admin/faults", s.adminGetFaults)
	mux.HandleFunc("PUT /_admin/faults", s.adminPutFaults)
	mux.HandleFunc("POST /_admin/expire-tokens", s.adminExpireTokens)
	mux.HandleFunc("GET /_admin/create-faults", s.adminGetCreateFaults)
	mux.HandleFunc("PUT /_admin/create-faults", s.adminPutCreateFaults)
	mux.HandleFunc("POST /_admin/quotes/{id}/status", s.adminChangeQuoteStatus)
	mux.HandleFunc("POST /_admin/webhooks/replay", s.adminReplayWebhook)
	mux.HandleFunc("/_admin/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found",
			"The simulator has no admin endpoint %s %s.", r.Method, r.URL.Path)
	})
	return mux
}

// loadedResponse is the body of a successful admin load.
type loadedResponse struct {
	Loaded int `json:"loaded"`
}

// adminLoad decodes a JSON array of records and loads it. Fields the
// clients/sps types do not declare are ignored.
func adminLoad[T sps.Customer | sps.Quote | sps.Product](w http.ResponseWriter, r *http.Request,
	load func([]T) error) {
	var records []T
	if status, code, message := decodeJSON(w, r, maxAdminBodyBytes, &records, false); status != 0 {
		writeError(w, status, code, "%s", message)
		return
	}
	if err := load(records); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, loadedResponse{Loaded: len(records)})
}

func (s *Simulator) adminState(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	// Every stored record encodes, so Save can fail only while writing to
	// the connection, and then no client reads the response.
	_ = s.Save(w)
}

func (s *Simulator) adminCalls(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.Calls())
}

func (s *Simulator) adminGetFaults(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.Faults())
}

// adminPutFaults replaces the fault settings. Unlike SetFaults, it rejects
// unknown fields and out-of-range values.
func (s *Simulator) adminPutFaults(w http.ResponseWriter, r *http.Request) {
	var f Faults
	if status, code, message := decodeJSON(w, r, maxAPIBodyBytes, &f, true); status != 0 {
		writeError(w, status, code, "%s", message)
		return
	}
	if err := f.Validate(); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", "%v", err)
		return
	}
	s.SetFaults(f)
	writeJSON(w, http.StatusOK, s.Faults())
}

// expiredResponse is the body of POST /_admin/expire-tokens.
type expiredResponse struct {
	Expired int `json:"expired"`
}

func (s *Simulator) adminExpireTokens(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, expiredResponse{Expired: s.expireTokens()})
}

// adminDeleteProduct serves DELETE /_admin/products/{id}: 204 when the
// product existed, 404 when it did not, 400 for an id that is not a
// positive integer.
func (s *Simulator) adminDeleteProduct(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeError(w, http.StatusBadRequest, "invalid_request",
			"Product id %q is not a positive integer.", r.PathValue("id"))
		return
	}
	if err := s.DeleteProduct(id); errors.Is(err, ErrNotFound) {
		writeError(w, http.StatusNotFound, "not_found", "No product has id %d.", id)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
