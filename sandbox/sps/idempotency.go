package sps

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"strings"
)

// headerIdempotencyKey is the request header every create must carry.
const headerIdempotencyKey = "Idempotency-Key"

// maxIdempotencyKeyLength caps a key, as clients/sps does.
const maxIdempotencyKeyLength = 255

// storedResponse is a remembered 2xx create response, replayed to a
// create with the same path, key and body.
type storedResponse struct {
	// RequestHash is the SHA-256 of the canonical JSON of the create body.
	RequestHash string          `json:"requestHash"`
	Status      int             `json:"status"`
	Body        json.RawMessage `json:"body"`
}

// idempotencyKeys maps a create path, then an Idempotency-Key, to the
// response first sent for it.
type idempotencyKeys map[string]map[string]storedResponse

func (k idempotencyKeys) clone() idempotencyKeys {
	out := make(idempotencyKeys, len(k))
	for path, keys := range k {
		out[path] = maps.Clone(keys)
	}
	return out
}

// CreateFaults are the failure knobs of the create endpoints, on top of
// Faults, which apply to creates like to every API request.
type CreateFaults struct {
	// FailAfterStore makes the next N creates that succeed store their
	// record and remember their key, then respond 503 as if the response
	// were lost on the way. A retry with the same key and body gets the
	// stored response. It counts down as creates fail.
	FailAfterStore int `json:"failAfterStore,omitempty"`
}

// SetCreateFaults replaces the create fault settings. A negative count
// means 0.
func (s *Simulator) SetCreateFaults(f CreateFaults) {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.createFaults = CreateFaults{FailAfterStore: max(f.FailAfterStore, 0)}
}

// CreateFaults returns the create fault settings, with FailAfterStore
// counted down by the responses already lost.
func (s *Simulator) CreateFaults() CreateFaults {
	s.mu.Lock()
	defer s.mu.Unlock()

	return s.createFaults
}

// createFunc validates and stores one record from a create body. It runs
// under the simulator's lock and returns the status and response body.
type createFunc func(payload json.RawMessage) (int, any)

// serveCreate runs create under the Idempotency-Key rules of the proposed
// contract: the same key with the same body on the same path replays the
// first response without creating, and the same key with another body is
// 422 idempotency_mismatch.
//
// NOTE: only 2xx responses are remembered, so a create rejected with 400
// can be sent again with a corrected body under the same key. Whether SPS
// also keeps failed responses is an open question of the proposed contract.
func (s *Simulator) serveCreate(w http.ResponseWriter, r *http.Request, payload json.RawMessage,
	create createFunc) {
	key := r.Header.Get(headerIdempotencyKey)
	switch {
	case strings.TrimSpace(key) == "":
		writeError(w, http.StatusBadRequest, "idempotency_key_required",
			"The %s header is required on every create.", headerIdempotencyKey)
		return
	case len(key) > maxIdempotencyKeyLength:
		writeError(w, http.StatusBadRequest, "invalid_request",
			"The %s header has %d bytes, more than %d.", headerIdempotencyKey, len(key), maxIdempotencyKeyLength)
		return
	}
	hash := canonicalHash(payload)

	s.mu.Lock()
	stored, seen := s.idempotency[r.URL.Path][key]
	if seen {
		s.mu.Unlock()
		if stored.RequestHash != hash {
			writeError(w, http.StatusUnprocessableEntity, "idempotency_mismatch",
				"%s %q was already used on %s with a different body.", headerIdempotencyKey, key, r.URL.Path)
			return
		}
		writeRawJSON(w, stored.Status, stored.Body)
		return
	}

	status, body := create(payload)
	data, err := json.Marshal(body)
	if err != nil {
		s.mu.Unlock()
		writeError(w, http.StatusInternalServerError, "internal_error", "Encoding the response failed: %v.", err)
		return
	}
	lost := false
	if status >= 200 && status <= 299 {
		if s.idempotency[r.URL.Path] == nil {
			s.idempotency[r.URL.Path] = map[string]storedResponse{}
		}
		s.idempotency[r.URL.Path][key] = storedResponse{RequestHash: hash, Status: status, Body: data}
		if s.createFaults.FailAfterStore > 0 {
			s.createFaults.FailAfterStore--
			lost = true
		}
	}
	s.mu.Unlock()

	if lost {
		writeError(w, http.StatusServiceUnavailable, "service_unavailable",
			"Injected fault: HTTP 503 after the record was stored.")
		return
	}
	writeRawJSON(w, status, data)
}

// canonicalHash returns the hex SHA-256 of payload re-encoded with sorted
// keys and no spacing, so bodies that differ only in key order or
// whitespace are the same request. Numbers keep their text.
func canonicalHash(payload json.RawMessage) string {
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber()
	var value any
	canonical := []byte(payload)
	if dec.Decode(&value) == nil {
		if data, err := json.Marshal(value); err == nil {
			canonical = data
		}
	}
	sum := sha256.Sum256(canonical)
	return hex.EncodeToString(sum[:])
}

// writeRawJSON sends an already encoded JSON body.
func writeRawJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
	_, _ = w.Write([]byte("\n"))
}

// createError is the status and body of a rejected create.
func createError(status int, code, format string, args ...any) (int, any) {
	return status, errorBody{Error: code, Message: fmt.Sprintf(format, args...)}
}
