package customermap

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestChangedProperties(t *testing.T) {
	const (
		synced  = "2026-12-04T11:30:15.123Z"
		earlier = "2026-12-03T11:30:02.000Z"
		// syncedEastern is synced at a -05:00 offset.
		syncedEastern = "2026-12-04T06:30:15.123-05:00"
	)
	tests := []struct {
		name string
		want map[string]string
		have map[string]string
		out  map[string]string
	}{
		{
			name: "identical",
			want: map[string]string{PropName: "Rivera Tile", PropSPSCreditLimit: "1500"},
			have: map[string]string{PropName: "Rivera Tile", PropSPSCreditLimit: "1500"},
			out:  map[string]string{},
		},
		{
			name: "number with one decimal",
			want: map[string]string{PropSPSCreditLimit: "1500"},
			have: map[string]string{PropSPSCreditLimit: "1500.0"},
			out:  map[string]string{},
		},
		{
			name: "number with two decimals",
			want: map[string]string{PropSPSCreditLimit: "1500"},
			have: map[string]string{PropSPSCreditLimit: "1500.00"},
			out:  map[string]string{},
		},
		{
			name: "number fraction trailing zero",
			want: map[string]string{PropSPSCreditLimit: "2500.5"},
			have: map[string]string{PropSPSCreditLimit: "2500.50"},
			out:  map[string]string{},
		},
		{
			name: "number changed",
			want: map[string]string{PropSPSCreditLimit: "2000"},
			have: map[string]string{PropSPSCreditLimit: "1500.00"},
			out:  map[string]string{PropSPSCreditLimit: "2000"},
		},
		{
			name: "number unparsable in hubspot",
			want: map[string]string{PropSPSCreditLimit: "1500"},
			have: map[string]string{PropSPSCreditLimit: "1,500"},
			out:  map[string]string{PropSPSCreditLimit: "1500"},
		},
		{
			name: "number missing in hubspot",
			want: map[string]string{PropSPSCreditLimit: "0"},
			have: map[string]string{},
			out:  map[string]string{PropSPSCreditLimit: "0"},
		},
		{
			name: "bool upper case",
			want: map[string]string{PropSPSIsTaxExempt: "true"},
			have: map[string]string{PropSPSIsTaxExempt: "TRUE"},
			out:  map[string]string{},
		},
		{
			name: "bool changed",
			want: map[string]string{PropSPSIsTaxExempt: "false"},
			have: map[string]string{PropSPSIsTaxExempt: "true"},
			out:  map[string]string{PropSPSIsTaxExempt: "false"},
		},
		{
			name: "bool unset in hubspot",
			want: map[string]string{PropSPSIsTaxExempt: "false"},
			have: map[string]string{},
			out:  map[string]string{PropSPSIsTaxExempt: "false"},
		},
		{
			name: "string trimmed",
			want: map[string]string{PropSPSPaymentTerms: "Net 30"},
			have: map[string]string{PropSPSPaymentTerms: " Net 30 "},
			out:  map[string]string{},
		},
		{
			name: "string case matters",
			want: map[string]string{PropSPSPaymentTerms: "Net 30"},
			have: map[string]string{PropSPSPaymentTerms: "NET 30"},
			out:  map[string]string{PropSPSPaymentTerms: "Net 30"},
		},
		{
			name: "string compared exactly even if numeric",
			want: map[string]string{PropSPSCustomerID: "40213"},
			have: map[string]string{PropSPSCustomerID: "40213.0"},
			out:  map[string]string{PropSPSCustomerID: "40213"},
		},
		{
			name: "last synced only difference",
			want: map[string]string{PropName: "Rivera Tile", PropSPSLastSynced: synced},
			have: map[string]string{PropName: "Rivera Tile", PropSPSLastSynced: earlier},
			out:  map[string]string{},
		},
		{
			name: "last synced missing in hubspot only difference",
			want: map[string]string{PropName: "Rivera Tile", PropSPSLastSynced: synced},
			have: map[string]string{PropName: "Rivera Tile"},
			out:  map[string]string{},
		},
		{
			name: "last synced included with other change",
			want: map[string]string{PropSPSPriceLevel: "Level 3", PropSPSLastSynced: synced},
			have: map[string]string{PropSPSPriceLevel: "Level 2", PropSPSLastSynced: earlier},
			out:  map[string]string{PropSPSPriceLevel: "Level 3", PropSPSLastSynced: synced},
		},
		{
			name: "last synced equal instant included with other change",
			want: map[string]string{PropSPSPriceLevel: "Level 3", PropSPSLastSynced: synced},
			have: map[string]string{PropSPSPriceLevel: "Level 2", PropSPSLastSynced: syncedEastern},
			out:  map[string]string{PropSPSPriceLevel: "Level 3", PropSPSLastSynced: synced},
		},
		{
			name: "other change without last synced",
			want: map[string]string{PropSPSPriceLevel: "Level 3"},
			have: map[string]string{PropSPSPriceLevel: "Level 2", PropSPSLastSynced: synced},
			out:  map[string]string{PropSPSPriceLevel: "Level 3"},
		},
		{
			name: "new property",
			want: map[string]string{PropDomain: "riveratile.com"},
			have: map[string]string{},
			out:  map[string]string{PropDomain: "riveratile.com"},
		},
		{
			name: "property only in hubspot ignored",
			want: map[string]string{PropName: "Rivera Tile"},
			have: map[string]string{PropName: "Rivera Tile", PropDomain: "riveratile.com"},
			out:  map[string]string{},
		},
		{
			name: "empty want",
			want: map[string]string{},
			have: map[string]string{PropName: "Rivera Tile"},
			out:  map[string]string{},
		},
		{
			name: "nil maps",
			want: nil,
			have: nil,
			out:  map[string]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.out, ChangedProperties(tt.want, tt.have))
		})
	}
}

