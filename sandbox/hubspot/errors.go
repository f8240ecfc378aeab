package hubspot

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// HubSpot error categories used by the simulator.
const (
	categoryValidation    = "VALIDATION_ERROR"
	categoryNotFound      = "OBJECT_NOT_FOUND"
	categoryConflict      = "CONFLICT"
	categoryAlreadyExists = "OBJECT_ALREADY_EXISTS"
	categoryAuth          = "INVALID_AUTHENTICATION"
	categoryInternal      = "INTERNAL_ERROR"
	categoryRateLimit     = "RATE_LIMIT"
)

// errorBody is HubSpot's error JSON. The same shape, without
// correlationId, is an entry of a batch response's errors array.
type errorBody struct {
	Status        string              `json:"status"`
	Message       string              `json:"message"`
	CorrelationID string              `json:"correlationId,omitempty"`
	Category      string              `json:"category,omitempty"`
	SubCategory   string              `json:"subCategory,omitempty"`
	ErrorType     string              `json:"errorType,omitempty"`
	PolicyName    string              `json:"policyName,omitempty"`
	GroupName     string              `json:"groupName,omitempty"`
	Context       map[string][]string `json:"context,omitempty"`
	Errors        []errorDetail       `json:"errors,omitempty"`
}

// errorDetail is one entry of an error body's errors array.
type errorDetail struct {
	Message string              `json:"message"`
	Code    string              `json:"code,omitempty"`
	In      string              `json:"in,omitempty"`
	Context map[string][]string `json:"context,omitempty"`
}

// apiError is an HTTP error response: the status and the body to send.
type apiError struct {
	status     int
	body       errorBody
	retryAfter string // Retry-After header value, empty for none
	// conflict describes a duplicated unique value; nil for other errors.
	conflict *uniqueConflict
}

// uniqueConflict is a write whose unique value another record, or an
// earlier input of the same batch, already holds.
type uniqueConflict struct {
	property string
	value    string
	// fromBatch is set when the holder is an earlier input of the batch
	// rather than a stored record.
	fromBatch bool
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%d %s: %s", e.status, e.body.Category, e.body.Message)
}

// batchEntry returns the error as an entry of a batch errors array, with
// extra context merged in.
func (e *apiError) batchEntry(extra map[string][]string) errorBody {
	entry := e.body
	entry.CorrelationID = ""
	if len(extra) > 0 {
		merged := make(map[string][]string, len(entry.Context)+len(extra))
		for k, v := range entry.Context {
			merged[k] = v
		}
		for k, v := range extra {
			merged[k] = v
		}
		entry.Context = merged
	}
	return entry
}

func newAPIError(status int, category, message string) *apiError {
	return &apiError{status: status, body: errorBody{
		Status: "error", Message: message, Category: category,
	}}
}

func errValidation(format string, args ...any) *apiError {
	return newAPIError(http.StatusBadRequest, categoryValidation, fmt.Sprintf(format, args...))
}

func errNotFound(message string) *apiError {
	return newAPIError(http.StatusNotFound, categoryNotFound, message)
}

// errBadJSON mirrors HubSpot's response to a body its JSON parser rejects.
func errBadJSON(detail string) *apiError {
	return errValidation("Invalid input JSON: %s", detail)
}

func errUnknownObjectType(segment string) *apiError {
	return errValidation("Unable to infer object type from: %s", segment)
}

func errAuthentication() *apiError {
	return newAPIError(http.StatusUnauthorized, categoryAuth,
		"Authentication credentials not found. This API supports OAuth 2.0 authentication "+
			"and you can find more details at "+
			"https://developers.hubspot.com/docs/methods/auth/oauth-overview")
}

// errObjectNotFound is the 404 for a single record read or write.
func errObjectNotFound() *apiError {
	return errNotFound("resource not found")
}

// errContactExists is HubSpot's documented 409 for a duplicate contact
// email.
func errContactExists(existingID int64) *apiError {
	return newAPIError(http.StatusConflict, categoryConflict,
		fmt.Sprintf("Contact already exists. Existing ID: %d", existingID))
}

// errUniqueValueConflict reports a duplicate value of a hasUniqueValue
// property with a 400, the status that field reports show for it.
//
// NOTE: HubSpot does not document the body for this case; the category,
// message and context are the simulator's own and are built only here.
func errUniqueValueConflict(t objectType, property, value string, existingID int64) *apiError {
	e := newAPIError(http.StatusBadRequest, categoryConflict,
		fmt.Sprintf("A %s with %s %q already exists. Existing ID: %d",
			t.singular, property, value, existingID))
	e.body.Context = map[string][]string{
		"propertyName": {property},
		"id":           {fmt.Sprint(existingID)},
	}
	return e
}

func errPropertyExists(name string) *apiError {
	e := newAPIError(http.StatusConflict, categoryAlreadyExists,
		fmt.Sprintf("A property named '%s' already exists.", name))
	e.body.SubCategory = "Properties.PROPERTY_WITH_NAME_EXISTS"
	e.body.Context = map[string][]string{"name": {name}}
	return e
}

// propertyProblem is one invalid property value, in the shape HubSpot
// embeds as JSON inside the message of a VALIDATION_ERROR.
type propertyProblem struct {
	IsValid               bool   `json:"isValid"`
	Message               string `json:"message"`
	Error                 string `json:"error"`
	Name                  string `json:"name"`
	LocalizedErrorMessage string `json:"localizedErrorMessage"`
}

func problem(name, code, message string) propertyProblem {
	return propertyProblem{Message: message, Error: code, Name: name, LocalizedErrorMessage: message}
}

// errPropertyValues is the 400 for one write with invalid property values.
// As in HubSpot's responses, the message embeds every problem as JSON and
// errors lists them with their codes.
func errPropertyValues(problems []propertyProblem) *apiError {
	encoded, err := json.Marshal(problems)
	if err != nil {
		encoded = []byte("[]")
	}
	e := errValidation("Property values were not valid: %s", encoded)
	for _, p := range problems {
		e.body.Errors = append(e.body.Errors, errorDetail{
			Message: p.Message,
			Code:    p.Error,
			Context: map[string][]string{"propertyName": {p.Name}},
		})
	}
	return e
}

// errBatchNotFound is the errors entry of a batch read for missing ids.
func errBatchNotFound(t objectType, ids []string) errorBody {
	return errorBody{
		Status:   "error",
		Category: categoryNotFound,
		Message: fmt.Sprintf("Could not get some %s objects, they may be deleted or not exist. "+
			"Check that ids are valid.", t.upper),
		Context: map[string][]string{"ids": ids},
	}
}

func errTooManyInputs(count, limit int) *apiError {
	return errValidation("The maximum number of inputs supported in a batch request is %d; "+
		"the request contained %d", limit, count)
}

// errDuplicateInBatch rejects an all-or-nothing batch in which two inputs
// write the same unique value. No record holds the value yet, so unlike a
// conflict with a stored record the error names no existing id.
//
// NOTE: HubSpot does not document this case; the body is the simulator's.
func errDuplicateInBatch(property string, first, second int) *apiError {
	e := errValidation("Duplicate value for the unique property %s in inputs %d and %d "+
		"of the batch. Give each input its own value", property, first, second)
	e.body.Context = map[string][]string{"propertyName": {property}}
	return e
}

func errDuplicateIDs(ids []string) *apiError {
	return errValidation("Duplicate IDs found in batch input: [%s]. IDs must be unique",
		strings.Join(ids, ", "))
}
