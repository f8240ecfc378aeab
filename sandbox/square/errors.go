package square

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	square "github.com/square/square-go-sdk"
)

// Request body caps. Square does not publish its own. 1 MiB is far above
// the largest request the sync sends (1,000 catalog ids), and admin loads
// carry whole datasets.
const (
	maxAPIBodyBytes   = 1 << 20
	maxAdminBodyBytes = 64 << 20
)

// errorEnvelope is the body of every failed response, as Square sends it.
type errorEnvelope struct {
	Errors []*square.Error `json:"errors"`
}

// newError builds one Square error entry. Empty field and detail are
// omitted.
func newError(category square.ErrorCategory, code square.ErrorCode, field, detail string) *square.Error {
	e := &square.Error{Category: category, Code: code}
	if field != "" {
		e.Field = square.String(field)
	}
	if detail != "" {
		e.Detail = square.String(detail)
	}
	return e
}

// invalidRequest builds an INVALID_REQUEST_ERROR entry.
func invalidRequest(code square.ErrorCode, field, format string, args ...any) *square.Error {
	return newError(square.ErrorCategoryInvalidRequestError, code, field, fmt.Sprintf(format, args...))
}

// notFoundError is the entry Square returns for an unknown or deleted
// customer, both from RetrieveCustomer and inside BulkRetrieveCustomers.
func notFoundError(customerID string) *square.Error {
	return invalidRequest(square.ErrorCodeNotFound, "", "Customer with ID `%s` not found.", customerID)
}

// writeJSON encodes body with the SDK types' own JSON tags, which omit
// absent optional fields instead of writing null.
func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// The status line is already sent, so an encoding error can only cut
	// the body short, and the client then sees invalid JSON.
	_ = json.NewEncoder(w).Encode(body)
}

// writeErrors sends Square's error envelope.
func writeErrors(w http.ResponseWriter, status int, errs ...*square.Error) {
	writeJSON(w, status, errorEnvelope{Errors: errs})
}

// faultError returns the error entry Square uses for an HTTP status that
// a fault injects.
func faultError(status int) *square.Error {
	detail := fmt.Sprintf("Injected fault: HTTP %d.", status)
	switch {
	case status == http.StatusTooManyRequests:
		return newError(square.ErrorCategoryRateLimitError, square.ErrorCodeRateLimited, "", detail)
	case status == http.StatusRequestTimeout:
		return newError(square.ErrorCategoryAPIError, square.ErrorCodeRequestTimeout, "", detail)
	case status == http.StatusBadGateway:
		return newError(square.ErrorCategoryAPIError, square.ErrorCodeBadGateway, "", detail)
	case status == http.StatusServiceUnavailable:
		return newError(square.ErrorCategoryAPIError, square.ErrorCodeServiceUnavailable, "", detail)
	case status == http.StatusGatewayTimeout:
		return newError(square.ErrorCategoryAPIError, square.ErrorCodeGatewayTimeout, "", detail)
	case status >= http.StatusInternalServerError:
		return newError(square.ErrorCategoryAPIError, square.ErrorCodeInternalServerError, "", detail)
	case status == http.StatusUnauthorized:
		return newError(square.ErrorCategoryAuthenticationError, square.ErrorCodeUnauthorized, "", detail)
	case status == http.StatusForbidden:
		return newError(square.ErrorCategoryAuthenticationError, square.ErrorCodeForbidden, "", detail)
	case status == http.StatusNotFound:
		return newError(square.ErrorCategoryInvalidRequestError, square.ErrorCodeNotFound, "", detail)
	case status == http.StatusConflict:
		return newError(square.ErrorCategoryInvalidRequestError, square.ErrorCodeConflict, "", detail)
	default:
		return newError(square.ErrorCategoryInvalidRequestError, square.ErrorCodeBadRequest, "", detail)
	}
}

// decodeBody decodes a JSON request body into dst, capped at limit bytes.
// It returns the Square error entry and status to send when the body is
// too large, empty, malformed or of the wrong type.
func decodeBody(w http.ResponseWriter, r *http.Request, limit int64, dst any) (*square.Error, int) {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	err := dec.Decode(dst)
	if err == nil && dec.More() {
		err = errors.New("unexpected data after the JSON value")
	}
	if err == nil {
		return nil, 0
	}

	var tooLarge *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooLarge):
		e := invalidRequest(square.ErrorCodeRequestEntityTooLarge, "",
			"The request body exceeds %d bytes.", limit)
		return e, http.StatusRequestEntityTooLarge
	case errors.Is(err, io.EOF):
		e := invalidRequest(square.ErrorCodeExpectedJSONBody, "",
			"The request body is empty; a JSON object is required.")
		return e, http.StatusBadRequest
	case errors.As(err, &typeErr):
		e := invalidRequest(square.ErrorCodeInvalidValue, typeErr.Field,
			"Invalid value for %s: expected %s, got JSON %s.", typeErr.Field, typeErr.Type, typeErr.Value)
		return e, http.StatusBadRequest
	default:
		e := invalidRequest(square.ErrorCodeBadRequest, "", "The request body is not valid JSON: %v.", err)
		return e, http.StatusBadRequest
	}
}
