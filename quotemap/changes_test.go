package quotemap

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestChangedProperties(t *testing.T) {
	const (
		synced  = "2026-12-04T12:00:15.123Z"
		earlier = "2026-12-03T12:00:02.000Z"
	)
	tests := []struct {
		name string
		want map[string]string
		have map[string]string
		out  map[string]string
	}{
		{
			name: "identical",
			want: map[string]string{PropDealName: "Q-1 — Rivera", PropAmount: "1500"},
			have: map[string]string{PropDealName: "Q-1 — Rivera", PropAmount: "1500"},
			out:  map[string]string{},
		},
		{
			name: "amount trailing zeros",
			want: map[string]string{PropAmount: "1500"},
			have: map[string]string{PropAmount: "1500.00"},
			out:  map[string]string{},
		},
		{
			name: "amount changed",
			want: map[string]string{PropAmount: "1650"},
			have: map[string]string{PropAmount: "1500.00"},
			out:  map[string]string{PropAmount: "1650"},
		},
		{
			name: "amount unparsable in hubspot",
			want: map[string]string{PropAmount: "1500"},
			have: map[string]string{PropAmount: "1,500"},
			out:  map[string]string{PropAmount: "1500"},
		},
		{
			name: "amount missing in hubspot",
			want: map[string]string{PropAmount: "0"},
			have: map[string]string{},
			out:  map[string]string{PropAmount: "0"},
		},
		{
			name: "revision count as float",
			want: map[string]string{PropSPSRevisionCount: "2"},
			have: map[string]string{PropSPSRevisionCount: "2.0"},
			out:  map[string]string{},
		},
		{
			name: "closedate same instant without millis",
			want: map[string]string{PropCloseDate: "2026-12-31T00:00:00.000Z"},
			have: map[string]string{PropCloseDate: "2026-12-31T00:00:00Z"},
			out:  map[string]string{},
		},
		{
			name: "closedate as epoch millis",
			want: map[string]string{PropCloseDate: "2026-12-31T00:00:00.000Z"},
			have: map[string]string{PropCloseDate: "1798675200000"},
			out:  map[string]string{},
		},
		{
			name: "closedate as date",
			want: map[string]string{PropCloseDate: "2026-12-31T00:00:00.000Z"},
			have: map[string]string{PropCloseDate: "2026-12-31"},
			out:  map[string]string{},
		},
		{
			name: "closedate changed",
			want: map[string]string{PropCloseDate: "2027-01-15T00:00:00.000Z"},
			have: map[string]string{PropCloseDate: "2026-12-31T00:00:00.000Z"},
			out:  map[string]string{PropCloseDate: "2027-01-15T00:00:00.000Z"},
		},
		{
			name: "string is case sensitive",
			want: map[string]string{PropSPSJobName: "Kitchen"},
			have: map[string]string{PropSPSJobName: "kitchen"},
			out:  map[string]string{PropSPSJobName: "Kitchen"},
		},
		{
			name: "string trailing space",
			want: map[string]string{PropSPSJobName: "Kitchen"},
			have: map[string]string{PropSPSJobName: "Kitchen "},
			out:  map[string]string{},
		},
		{
			name: "stage id as string",
			want: map[string]string{PropDealStage: "1352031152"},
			have: map[string]string{PropDealStage: "1352031151"},
			out:  map[string]string{PropDealStage: "1352031152"},
		},
		{
			name: "last synced alone",
			want: map[string]string{PropAmount: "1500", PropSPSLastSynced: synced},
			have: map[string]string{PropAmount: "1500", PropSPSLastSynced: earlier},
			out:  map[string]string{},
		},
		{
			name: "last synced with a change",
			want: map[string]string{PropAmount: "1650", PropSPSLastSynced: synced},
			have: map[string]string{PropAmount: "1500", PropSPSLastSynced: earlier},
			out:  map[string]string{PropAmount: "1650", PropSPSLastSynced: synced},
		},
		{
			name: "property only in hubspot left alone",
			want: map[string]string{PropAmount: "1500"},
			have: map[string]string{PropAmount: "1500", PropDealStage: "1352031153"},
			out:  map[string]string{},
		},
		{
			name: "nil maps",
			out:  map[string]string{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ChangedProperties(tc.want, tc.have)

			assert.NotNil(t, got)
			assert.Equal(t, tc.out, got)
		})
	}
}
