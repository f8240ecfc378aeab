package sps

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// Request body caps. SPS publishes none. 1 MiB is far above any query or
// login body, and admin loads carry whole datasets (28,000 customers are
// about 15 MiB of JSON).
const (
	maxAPIBodyBytes   = 1 << 20
	maxAdminBodyBytes = 64 << 20
)

// errorBody is the body of every failed response.
type errorBody struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

// writeJSON encodes body as the response.
func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// The status line is already sent, so an encoding error can only cut
	// the body short, and the client then sees invalid JSON.
	_ = json.NewEncoder(w).Encode(body)
}

// writeError sends the SPS error body with a formatted message.
func writeError(w http.ResponseWriter, status int, code, format string, args ...any) {
	if status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds))
	}
	writeJSON(w, status, errorBody{Error: code, Message: fmt.Sprintf(format, args...)})
}

// retryAfterSeconds is the Retry-After hint sent with every 429.
const retryAfterSeconds = 1

// decodeJSON decodes a JSON request body into dst, capped at limit bytes.
// strict rejects fields dst does not declare. On failure it returns the
// status, error code and message to send, and status 0 means success.
func decodeJSON(w http.ResponseWriter, r *http.Request, limit int64, dst any,
	strict bool) (int, string, string) {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	if strict {
		dec.DisallowUnknownFields()
	}
	err := dec.Decode(dst)
	if err == nil && dec.More() {
		err = errors.New("unexpected data after the JSON value")
	}
	if err == nil {
		return 0, "", ""
	}

	var tooLarge *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooLarge):
		return http.StatusRequestEntityTooLarge, "request_too_large",
			fmt.Sprintf("The request body exceeds %d bytes.", limit)
	case errors.Is(err, io.EOF):
		return http.StatusBadRequest, "invalid_json", "The request body is empty; a JSON value is required."
	case errors.As(err, &typeErr):
		return http.StatusBadRequest, "invalid_request",
			fmt.Sprintf("Invalid value for %s: expected %s, got JSON %s.", typeErr.Field, typeErr.Type, typeErr.Value)
	default:
		return http.StatusBadRequest, "invalid_json", fmt.Sprintf("The request body is not valid: %v.", err)
	}
}
