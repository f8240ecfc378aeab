package hubspotvalue

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestSame(t *testing.T) {
	const at = "2026-12-04T11:30:15.123Z"
	tests := []struct {
		name string
		kind Kind
		want string
		have string
		same bool
	}{
		{name: "string identical", kind: String, want: "Net 30", have: "Net 30", same: true},
		{name: "string trimmed", kind: String, want: "Net 30", have: " Net 30 ", same: true},
		{name: "string case matters", kind: String, want: "Net 30", have: "NET 30", same: false},
		{name: "string numeric compared exactly", kind: String, want: "40213", have: "40213.0", same: false},
		{name: "string empty vs set", kind: String, want: "", have: "x", same: false},
		{name: "unknown kind compared as text", kind: Kind(99), want: "1500", have: "1500.00", same: false},
		{name: "unknown kind trimmed", kind: Kind(99), want: "a", have: " a", same: true},

		{name: "number one decimal", kind: Number, want: "1500", have: "1500.0", same: true},
		{name: "number two decimals", kind: Number, want: "1500", have: "1500.00", same: true},
		{name: "number fraction trailing zero", kind: Number, want: "2500.5", have: "2500.50", same: true},
		{name: "number leading zeros", kind: Number, want: "42", have: "0042", same: true},
		{name: "number negative zero", kind: Number, want: "0", have: "-0.00", same: true},
		{name: "number changed", kind: Number, want: "2000", have: "1500.00", same: false},
		{name: "number sign matters", kind: Number, want: "5", have: "-5", same: false},
		{name: "number unparsable", kind: Number, want: "1500", have: "1,500", same: false},
		{name: "number both unparsable", kind: Number, want: "1,500", have: "1,500.0", same: false},
		{name: "number missing", kind: Number, want: "0", have: "", same: false},

		{name: "bool upper case", kind: Bool, want: "true", have: "TRUE", same: true},
		{name: "bool changed", kind: Bool, want: "false", have: "true", same: false},
		{name: "bool unset", kind: Bool, want: "false", have: "", same: false},

		{name: "datetime identical", kind: Datetime, want: at, have: "2026-12-04T11:30:15.123Z", same: true},
		{name: "datetime offset", kind: Datetime, want: at, have: "2026-12-04T06:30:15.123-05:00", same: true},
		{name: "datetime no milliseconds", kind: Datetime, want: "2026-12-04T11:30:15.000Z",
			have: "2026-12-04T11:30:15Z", same: true},
		{name: "datetime epoch milliseconds", kind: Datetime, want: at, have: "1796383815123", same: true},
		{name: "datetime one millisecond apart", kind: Datetime, want: at,
			have: "2026-12-04T11:30:15.124Z", same: false},
		{name: "datetime date at midnight", kind: Datetime, want: "2026-12-31T00:00:00.000Z",
			have: "2026-12-31", same: true},
		{name: "datetime date not midnight", kind: Datetime, want: "2026-12-31T08:00:00.000Z",
			have: "2026-12-31", same: false},
		{name: "datetime date at other offset", kind: Datetime, want: "2026-12-31T00:00:00-05:00",
			have: "2026-12-31", same: false},
		{name: "datetime unparsable", kind: Datetime, want: at, have: "yesterday", same: false},
		{name: "datetime empty", kind: Datetime, want: at, have: "", same: false},

		{name: "date as epoch milliseconds", kind: Date, want: "2026-12-31", have: "1798675200000", same: true},
		{name: "date as midnight datetime", kind: Date, want: "2026-12-31", have: "2026-12-31T00:00:00Z", same: true},
		{name: "date changed", kind: Date, want: "2027-01-15", have: "2026-12-31", same: false},
		{name: "date unparsable", kind: Date, want: "2026-12-31", have: "12/31/2026", same: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.same, Same(tt.kind, tt.want, tt.have))
			assert.Equal(t, tt.same, Same(tt.kind, tt.have, tt.want), "reversed")
		})
	}
}

func TestCanonicalNumber(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		want   string
		wantOK bool
	}{
		{name: "integer", input: "1500", want: "1500", wantOK: true},
		{name: "trailing zeros", input: "1500.00", want: "1500", wantOK: true},
		{name: "fraction", input: "0.50", want: "0.5", wantOK: true},
		{name: "fraction after whole", input: "2499.50", want: "2499.5", wantOK: true},
		{name: "leading zeros", input: "0042", want: "42", wantOK: true},
		{name: "leading and trailing zeros", input: "0042.500", want: "42.5", wantOK: true},
		{name: "leading dot", input: ".5", want: "0.5", wantOK: true},
		{name: "trailing dot", input: "5.", want: "5", wantOK: true},
		{name: "plus sign", input: "+5", want: "5", wantOK: true},
		{name: "negative", input: "-12.30", want: "-12.3", wantOK: true},
		{name: "negative zero", input: "-0.00", want: "0", wantOK: true},
		{name: "spaces", input: " 42 ", want: "42", wantOK: true},
		{name: "empty", input: "", wantOK: false},
		{name: "dot only", input: ".", wantOK: false},
		{name: "sign only", input: "-", wantOK: false},
		{name: "sign and dot", input: "-.", wantOK: false},
		{name: "two minus signs", input: "--1", wantOK: false},
		{name: "plus then minus", input: "+-5", wantOK: false},
		{name: "two dots", input: "1.2.3", wantOK: false},
		{name: "thousands separator", input: "1,500", wantOK: false},
		{name: "exponent", input: "1e3", wantOK: false},
		{name: "not a number", input: "NaN", wantOK: false},
		{name: "infinity", input: "Inf", wantOK: false},
		{name: "inner space", input: "1 500", wantOK: false},
		{name: "unicode digit", input: "١٢", wantOK: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := CanonicalNumber(tt.input)

			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.wantOK, ok)
		})
	}
}

func TestParseInstant(t *testing.T) {
	at := time.Date(2026, 12, 4, 11, 30, 15, 123e6, time.UTC)
	midnight := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		input  string
		want   time.Time
		wantOK bool
	}{
		{name: "rfc 3339 milliseconds", input: "2026-12-04T11:30:15.123Z", want: at, wantOK: true},
		{name: "rfc 3339 offset", input: "2026-12-04T06:30:15.123-05:00", want: at, wantOK: true},
		{name: "rfc 3339 seconds", input: "2026-12-31T00:00:00Z", want: midnight, wantOK: true},
		{name: "epoch milliseconds", input: "1796383815123", want: at, wantOK: true},
		{name: "epoch zero", input: "0", want: time.UnixMilli(0), wantOK: true},
		{name: "date only", input: "2026-12-31", want: midnight, wantOK: true},
		{name: "spaces", input: " 2026-12-31 ", want: midnight, wantOK: true},
		{name: "empty", input: "", wantOK: false},
		{name: "negative epoch", input: "-1000", wantOK: false},
		{name: "epoch overflow", input: "99999999999999999999", wantOK: false},
		{name: "no zone", input: "2026-12-31T08:15:00", wantOK: false},
		{name: "us date", input: "12/31/2026", wantOK: false},
		{name: "word", input: "yesterday", wantOK: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseInstant(tt.input)

			assert.True(t, tt.want.Equal(got), "got %v, want %v", got, tt.want)
			assert.Equal(t, tt.wantOK, ok)
		})
	}
}
