package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

var phoneSeeds = []string{
	"(206) 555-0134", "206.555.0134", "+1 206 555 0134", "1-206-555-0134", "2065550134",
	"206-555-0134 x12", "555-01", "+44 20 7946 0958", "", "call me", "+39 06 1234 5678",
	"011 44 20 7946 0958", "1-800-FLOWERS", "+0 1", "tel:+1-206-555-0134;ext=12",
}

// FuzzPhone checks that Phone never panics, that a returned number is E.164
// and normalises to itself, and that NationalNumber is a suffix of it.
func FuzzPhone(f *testing.F) {
	for _, seed := range phoneSeeds {
		f.Add(seed)
	}

	f.Fuzz(func(t *testing.T, raw string) {
		e164, ok := Phone(raw)
		if !ok {
			require.Empty(t, e164)
			return
		}

		require.Regexp(t, `^\+[1-9][0-9]{1,14}$`, e164)
		again, okAgain := Phone(e164)
		require.True(t, okAgain, "E.164 %q from %q does not normalise", e164, raw)
		require.Equal(t, e164, again, "input %q", raw)

		national := NationalNumber(e164)
		require.NotEmpty(t, national)
		require.True(t, strings.HasSuffix(e164, national), "%q is not a suffix of %q", national, e164)
	})
}

// FuzzEmail checks that Email is idempotent and that an accepted address
// has the documented shape.
func FuzzEmail(f *testing.F) {
	for _, seed := range []string{
		"Ann@Example.COM", " ann@example.com. ", "ann@localhost", "a@b@c.d", "@x.y", "ann@x..y",
		"JOSÉ@Example.com", "İSTANBUL@örnek.com.tr", "ann\xff@x.y", "",
	} {
		f.Add(seed)
	}

	f.Fuzz(func(t *testing.T, raw string) {
		email, ok := Email(raw)
		if !ok {
			require.Empty(t, email)
			return
		}

		again, okAgain := Email(email)
		require.True(t, okAgain, "normalised %q from %q is rejected", email, raw)
		require.Equal(t, email, again)
		require.True(t, utf8.ValidString(email))
		require.Equal(t, 1, strings.Count(email, "@"))
		require.False(t, strings.HasSuffix(email, "."))

		domain, okDomain := EmailDomain(email)
		require.True(t, okDomain)
		require.True(t, strings.HasSuffix(email, "@"+domain))
		require.Contains(t, domain, ".")
	})
}

// FuzzCompanyName checks that CompanyName is idempotent and returns only
// single-spaced words without surrounding spaces.
func FuzzCompanyName(f *testing.F) {
	for _, seed := range []string{
		"Rivera Tile, LLC", "RIVERA TILE LLC.", "The Stone Shop & Co.", "E\u0301lan", "e.\u0301",
		"ＲＩＶＥＲＡ", "the the", "Co. and Co.", "İstanbul Mermer A.Ş.", "\xff", "",
	} {
		f.Add(seed)
	}

	f.Fuzz(func(t *testing.T, name string) {
		key := CompanyName(name)
		require.Equal(t, key, CompanyName(key), "input %q", name)
		require.Equal(t, strings.Join(strings.Fields(key), " "), key)
		require.True(t, utf8.ValidString(key))

		person := PersonName(name)
		require.Equal(t, person, PersonName(person), "input %q", name)
	})
}
