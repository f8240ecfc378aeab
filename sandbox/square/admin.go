package square

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	square "github.com/square/square-go-sdk"
)

// adminRoutes maps the admin surface described in the package comment.
func (s *Simulator) adminRoutes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /_admin/orders", s.adminLoadOrders)
	mux.HandleFunc("POST /_admin/customers", s.adminLoadCustomers)
	mux.HandleFunc("POST /_admin/locations", s.adminLoadLocations)
	mux.HandleFunc("POST /_admin/catalog", s.adminLoadCatalog)
	mux.HandleFunc("GET /_admin/catalog", s.adminListCatalog)
	mux.HandleFunc("GET /_admin/state", s.adminState)
	mux.HandleFunc("GET /_admin/calls", s.adminCalls)
	mux.HandleFunc("GET /_admin/faults", s.adminGetFaults)
	mux.HandleFunc("PUT /_admin/faults", s.adminPutFaults)
	mux.HandleFunc("/_admin/", func(w http.ResponseWriter, r *http.Request) {
		writeErrors(w, http.StatusNotFound, invalidRequest(square.ErrorCodeNotFound, "",
			"The simulator has no admin endpoint %s %s.", r.Method, r.URL.Path))
	})
	return mux
}

// loadedResponse is the body of a successful admin load.
type loadedResponse struct {
	Loaded int `json:"loaded"`
}

// adminLoad decodes the admin request body into dst, calls load and
// responds with the number of objects loaded, or 400 with the reason.
func adminLoad(w http.ResponseWriter, r *http.Request, dst any, load func() (int, error)) {
	if e, status := decodeBody(w, r, maxAdminBodyBytes, dst); e != nil {
		writeErrors(w, status, e)
		return
	}
	n, err := load()
	if err != nil {
		writeErrors(w, http.StatusBadRequest, invalidRequest(square.ErrorCodeInvalidValue, "", "%v", err))
		return
	}
	writeJSON(w, http.StatusOK, loadedResponse{Loaded: n})
}

func (s *Simulator) adminLoadOrders(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Orders   []*square.Order   `json:"orders"`
		Arrivals map[string]string `json:"arrivals"`
	}
	adminLoad(w, r, &body, func() (int, error) {
		arrivals := make(map[string]time.Time, len(body.Arrivals))
		for id, value := range body.Arrivals {
			t, err := time.Parse(time.RFC3339Nano, value)
			if err != nil {
				return 0, fmt.Errorf("arrivals[%s]: %q is not an RFC 3339 timestamp", id, value)
			}
			arrivals[id] = t
		}
		return len(body.Orders), s.LoadOrders(body.Orders, arrivals)
	})
}

func (s *Simulator) adminLoadCustomers(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Customers []*square.Customer `json:"customers"`
	}
	adminLoad(w, r, &body, func() (int, error) {
		return len(body.Customers), s.LoadCustomers(body.Customers)
	})
}

func (s *Simulator) adminLoadLocations(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Locations []*square.Location `json:"locations"`
	}
	adminLoad(w, r, &body, func() (int, error) {
		return len(body.Locations), s.LoadLocations(body.Locations)
	})
}

func (s *Simulator) adminLoadCatalog(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Objects []*square.CatalogObject `json:"objects"`
	}
	adminLoad(w, r, &body, func() (int, error) {
		return len(body.Objects), s.LoadCatalog(body.Objects)
	})
}

func (s *Simulator) adminState(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	// Every stored object was encoded once when it was loaded, so Save can
	// fail only while writing to the connection, and then no client reads
	// the response.
	_ = s.Save(w)
}

func (s *Simulator) adminCalls(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.Calls())
}

func (s *Simulator) adminGetFaults(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.Faults())
}

// adminPutFaults replaces the fault settings. Unlike SetFaults, it rejects
// out-of-range values.
func (s *Simulator) adminPutFaults(w http.ResponseWriter, r *http.Request) {
	var f Faults
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxAPIBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		writeErrors(w, http.StatusBadRequest, invalidRequest(square.ErrorCodeBadRequest, "",
			"The faults body is not valid: %v.", err))
		return
	}
	if err := f.Validate(); err != nil {
		writeErrors(w, http.StatusBadRequest, invalidRequest(square.ErrorCodeInvalidValue, "", "%v", err))
		return
	}
	s.SetFaults(f)
	writeJSON(w, http.StatusOK, s.Faults())
}
