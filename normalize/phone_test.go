package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPhone(t *testing.T) {
	tests := []struct {
		name   string
		raw    string
		want   string
		wantOK bool
	}{
		{name: "parenthesised area code", raw: "(206) 555-0134", want: "+12065550134", wantOK: true},
		{name: "dotted", raw: "206.555.0134", want: "+12065550134", wantOK: true},
		{name: "international spaced", raw: "+1 206 555 0134", want: "+12065550134", wantOK: true},
		{name: "national prefix dashed", raw: "1-206-555-0134", want: "+12065550134", wantOK: true},
		{name: "bare digits", raw: "2065550134", want: "+12065550134", wantOK: true},
		{name: "already e164", raw: "+12065550134", want: "+12065550134", wantOK: true},
		{name: "surrounding spaces", raw: "  206 555 0134 ", want: "+12065550134", wantOK: true},
		{name: "extension x", raw: "206-555-0134 x12", want: "+12065550134", wantOK: true},
		{name: "extension ext", raw: "(206) 555-0134 ext. 12", want: "+12065550134", wantOK: true},
		{name: "fictional 555 exchange", raw: "(555) 555-5555", want: "+15555555555", wantOK: true},
		{name: "uk london", raw: "+44 20 7946 0958", want: "+442079460958", wantOK: true},
		{name: "us international dialling prefix", raw: "011 44 20 7946 0958", want: "+442079460958", wantOK: true},
		{name: "italy keeps leading zero", raw: "+39 06 1234 5678", want: "+390612345678", wantOK: true},
		{name: "too short", raw: "555-01", want: "", wantOK: false},
		{name: "seven digit local", raw: "555-0134", want: "", wantOK: false},
		{name: "nine digits", raw: "206555013", want: "", wantOK: false},
		{name: "too long", raw: "206555013412345", want: "", wantOK: false},
		{name: "empty", raw: "", want: "", wantOK: false},
		{name: "only spaces", raw: "   ", want: "", wantOK: false},
		{name: "letters", raw: "call me", want: "", wantOK: false},
		{name: "placeholder", raw: "n/a", want: "", wantOK: false},
		{name: "invalid country code", raw: "+0 206 555 0134", want: "", wantOK: false},
		{name: "unstable national prefix", raw: "+84000000000", want: "", wantOK: false},
		{name: "longer than e164 allows", raw: "+81 0001 222 00000000", want: "", wantOK: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Phone(tt.raw)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.wantOK, ok)
		})
	}
}

func TestNationalNumber(t *testing.T) {
	tests := []struct {
		name string
		e164 string
		want string
	}{
		{name: "us", e164: "+12065550134", want: "2065550134"},
		{name: "uk", e164: "+442079460958", want: "2079460958"},
		{name: "italy leading zero", e164: "+390612345678", want: "0612345678"},
		{name: "surrounding spaces", e164: " +12065550134 ", want: "2065550134"},
		{name: "no plus sign", e164: "2065550134", want: ""},
		{name: "garbage", e164: "+abc", want: ""},
		{name: "empty", e164: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, NationalNumber(tt.e164))
		})
	}
}
