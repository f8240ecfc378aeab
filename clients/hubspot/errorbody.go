package hubspot

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
)

// apiError is HubSpot's error body: the top-level body of a failed call
// and each element of a batch response's errors[] (StandardError). A 429
// carries errorType and policyName in place of category.
type apiError struct {
	Status        flexInt          `json:"status"`
	Message       string           `json:"message"`
	CorrelationID string           `json:"correlationId"`
	Category      string           `json:"category"`
	SubCategory   flexString       `json:"subCategory"`
	ErrorType     string           `json:"errorType"`
	PolicyName    string           `json:"policyName"`
	ErrorName     string           `json:"error"`
	Context       stringLists      `json:"context"`
	Errors        []apiErrorDetail `json:"errors"`
}

// apiErrorDetail is one element of an error's errors[] list.
type apiErrorDetail struct {
	Message string      `json:"message"`
	Code    string      `json:"code"`
	In      string      `json:"in"`
	Context stringLists `json:"context"`
}

// errorFacts are the fields this client extracts from an apiError.
type errorFacts struct {
	category   string
	code       string
	property   string
	existingID string
	ids        []string
	traceID    string
	// conflict is set when the error says that a unique value is taken,
	// whatever its category.
	conflict bool
}

var existingIDPattern = regexp.MustCompile(`Existing ID: ?(\d+)`)

// alreadyHasValuePattern matches the message reported for a duplicate
// value of a custom unique property ("propertyValue: already has that
// value <property>"), whose category HubSpot does not document.
var alreadyHasValuePattern = regexp.MustCompile(`already has that value:? ?([A-Za-z0-9_]*)`)

// facts extracts the category, code, property, existing id, record ids
// and trace id from every place HubSpot is known to put them.
func (b apiError) facts() errorFacts {
	f := errorFacts{category: b.Category, ids: b.Context.all("ids")}
	if f.category == "" {
		f.category = b.ErrorType
	}
	// A conflict's context.id is the record that already holds the value,
	// not the rejected input.
	if len(f.ids) == 0 && !isConflictCategory(f.category) {
		f.ids = b.Context.all("id")
	}
	if traces := b.Context["objectWriteTraceId"]; len(traces) > 0 {
		f.traceID = traces[0]
	}

	listedName, listedCode := parseInvalidValues(b.Message)
	uniqueName, uniqueTaken := b.alreadyHasValue()
	f.property = firstNonEmpty(b.detailProperty(), listedName,
		b.Context.first("propertyName"), b.detailIn(), uniqueName)
	f.code = firstNonEmpty(b.detailCode(), listedCode, b.ErrorName, string(b.SubCategory))
	f.existingID = b.existingID()
	f.conflict = isConflictCategory(f.category) || f.existingID != "" || uniqueTaken
	return f
}

// alreadyHasValue reports whether the message or a detail message says
// that a unique value is taken, and returns the property it names.
func (b apiError) alreadyHasValue() (string, bool) {
	messages := []string{b.Message}
	for _, d := range b.Errors {
		messages = append(messages, d.Message)
	}
	for _, m := range messages {
		if match := alreadyHasValuePattern.FindStringSubmatch(m); match != nil {
			return match[1], true
		}
	}
	return "", false
}

func (b apiError) detailProperty() string {
	for _, d := range b.Errors {
		if name := d.Context.first("propertyName"); name != "" {
			return name
		}
	}
	return ""
}

func (b apiError) detailCode() string {
	for _, d := range b.Errors {
		if d.Code != "" {
			return d.Code
		}
	}
	return ""
}

func (b apiError) detailIn() string {
	for _, d := range b.Errors {
		if d.In != "" {
			return d.In
		}
	}
	return ""
}

// existingID reads "Existing ID: <n>" from the message or a detail
// message, or for conflicts the context's id.
func (b apiError) existingID() string {
	messages := []string{b.Message}
	for _, d := range b.Errors {
		messages = append(messages, d.Message)
	}
	for _, m := range messages {
		if match := existingIDPattern.FindStringSubmatch(m); match != nil {
			return match[1]
		}
	}
	if isConflictCategory(b.Category) {
		return b.Context.first("id")
	}
	return ""
}

func isConflictCategory(category string) bool {
	return category == "CONFLICT" || category == "OBJECT_ALREADY_EXISTS"
}

// invalidValue is one element of the JSON list that HubSpot embeds in a
// "Property values were not valid: [...]" message.
type invalidValue struct {
	Name  string `json:"name"`
	Error string `json:"error"`
}

// parseInvalidValues returns the first property name and error code from
// a "Property values were not valid: [...]" message, or empty strings.
func parseInvalidValues(message string) (name, code string) {
	if !strings.HasPrefix(message, "Property values were not valid") {
		return "", ""
	}
	start := strings.Index(message, "[")
	if start < 0 {
		return "", ""
	}

	var values []invalidValue
	if err := json.Unmarshal([]byte(message[start:]), &values); err != nil || len(values) == 0 {
		return "", ""
	}
	return values[0].Name, values[0].Error
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// stringLists is an error context: a map from key to string list. It also
// accepts single strings and numbers as values, and decodes anything that
// is not an object (the spec's example shows a Java-style string) as empty.
type stringLists map[string][]string

// UnmarshalJSON decodes a context object leniently.
func (s *stringLists) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		*s = nil
		return nil
	}

	out := make(stringLists, len(raw))
	for key, value := range raw {
		var list []flexString
		if err := json.Unmarshal(value, &list); err == nil {
			for _, v := range list {
				out[key] = append(out[key], string(v))
			}
			continue
		}
		var single flexString
		if err := json.Unmarshal(value, &single); err == nil && single != "" {
			out[key] = []string{string(single)}
		}
	}
	*s = out
	return nil
}

// first returns the first value under the first of keys that has one.
func (s stringLists) first(keys ...string) string {
	for _, key := range keys {
		if values := s[key]; len(values) > 0 {
			return values[0]
		}
	}
	return ""
}

// all returns the values under the first of keys that has any.
func (s stringLists) all(keys ...string) []string {
	for _, key := range keys {
		if values := s[key]; len(values) > 0 {
			return append([]string(nil), values...)
		}
	}
	return nil
}

// flexString decodes a JSON string, number or boolean as its text, and
// anything else (null, objects, arrays) as empty.
type flexString string

// UnmarshalJSON decodes a scalar as text.
func (s *flexString) UnmarshalJSON(data []byte) error {
	var text string
	if err := json.Unmarshal(data, &text); err == nil {
		*s = flexString(text)
		return nil
	}

	var number json.Number
	if err := json.Unmarshal(data, &number); err == nil {
		*s = flexString(number.String())
		return nil
	}

	var flag bool
	if err := json.Unmarshal(data, &flag); err == nil {
		*s = flexString(strconv.FormatBool(flag))
		return nil
	}

	*s = ""
	return nil
}

// flexInt decodes a JSON number or a string of digits; other values
// (HubSpot's "status":"error") decode as 0.
type flexInt int

// UnmarshalJSON decodes a number or a numeric string.
func (n *flexInt) UnmarshalJSON(data []byte) error {
	var text flexString
	_ = text.UnmarshalJSON(data)
	value, err := strconv.Atoi(string(text))
	if err != nil {
		value = 0
	}
	*n = flexInt(value)
	return nil
}
