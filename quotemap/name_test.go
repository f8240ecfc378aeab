package quotemap

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stonecity/sync/clients/sps"
)

func TestDealName(t *testing.T) {
	tests := []struct {
		name  string
		quote sps.Quote
		want  string
	}{
		{
			name: "opportunity number customer job",
			quote: sps.Quote{ID: 7, OpportunityNumber: "OPP-311", TransactionNumber: "Q-1001",
				Customer: "Rivera Tile", JobName: "Kitchen remodel"},
			want: "OPP-311 — Rivera Tile (Kitchen remodel)",
		},
		{
			name:  "transaction number when no opportunity",
			quote: sps.Quote{ID: 7, TransactionNumber: "Q-1001", Customer: "Rivera Tile", JobName: "Lobby"},
			want:  "Q-1001 — Rivera Tile (Lobby)",
		},
		{
			name:  "blank opportunity number",
			quote: sps.Quote{ID: 7, OpportunityNumber: "  ", TransactionNumber: "Q-1001", Customer: "Rivera Tile"},
			want:  "Q-1001 — Rivera Tile",
		},
		{
			name:  "no job name",
			quote: sps.Quote{ID: 7, TransactionNumber: "Q-1001", Customer: "Rivera Tile"},
			want:  "Q-1001 — Rivera Tile",
		},
		{
			name:  "blank job name",
			quote: sps.Quote{ID: 7, TransactionNumber: "Q-1001", Customer: "Rivera Tile", JobName: " \t"},
			want:  "Q-1001 — Rivera Tile",
		},
		{
			name:  "no customer",
			quote: sps.Quote{ID: 7, TransactionNumber: "Q-1001", JobName: "Lobby"},
			want:  "Q-1001 (Lobby)",
		},
		{
			name:  "number only",
			quote: sps.Quote{ID: 7, TransactionNumber: "Q-1001"},
			want:  "Q-1001",
		},
		{
			name:  "no number falls back to id",
			quote: sps.Quote{ID: 7, Customer: "Rivera Tile", JobName: "Lobby"},
			want:  "SPS quote 7 — Rivera Tile (Lobby)",
		},
		{
			name:  "nothing but id",
			quote: sps.Quote{ID: 7},
			want:  "SPS quote 7",
		},
		{
			name:  "whitespace collapsed",
			quote: sps.Quote{ID: 7, TransactionNumber: " Q-1001 ", Customer: "  Rivera   Tile ", JobName: " Big  job "},
			want:  "Q-1001 — Rivera Tile (Big job)",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, DealName(tc.quote))
		})
	}
}
