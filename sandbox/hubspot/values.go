package hubspot

import (
	"fmt"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// writeMode is whether a record is being created or updated. An empty
// string is invalid for typed properties on create and clears the value on
// update.
type writeMode int

const (
	modeCreate writeMode = iota
	modeUpdate
)

var numberPattern = regexp.MustCompile(`^-?\d+(\.\d+)?$`)

const isoMillis = "2006-01-02T15:04:05.000Z"

// formatTime renders a timestamp as HubSpot does: UTC with milliseconds.
func formatTime(t time.Time) string {
	return t.UTC().Format(isoMillis)
}

// normalizeValue checks one written value against its definition and
// returns the form to store, where "" means unset. When the value is
// rejected, ok is false and the problem gives the reason.
func normalizeValue(p *Property, value string, mode writeMode) (string, propertyProblem, bool) {
	if value == "" {
		if mode == modeCreate && p.Type != typeString && p.Type != typePhoneNumber {
			return "", problem(p.Name, emptyValueCode(p.Type),
					fmt.Sprintf("\"\" is not a valid value for %s property %s on create", p.Type, p.Name)),
				false
		}
		return "", propertyProblem{}, true
	}

	switch p.Type {
	case typeNumber:
		if !numberPattern.MatchString(value) {
			return "", problem(p.Name, "INVALID_INTEGER",
				fmt.Sprintf("%s was not a valid number.", value)), false
		}
	case typeBool:
		if value != "true" && value != "false" {
			return "", problem(p.Name, "INVALID_BOOLEAN",
				fmt.Sprintf("%s was not a valid boolean; use \"true\" or \"false\".", value)), false
		}
	case typeDate:
		return normalizeDate(p.Name, value)
	case typeDatetime:
		return normalizeDatetime(p.Name, value)
	case typeEnumeration:
		found, ok := checkOptions(p, value)
		return value, found, ok
	}
	return value, propertyProblem{}, true
}

func emptyValueCode(propertyType string) string {
	switch propertyType {
	case typeNumber:
		return "INVALID_INTEGER"
	case typeBool:
		return "INVALID_BOOLEAN"
	case typeDate:
		return "INVALID_DATE"
	case typeDatetime:
		return "INVALID_DATETIME"
	default:
		return "INVALID_OPTION"
	}
}

// checkOptions validates an enumeration value. A checkbox (multi-select)
// property takes several values joined with ";", each of which must be an
// option.
func checkOptions(p *Property, value string) (propertyProblem, bool) {
	values := []string{value}
	if p.FieldType == "checkbox" {
		values = strings.Split(value, ";")
	}
	for _, v := range values {
		if !p.hasOption(v) {
			return problem(p.Name, "INVALID_OPTION",
				fmt.Sprintf("%s was not one of the allowed options: [%s]",
					v, strings.Join(p.optionValues(), ", "))), false
		}
	}
	return propertyProblem{}, true
}

// normalizeDate accepts YYYY-MM-DD or epoch milliseconds at midnight UTC
// and stores YYYY-MM-DD.
func normalizeDate(name, value string) (string, propertyProblem, bool) {
	if ms, err := strconv.ParseInt(value, 10, 64); err == nil {
		t := time.UnixMilli(ms).UTC()
		if !t.Equal(t.Truncate(24 * time.Hour)) {
			return "", problem(name, "INVALID_DATE", fmt.Sprintf(
				"%s is at %d:%d:%d.%d UTC, not midnight!", value,
				t.Hour(), t.Minute(), t.Second(), t.Nanosecond()/int(time.Millisecond))), false
		}
		return t.Format(time.DateOnly), propertyProblem{}, true
	}
	if _, err := time.Parse(time.DateOnly, value); err != nil {
		return "", problem(name, "INVALID_DATE", fmt.Sprintf(
			"%s was not a valid date; use YYYY-MM-DD or epoch milliseconds at midnight UTC.",
			value)), false
	}
	return value, propertyProblem{}, true
}

// datetimeLayouts are the ISO-8601 forms a datetime value may take.
var datetimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	time.DateOnly,
}

// parseTimestamp reads epoch milliseconds or an ISO-8601 timestamp;
// timestamps without a zone are UTC.
func parseTimestamp(value string) (time.Time, bool) {
	if ms, err := strconv.ParseInt(value, 10, 64); err == nil {
		return time.UnixMilli(ms).UTC(), true
	}
	for _, layout := range datetimeLayouts {
		if t, err := time.Parse(layout, value); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// normalizeDatetime accepts epoch milliseconds or ISO-8601 and stores
// ISO-8601 in UTC with milliseconds.
func normalizeDatetime(name, value string) (string, propertyProblem, bool) {
	t, ok := parseTimestamp(value)
	if !ok {
		return "", problem(name, "INVALID_DATETIME", fmt.Sprintf(
			"%s was not a valid datetime; use epoch milliseconds or ISO-8601.", value)), false
	}
	return formatTime(t), propertyProblem{}, true
}

// normalizeEmail lower-cases and trims a contact email and checks that it
// is a plain address with a dotted domain.
// HubSpot does not document its exact email rule, so this accepts what
// net/mail parses as a bare address.
func normalizeEmail(value string) (string, propertyProblem, bool) {
	email := strings.ToLower(strings.TrimSpace(value))
	if email == "" {
		return "", propertyProblem{}, true
	}
	addr, err := mail.ParseAddress(email)
	at := strings.LastIndex(email, "@")
	if err != nil || addr.Address != email || addr.Name != "" || at < 0 ||
		!strings.Contains(email[at+1:], ".") {
		return "", problem(emailProp, "INVALID_EMAIL",
			fmt.Sprintf("Email address %s is invalid", value)), false
	}
	return email, propertyProblem{}, true
}
