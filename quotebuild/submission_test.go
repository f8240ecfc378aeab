package quotebuild

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var today = time.Date(2026, 12, 4, 18, 20, 0, 0, time.UTC)

func validSubmission() Submission {
	return Submission{
		DealID:    "9001",
		SalesRep:  "  Dana   Ortiz ",
		ExpiresOn: "2027-01-15",
		Lines: []Line{
			{SKU: " CAL-GOLD-3CM ", Quantity: "012.50", UnitPrice: "89.00", Description: " honed "},
			{SKU: "QTZ-WHITE-2CM", Quantity: "3"},
		},
	}
}

func TestValidateNormalises(t *testing.T) {
	got, err := Validate(validSubmission(), today)

	require.NoError(t, err)
	assert.Equal(t, "Dana Ortiz", got.SalesRep)
	assert.Equal(t, "CAL-GOLD-3CM", got.Lines[0].SKU)
	assert.Equal(t, "12.5", got.Lines[0].Quantity)
	assert.Equal(t, "89", got.Lines[0].UnitPrice)
	assert.Equal(t, "honed", got.Lines[0].Description)
	assert.Equal(t, "", got.Lines[1].UnitPrice)
}

func TestValidateRejects(t *testing.T) {
	tooMany := make([]Line, MaxLines+1)
	for i := range tooMany {
		tooMany[i] = Line{SKU: "A", Quantity: "1"}
	}
	tests := []struct {
		name string
		edit func(*Submission)
		want []string
	}{
		{name: "no lines", edit: func(s *Submission) { s.Lines = nil }, want: []string{"lines: at least one line"}},
		{name: "101 lines", edit: func(s *Submission) { s.Lines = tooMany }, want: []string{"lines: 101 lines"}},
		{name: "empty sku", edit: func(s *Submission) { s.Lines[1].SKU = "  " }, want: []string{"line 2 sku: required"}},
		{name: "missing quantity", edit: func(s *Submission) { s.Lines[0].Quantity = "" },
			want: []string{"line 1 quantity: required"}},
		{name: "zero quantity", edit: func(s *Submission) { s.Lines[0].Quantity = "0.000" },
			want: []string{`line 1 quantity: "0.000" is not a positive decimal`}},
		{name: "negative quantity", edit: func(s *Submission) { s.Lines[1].Quantity = "-3" },
			want: []string{`line 2 quantity: "-3": not a non-negative decimal number`}},
		{name: "five decimal places", edit: func(s *Submission) { s.Lines[1].Quantity = "1.00001" },
			want: []string{"line 2 quantity", "more than 4 decimal places"}},
		{name: "exponent quantity", edit: func(s *Submission) { s.Lines[1].Quantity = "1e3" },
			want: []string{"line 2 quantity"}},
		{name: "negative price", edit: func(s *Submission) { s.Lines[0].UnitPrice = "-1" },
			want: []string{"line 1 unitPrice"}},
		{name: "comma price", edit: func(s *Submission) { s.Lines[0].UnitPrice = "1,200.00" },
			want: []string{"line 1 unitPrice"}},
		{name: "no sales rep", edit: func(s *Submission) { s.SalesRep = " " }, want: []string{"salesRep: required"}},
		{name: "expiry today", edit: func(s *Submission) { s.ExpiresOn = "2026-12-04" },
			want: []string{"expiresOn: 2026-12-04 is not after today"}},
		{name: "expiry over a year", edit: func(s *Submission) { s.ExpiresOn = "2027-12-05" },
			want: []string{"expiresOn: 2027-12-05 is more than a year ahead"}},
		{name: "expiry not a date", edit: func(s *Submission) { s.ExpiresOn = "15/01/2027" },
			want: []string{"expiresOn: \"15/01/2027\" is not a date"}},
		{name: "deal id not digits", edit: func(s *Submission) { s.DealID = "deal-1" }, want: []string{"dealId"}},
		{name: "deal id with a leading zero", edit: func(s *Submission) { s.DealID = "09001" }, want: []string{"dealId"}},
		{name: "deal id zero", edit: func(s *Submission) { s.DealID = "0" }, want: []string{"dealId"}},
		{name: "deal id beyond int64", edit: func(s *Submission) { s.DealID = "99999999999999999999" },
			want: []string{"dealId"}},
		{name: "two problems", edit: func(s *Submission) { s.Lines[0].SKU = ""; s.Lines[1].Quantity = "x" },
			want: []string{"line 1 sku: required", "line 2 quantity"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSubmission()
			tt.edit(&s)

			_, err := Validate(s, today)

			var verr *ValidationError
			require.ErrorAs(t, err, &verr)
			for _, want := range tt.want {
				assert.Contains(t, err.Error(), want)
			}
		})
	}
}

func TestValidateExpiryBounds(t *testing.T) {
	tests := []struct {
		name    string
		date    string
		wantErr bool
	}{
		{name: "tomorrow", date: "2026-12-05"},
		{name: "one year ahead", date: "2027-12-04"},
		{name: "yesterday", date: "2026-12-03", wantErr: true},
		{name: "a year and a day", date: "2027-12-05", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSubmission()
			s.ExpiresOn = tt.date
			_, err := Validate(s, today)
			if tt.wantErr {
				assert.Error(t, err)
			} else {
				assert.NoError(t, err)
			}
		})
	}
}

func TestCanonicalDecimal(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  string
	}{
		{in: "2", want: "2"},
		{in: " 002.500 ", want: "2.5"},
		{in: ".5", want: "0.5"},
		{in: "5.", want: "5"},
		{in: "0", want: "0"},
		{in: "1.2345", want: "1.2345"},
		{in: "999999999.9999", want: "999999999.9999"},
		{in: "1000000000", wantErr: "more than 9 digits"},
		{in: "1.23456", wantErr: "more than 4 decimal places"},
		{in: ".", wantErr: "not a decimal"},
		{in: "", wantErr: "empty"},
		{in: "+1", wantErr: "non-negative"},
		{in: "1.2.3", wantErr: "non-negative"},
		{in: "NaN", wantErr: "non-negative"},
		{in: "１", wantErr: "non-negative"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := CanonicalDecimal(tt.in)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestProblemNamesLineAndField(t *testing.T) {
	err := &ValidationError{Problems: []Problem{{Line: 3, Field: "sku", Reason: "required"},
		{Field: "salesRep", Reason: "required"}}}

	assert.Equal(t, "invalid quote submission: line 3 sku: required; salesRep: required", err.Error())
}

func TestValidateLongText(t *testing.T) {
	s := validSubmission()
	s.Lines[0].Description = strings.Repeat("é", maxTextLength+1)

	_, err := Validate(s, today)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "line 1 description: longer than 500 characters")
}
