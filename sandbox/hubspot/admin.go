package hubspot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// maxAdminBodyBytes caps admin request bodies, which carry whole portals.
const maxAdminBodyBytes = 512 << 20

// serveAdmin serves the unauthenticated /_admin/ surface.
func (s *Simulator) serveAdmin(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, "/_admin/")
	route := r.Method + " " + path
	if typeName, ok := strings.CutPrefix(path, "objects/"); ok && r.Method == http.MethodGet {
		s.adminObjects(w, typeName)
		return
	}
	switch route {
	case "GET state":
		var buf bytes.Buffer
		if err := s.Save(&buf); err != nil {
			writeAdminError(w, http.StatusInternalServerError, err)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(buf.Bytes())
	case "PUT state":
		body := http.MaxBytesReader(w, r.Body, maxAdminBodyBytes)
		if err := s.Load(body); err != nil {
			writeAdminError(w, http.StatusBadRequest, err)
			return
		}
		writeAdminJSON(w, http.StatusOK, map[string]string{"status": "loaded"})
	case "POST portal":
		s.adminLoadPortal(w, r)
	case "GET calls":
		writeAdminJSON(w, http.StatusOK, s.Calls())
	case "GET faults":
		writeAdminJSON(w, http.StatusOK, s.Faults())
	case "PUT faults":
		s.adminSetFaults(w, r)
	default:
		writeAdminError(w, http.StatusNotFound,
			fmt.Errorf("no admin endpoint matches %s %s", r.Method, r.URL.Path))
	}
}

func (s *Simulator) adminObjects(w http.ResponseWriter, typeName string) {
	if _, ok := lookupObjectType(typeName, true); !ok {
		writeAdminError(w, http.StatusNotFound, fmt.Errorf("object type %q is unknown", typeName))
		return
	}
	writeAdminJSON(w, http.StatusOK, s.Objects(typeName))
}

func (s *Simulator) adminLoadPortal(w http.ResponseWriter, r *http.Request) {
	var portal Portal
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxAdminBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&portal); err != nil {
		writeAdminError(w, http.StatusBadRequest, fmt.Errorf("portal body is invalid: %w", err))
		return
	}
	if err := s.LoadPortal(portal); err != nil {
		writeAdminError(w, http.StatusBadRequest, err)
		return
	}
	writeAdminJSON(w, http.StatusOK, map[string]int{
		"objects":      len(portal.Objects),
		"associations": len(portal.Associations),
		"pipelines":    len(portal.Pipelines),
	})
}

func (s *Simulator) adminSetFaults(w http.ResponseWriter, r *http.Request) {
	var f Faults
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		writeAdminError(w, http.StatusBadRequest, fmt.Errorf("faults body is invalid: %w", err))
		return
	}
	if err := f.validate(); err != nil {
		writeAdminError(w, http.StatusBadRequest, err)
		return
	}
	s.SetFaults(f)
	writeAdminJSON(w, http.StatusOK, s.Faults())
}

func writeAdminJSON(w http.ResponseWriter, status int, v any) {
	payload, err := encodeJSON(v)
	if err != nil {
		writeAdminError(w, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(payload)
}

func writeAdminError(w http.ResponseWriter, status int, err error) {
	payload, _ := encodeJSON(map[string]string{"status": "error", "message": err.Error()})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(payload)
}
