package sps

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Decimal is an SPS number. SPS sends numbers as JSON numbers, as numeric
// strings, or as "" when unset; Decimal keeps the value as a canonical
// decimal string (no float rounding) and remembers an empty string, so a
// record re-encodes as SPS sent it.
type Decimal struct {
	value string
	empty bool
}

// MustDecimal returns a Decimal holding s, a decimal such as "1250.50";
// "" returns an unset Decimal. It panics on anything else, so use it only
// with literals and checked values; ParseDecimal reports errors.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// ParseDecimal parses a decimal string; "" returns an unset Decimal.
func ParseDecimal(s string) (Decimal, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Decimal{}, nil
	}
	if _, err := strconv.ParseFloat(s, 64); err != nil || strings.ContainsAny(s, "eE_xXpP") {
		return Decimal{}, fmt.Errorf("invalid decimal %q", s)
	}
	return Decimal{value: s}, nil
}

// EmptyDecimal returns an unset Decimal that encodes as "", as SPS sends
// empty numeric fields.
func EmptyDecimal() Decimal { return Decimal{empty: true} }

// IsSet reports whether the Decimal holds a number.
func (d Decimal) IsSet() bool { return d.value != "" }

// String returns the decimal as sent, or "" when unset.
func (d Decimal) String() string { return d.value }

// Int64 returns the value as an integer; ok is false when unset or not
// a whole number.
func (d Decimal) Int64() (int64, bool) {
	n, err := strconv.ParseInt(d.value, 10, 64)
	return n, err == nil
}

// MarshalJSON encodes a number, "" for an empty Decimal, or null.
func (d Decimal) MarshalJSON() ([]byte, error) {
	switch {
	case d.value != "":
		return []byte(d.value), nil
	case d.empty:
		return []byte(`""`), nil
	default:
		return []byte("null"), nil
	}
}

// UnmarshalJSON accepts a number, a numeric string, "" or null.
func (d *Decimal) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if bytes.Equal(data, []byte("null")) {
		*d = Decimal{}
		return nil
	}
	text := string(data)
	if len(data) > 0 && data[0] == '"' {
		if err := json.Unmarshal(data, &text); err != nil {
			return err
		}
		if strings.TrimSpace(text) == "" {
			*d = EmptyDecimal()
			return nil
		}
	}
	parsed, err := ParseDecimal(text)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// timeLayouts are the date formats SPS sends, most specific first.
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"}

// Time is an SPS date or timestamp. SPS sends RFC 3339 timestamps, local
// timestamps without a zone (read as UTC), plain dates, or "" when unset.
type Time struct {
	t     time.Time
	raw   string
	empty bool
}

// NewTime returns a Time holding t, encoded as RFC 3339 in UTC.
func NewTime(t time.Time) Time {
	return Time{t: t.UTC(), raw: t.UTC().Format(time.RFC3339)}
}

// EmptyTime returns an unset Time that encodes as "".
func EmptyTime() Time { return Time{empty: true} }

// ParseTime parses any format SPS sends; "" returns an unset Time.
func ParseTime(s string) (Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Time{}, nil
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return Time{t: t.UTC(), raw: s}, nil
		}
	}
	return Time{}, fmt.Errorf("invalid SPS time %q: want RFC 3339, 2006-01-02T15:04:05 or 2006-01-02", s)
}

// IsSet reports whether the Time holds a value.
func (t Time) IsSet() bool { return t.raw != "" }

// Time returns the value in UTC; the zero time when unset.
func (t Time) Time() time.Time { return t.t }

// String returns the value as SPS sent it, or "".
func (t Time) String() string { return t.raw }

// MarshalJSON encodes the value as sent, "" for an empty Time, or null.
func (t Time) MarshalJSON() ([]byte, error) {
	switch {
	case t.raw != "":
		return json.Marshal(t.raw)
	case t.empty:
		return []byte(`""`), nil
	default:
		return []byte("null"), nil
	}
}

// UnmarshalJSON accepts a date or timestamp string, "" or null.
func (t *Time) UnmarshalJSON(data []byte) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		*t = Time{}
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("SPS time must be a string: %w", err)
	}
	if strings.TrimSpace(s) == "" {
		*t = EmptyTime()
		return nil
	}
	parsed, err := ParseTime(s)
	if err != nil {
		return err
	}
	*t = parsed
	return nil
}
