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