func TestSameDatetime(t *testing.T) {
	const at = "2026-12-04T11:30:15.123Z"
	tests := []struct {
		name string
		want string
		have string
		same bool
	}{
		{name: "identical", want: at, have: "2026-12-04T11:30:15.123Z", same: true},
		{name: "offset", want: at, have: "2026-12-04T06:30:15.123-05:00", same: true},
		{name: "no milliseconds", want: "2026-12-04T11:30:15.000Z", have: "2026-12-04T11:30:15Z", same: true},
		{name: "epoch milliseconds", want: at, have: "1796383815123", same: true},
		{name: "one millisecond apart", want: at, have: "2026-12-04T11:30:15.124Z", same: false},
		{name: "unparsable", want: at, have: "yesterday", same: false},
		{name: "empty", want: at, have: "", same: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.same, sameValue(kindDatetime, tt.want, tt.have))
		})
	}
}

func TestPlainDecimal(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		want   string
		wantOK bool
	}{
		{name: "integer", input: "1500", want: "1500", wantOK: true},
		{name: "trailing zeros", input: "1500.00", want: "1500", wantOK: true},
		{name: "fraction", input: "0.50", want: "0.5", wantOK: true},
		{name: "leading zeros", input: "007", want: "7", wantOK: true},
		{name: "leading dot", input: ".5", want: "0.5", wantOK: true},
		{name: "trailing dot", input: "5.", want: "5", wantOK: true},
		{name: "plus", input: "+5", want: "5", wantOK: true},
		{name: "negative", input: "-12.30", want: "-12.3", wantOK: true},
		{name: "negative zero", input: "-0.00", want: "0", wantOK: true},
		{name: "spaces", input: " 42 ", want: "42", wantOK: true},
		{name: "empty", input: "", wantOK: false},
		{name: "dot only", input: ".", wantOK: false},
		{name: "sign only", input: "-", wantOK: false},
		{name: "comma", input: "1,500", wantOK: false},
		{name: "two dots", input: "1.2.3", wantOK: false},
		{name: "exponent", input: "1e3", wantOK: false},
		{name: "nan", input: "NaN", wantOK: false},
		{name: "two signs", input: "--1", wantOK: false},
		{name: "unicode digit", input: "١٢", wantOK: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := plainDecimal(tt.input)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.wantOK, ok)
		})
	}
}
