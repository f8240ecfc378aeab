package quotemap

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCanonicalDecimal(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		want   string
		wantOK bool
	}{
		{name: "integer", input: "1500", want: "1500", wantOK: true},
		{name: "trailing zeros", input: "1500.00", want: "1500", wantOK: true},
		{name: "fraction", input: "2499.50", want: "2499.5", wantOK: true},
		{name: "leading zeros", input: "0042", want: "42", wantOK: true},
		{name: "leading dot", input: ".5", want: "0.5", wantOK: true},
		{name: "trailing dot", input: "7.", want: "7", wantOK: true},
		{name: "plus sign", input: "+3", want: "3", wantOK: true},
		{name: "negative", input: "-12.30", want: "-12.3", wantOK: true},
		{name: "negative zero", input: "-0.00", want: "0", wantOK: true},
		{name: "spaces", input: " 9 ", want: "9", wantOK: true},
		{name: "empty", input: ""},
		{name: "dot only", input: "."},
		{name: "sign only", input: "-"},
		{name: "two signs", input: "+-5"},
		{name: "two dots", input: "1.2.3"},
		{name: "thousands separator", input: "1,500"},
		{name: "exponent", input: "1e3"},
		{name: "not a number", input: "NaN"},
		{name: "infinity", input: "Inf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := canonicalDecimal(tc.input)

			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.wantOK, ok)
		})
	}
}
