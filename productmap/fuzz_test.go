package productmap

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

// FuzzKey checks that Key is idempotent and leaves no white space, and
// that writings differing only in case or spacing share a key.
func FuzzKey(f *testing.F) {
	for _, seed := range []string{"CAL-ORO-3CM", " cal-oro-3cm", "BLK  GAL 2CM", "", " \u00a0\t", "straße", "a\xffb", "ǅ"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, sku string) {
		key := Key(sku)

		assert.Equal(t, key, Key(key), "idempotent")
		assert.Equal(t, -1, strings.IndexFunc(key, unicode.IsSpace), "no white space")
		assert.True(t, utf8.ValidString(key), "valid UTF-8")
		assert.Equal(t, key, Key(" "+strings.ToLower(sku)+"\t"), "case and outer space ignored")
		assert.Equal(t, strings.TrimFunc(sku, unicode.IsSpace) == "", key == "", "empty only for blank input")
	})
}

var dollarDigit = regexp.MustCompile(`[$€£]\s?\d`)

// FuzzScrubPrices checks that ScrubPrices is idempotent, returns valid
// UTF-8 no longer than its input and never leaves a currency sign before
// a digit.
func FuzzScrubPrices(f *testing.F) {
	for _, seed := range []string{
		"Contractor price $84.37/sf", "USD 1,204.16 per slab", "84.37 USD", "$1.2k", "1.25 in", "$$5$6",
		"Was $1,565.41, now US$1204.16", "( $5 )", "a\xff$5", "12.50 x 24.00", "5 $10 tiles",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		out := ScrubPrices(text)

		assert.Equal(t, out, ScrubPrices(out), "idempotent")
		assert.True(t, utf8.ValidString(out), "valid UTF-8")
		assert.False(t, dollarDigit.MatchString(out), "no currency sign before a digit in %q", out)
		assert.LessOrEqual(t, len(out), len(strings.ToValidUTF8(text, "\uFFFD")), "never longer")
	})
}

// FuzzFromSPS checks that FromSPS never panics, that an error is a
// *FieldError for the product, and that a product it accepts has a key,
// a name and prices that are not negative.
func FuzzFromSPS(f *testing.F) {
	f.Add(int64(204417), " cal oro-3cm ", "Calacatta Oro", "1204.16", "1565.41", "Active")
	f.Add(int64(1), "", "", "", "", "")
	f.Add(int64(-3), "A\x00", " ", "NaN", "-1", "inactive")
	f.Add(int64(7), "石材", "名", "0042.500", "84.375", " ACTIVE ")
	f.Add(int64(9), "x", "y", "99999999999999999999", ".5", "Active")
	f.Fuzz(func(t *testing.T, id int64, sku, name, wholesale, contractor, status string) {
		p := sps.Product{ID: id, SKU: sku, Name: name, Status: status, Description: name}
		p.PriceWholesale, _ = sps.ParseDecimal(wholesale)
		p.PriceContractor, _ = sps.ParseDecimal(contractor)

		got, err := FromSPS(p)
		if err != nil {
			var fieldErr *FieldError
			require.True(t, errors.As(err, &fieldErr), "error %v is a *FieldError", err)
			assert.Equal(t, id, fieldErr.ProductID, "product id")
			assert.NotEmpty(t, fieldErr.Field, "field")
			return
		}

		assert.Positive(t, got.ID, "id")
		assert.NotEmpty(t, got.Key, "key")
		assert.Equal(t, Key(got.SKU), got.Key, "key of the SKU")
		assert.NotEmpty(t, got.Name, "name")
		for _, cents := range []*int64{got.WholesaleCents, got.ContractorCents} {
			if cents != nil {
				assert.GreaterOrEqual(t, *cents, int64(0), "price not negative")
			}
		}
		assert.NotPanics(t, func() {
			MirrorKey(got.Key)
			MirrorJSON(MirrorDocumentFor(got))
			SquareItemFor(got)
			HubSpotProperties(got)
		}, "every sink shape")
	})
}

// FuzzMirrorKey checks that every key maps to one safe object name that
// KeyFromMirrorKey reverses.
func FuzzMirrorKey(f *testing.F) {
	for _, seed := range []string{"CAL-ORO-3CM", "A/B", "CRÈME", "%", "\x00", "..", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, key string) {
		object := MirrorKey(key)

		assert.True(t, strings.HasPrefix(object, MirrorPrefix), "prefix")
		assert.Equal(t, -1, strings.IndexAny(object[len(MirrorPrefix):], "/ \\?#"), "one safe segment")
		assert.Equal(t, -1, strings.IndexFunc(object, func(r rune) bool { return r > unicode.MaxASCII || unicode.IsControl(r) }),
			"ASCII without control characters")
		back, ok := KeyFromMirrorKey(object)
		assert.True(t, ok, "reversible")
		assert.Equal(t, key, back, "round trip")
	})
}
