package hubspot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/google/uuid"
)

// maxBodyBytes caps request bodies; larger bodies get 413.
const maxBodyBytes = 10 << 20

// apiCall is one API request as passed to a handler.
type apiCall struct {
	r          *http.Request
	body       []byte
	objectType objectType
	toType     objectType
	now        time.Time
}

// reply is a successful response. A nil body sends no body.
type reply struct {
	status int
	body   any
}

// serveAPI runs the steps every API call shares: latency, counting, rate
// limits and injected faults, then the handler. Faults and rate limits
// respond before the handler runs, so a rejected call changes no state.
func (s *Simulator) serveAPI(w http.ResponseWriter, r *http.Request, rt routeSpec) {
	body, readErr := readBody(w, r)

	s.mu.Lock()
	latency := s.faults.latency()
	s.mu.Unlock()
	if latency > 0 {
		timer := time.NewTimer(latency)
		select {
		case <-timer.C:
		case <-r.Context().Done():
			timer.Stop()
			return
		}
	}

	s.mu.Lock()
	status, payload, header := s.runCall(r, rt, body, readErr)
	s.mu.Unlock()

	for k, v := range header {
		w.Header()[k] = v
	}
	w.WriteHeader(status)
	if payload != nil {
		_, _ = w.Write(payload)
	}
}

// runCall does the locked part of serveAPI and returns the encoded
// response.
func (s *Simulator) runCall(r *http.Request, rt routeSpec, body []byte, readErr *apiError) (int, []byte, http.Header) {
	header := http.Header{}
	s.calls[callKey(rt, r)]++
	call := &apiCall{r: r, body: body, now: s.now()}

	apiErr := s.limits.admit(call.now, rt.search)
	if !rt.search {
		s.limits.setHeaders(header)
	}
	if apiErr == nil {
		apiErr = s.faults.draw(rt.search)
	}
	if apiErr != nil && apiErr.status == http.StatusTooManyRequests {
		apiErr.retryAfter = s.faults.retryAfter()
	}
	if apiErr == nil {
		apiErr = readErr
	}
	if apiErr == nil {
		apiErr = resolveTypes(call, rt)
	}
	var rep reply
	if apiErr == nil {
		rep, apiErr = rt.handler(call)
	}
	if apiErr != nil {
		return encodeError(apiErr, header)
	}
	if rep.body == nil {
		return rep.status, nil, header
	}
	payload, err := encodeJSON(rep.body)
	if err != nil {
		return encodeError(newAPIError(http.StatusInternalServerError, categoryInternal,
			fmt.Sprintf("encoding the response failed: %v", err)), header)
	}
	header.Set("Content-Type", "application/json;charset=utf-8")
	header.Set("X-HubSpot-Correlation-Id", uuid.NewString())
	return rep.status, payload, header
}

// resolveTypes checks the path's version and object types.
func resolveTypes(call *apiCall, rt routeSpec) *apiError {
	if v := call.r.PathValue("version"); v != "" && !datedVersions[v] {
		return newAPIError(http.StatusNotFound, categoryNotFound,
			fmt.Sprintf("API version %s is not served; use 2026-09", v))
	}
	segment := call.r.PathValue("type")
	t, ok := lookupObjectType(segment, rt.assoc)
	if !ok {
		return errUnknownObjectType(segment)
	}
	call.objectType = t
	if segment = call.r.PathValue("toType"); segment != "" {
		if call.toType, ok = lookupObjectType(segment, rt.assoc); !ok {
			return errUnknownObjectType(segment)
		}
	}
	return nil
}

// readBody reads the request body up to maxBodyBytes.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, *apiError) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, newAPIError(http.StatusRequestEntityTooLarge, categoryValidation,
			fmt.Sprintf("The request body exceeds the limit of %d bytes", maxBodyBytes))
	case err != nil:
		return nil, errBadJSON(fmt.Sprintf("reading the request body failed: %v", err))
	}
	return body, nil
}

// decodeBody parses a JSON body strictly, as HubSpot does: unknown fields
// and trailing data are rejected.
func decodeBody(body []byte, into any) *apiError {
	if len(bytes.TrimSpace(body)) == 0 {
		return errBadJSON("the request body is empty")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		return errBadJSON(err.Error())
	}
	if dec.More() {
		return errBadJSON("unexpected data after the JSON value")
	}
	return nil
}

// encodeJSON marshals without HTML escaping, as HubSpot's responses are.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func encodeError(e *apiError, header http.Header) (int, []byte, http.Header) {
	body := e.body
	body.CorrelationID = uuid.NewString()
	header.Set("X-HubSpot-Correlation-Id", body.CorrelationID)
	header.Set("Content-Type", "application/json;charset=utf-8")
	if e.retryAfter != "" {
		header.Set("Retry-After", e.retryAfter)
	}
	payload, err := encodeJSON(body)
	if err != nil {
		payload = []byte(`{"status":"error","message":"internal error"}`)
	}
	return e.status, payload, header
}

// writeAPIError sends an error outside the locked call path.
func writeAPIError(w http.ResponseWriter, e *apiError) {
	status, payload, header := encodeError(e, http.Header{})
	for k, v := range header {
		w.Header()[k] = v
	}
	w.WriteHeader(status)
	_, _ = w.Write(payload)
}

// propertyValues are written property values. HubSpot accepts JSON
// strings, numbers and booleans and stores them as strings; null is read
// as "".
type propertyValues map[string]string

// UnmarshalJSON implements json.Unmarshaler.
func (pv *propertyValues) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	out := make(propertyValues, len(raw))
	for name, value := range raw {
		text := string(bytes.TrimSpace(value))
		switch {
		case text == "null":
			out[name] = ""
		case text == "true" || text == "false":
			out[name] = text
		case len(text) > 0 && text[0] == '"':
			var str string
			if err := json.Unmarshal(value, &str); err != nil {
				return fmt.Errorf("property %s: %w", name, err)
			}
			out[name] = str
		case len(text) > 0 && (text[0] == '-' || (text[0] >= '0' && text[0] <= '9')):
			out[name] = text
		default:
			return fmt.Errorf("property %s: value must be a string, number, boolean or null", name)
		}
	}
	*pv = out
	return nil
}
