package dataset

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSPSSizesFor(t *testing.T) {
	cases := []struct {
		name                 string
		customers, quotes    int
		wantCustomers        int
		wantQuotes           int
		wantActiveB2BAtLeast int
	}{
		{"defaults", 0, 0, DefaultSPSCustomers, DefaultSPSQuotes, 1500},
		{"negative", -3, -1, DefaultSPSCustomers, DefaultSPSQuotes, 1500},
		{"below minimum", 1, 5, MinSPSCustomers, 5, 40},
		{"above maximum", MaxSPSCustomers + 1, MaxSPSQuotes + 1, MaxSPSCustomers, MaxSPSQuotes, 5000},
		{"custom", 5000, 400, 5000, 400, 250},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := spsSizesFor(tc.customers, tc.quotes)

			assert.Equal(t, tc.wantCustomers, s.customers, "customers")
			assert.Equal(t, tc.wantQuotes, s.quotes, "quotes")
			assert.GreaterOrEqual(t, s.activeB2B, tc.wantActiveB2BAtLeast, "active B2B")
			special := s.activeB2B + s.activeRetail + s.sameName + 2*len(spsPlaceholderNames) + s.inactiveB2B
			assert.LessOrEqual(t, special, s.customers, "the planned records fit")
			assert.GreaterOrEqual(t, s.activeB2B, int(caseCount)+2*s.branchPairs+s.noRepName+len(repNameVariants)+1,
				"active B2B holds every special case")
		})
	}
}

func TestGenerateSPSSizes(t *testing.T) {
	for _, tc := range spsSizeCases {
		t.Run(tc.name, func(t *testing.T) {
			d := spsDatasetFor(t, tc.opts)
			want := spsSizesFor(tc.opts.SPSCustomers, tc.opts.SPSQuotes)

			assert.Len(t, d.SPS.Customers, want.customers, "customers")
			assert.Len(t, d.SPS.Quotes, want.quotes, "quotes")
		})
	}
}

func TestGenerateSPSDeterminism(t *testing.T) {
	encode := func(opts Options) string {
		b, err := json.Marshal(Generate(opts).SPS)
		require.NoError(t, err)
		return string(b)
	}
	base := Options{Seed: 21, Now: testNow, Orders: 20, SPSCustomers: 2000, SPSQuotes: 200}
	first := encode(base)

	t.Run("same options", func(t *testing.T) {
		assert.Equal(t, first, encode(base))
	})
	t.Run("different seed", func(t *testing.T) {
		other := base
		other.Seed++
		assert.NotEqual(t, first, encode(other))
	})
}

func TestGenerateFullSizeWithSPSIsFast(t *testing.T) {
	start := time.Now()
	d := Generate(Options{Seed: 17, Now: testNow})
	elapsed := time.Since(start)

	require.Len(t, d.SPS.Customers, DefaultSPSCustomers)
	assert.Less(t, elapsed, 3*time.Second, "full-size generation took %s", elapsed)
}
