package hubspotvalue

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzSame checks that Same is reflexive and symmetric for every kind,
// including an unknown one, and any pair of strings.
func FuzzSame(f *testing.F) {
	f.Add("1500", "1500.00")
	f.Add("true", "TRUE")
	f.Add("2026-12-31", "1798675200000")
	f.Add("2026-12-04T11:30:15.123Z", "2026-12-04T06:30:15.123-05:00")
	f.Add(" Net 30 ", "Net 30")
	f.Add("-0.00", "+.")
	f.Add("\xff", "99999999999999999999")

	kinds := []Kind{String, Number, Bool, Datetime, Date, Kind(-1)}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, kind := range kinds {
			require.True(t, Same(kind, a, a), "kind %d reflexive on %q", kind, a)
			require.Equal(t, Same(kind, a, b), Same(kind, b, a), "kind %d symmetric on %q, %q", kind, a, b)
		}
	})
}
