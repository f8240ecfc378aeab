package money

import (
	"math"
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExponent(t *testing.T) {
	tests := []struct {
		name     string
		currency string
		want     int
	}{
		{name: "us dollar", currency: "USD", want: 2},
		{name: "euro", currency: "EUR", want: 2},
		{name: "pound sterling", currency: "GBP", want: 2},
		{name: "canadian dollar", currency: "CAD", want: 2},
		{name: "yen", currency: "JPY", want: 0},
		{name: "won", currency: "KRW", want: 0},
		{name: "cfa franc", currency: "XOF", want: 0},
		{name: "iceland krona", currency: "ISK", want: 0},
		{name: "kuwaiti dinar", currency: "KWD", want: 3},
		{name: "bahraini dinar", currency: "BHD", want: 3},
		{name: "tunisian dinar", currency: "TND", want: 3},
		{name: "unidad de fomento", currency: "CLF", want: 4},
		{name: "withdrawn kuna", currency: "HRK", want: 2},
		{name: "withdrawn belarusian ruble", currency: "BYR", want: 0},
		{name: "caribbean guilder", currency: "XCG", want: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Exponent(tt.currency)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestExponentErrors(t *testing.T) {
	tests := []struct {
		name       string
		currency   string
		wantReason string
	}{
		{name: "empty", currency: "", wantReason: "not an upper-case ISO 4217 code"},
		{name: "lower case", currency: "usd", wantReason: "not an upper-case ISO 4217 code"},
		{name: "square placeholder", currency: "UNKNOWN_CURRENCY", wantReason: "not an upper-case ISO 4217 code"},
		{name: "bitcoin", currency: "BTC", wantReason: "not an upper-case ISO 4217 code"},
		{name: "padded", currency: " USD", wantReason: "not an upper-case ISO 4217 code"},
		{name: "gold", currency: "XAU", wantReason: "has no minor unit"},
		{name: "test code", currency: "XTS", wantReason: "has no minor unit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Exponent(tt.currency)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrUnknownCurrency)
			assert.Contains(t, err.Error(), `"`+tt.currency+`"`)
			assert.Contains(t, err.Error(), tt.wantReason)
		})
	}
}

func TestExponentTableCodesWellFormed(t *testing.T) {
	codePattern := regexp.MustCompile(`^[A-Z]{3}$`)
	for code := range exponents {
		assert.Regexp(t, codePattern, code)
		assert.False(t, noMinorUnit[code], "code %s is in both tables", code)
	}
	for code := range noMinorUnit {
		assert.Regexp(t, codePattern, code)
	}
}

func TestFormatMinor(t *testing.T) {
	tests := []struct {
		name     string
		amount   int64
		currency string
		want     string
	}{
		{name: "usd dollars and cents", amount: 123456, currency: "USD", want: "1234.56"},
		{name: "usd negative cents", amount: -5, currency: "USD", want: "-0.05"},
		{name: "usd zero", amount: 0, currency: "USD", want: "0.00"},
		{name: "usd one cent", amount: 1, currency: "USD", want: "0.01"},
		{name: "usd whole dollar", amount: 100, currency: "USD", want: "1.00"},
		{name: "usd negative dollars", amount: -123456, currency: "USD", want: "-1234.56"},
		{name: "usd vip threshold", amount: 500000, currency: "USD", want: "5000.00"},
		{name: "no grouping", amount: 123456789012, currency: "USD", want: "1234567890.12"},
		{name: "jpy has no fraction", amount: 100, currency: "JPY", want: "100"},
		{name: "jpy negative", amount: -7, currency: "JPY", want: "-7"},
		{name: "kwd one fils", amount: 1, currency: "KWD", want: "0.001"},
		{name: "kwd dinars", amount: 12345, currency: "KWD", want: "12.345"},
		{name: "clf four places", amount: 5, currency: "CLF", want: "0.0005"},
		{name: "max int64 usd", amount: math.MaxInt64, currency: "USD", want: "92233720368547758.07"},
		{name: "min int64 usd", amount: math.MinInt64, currency: "USD", want: "-92233720368547758.08"},
		{name: "min int64 jpy", amount: math.MinInt64, currency: "JPY", want: "-9223372036854775808"},
		{name: "min int64 kwd", amount: math.MinInt64, currency: "KWD", want: "-9223372036854775.808"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FormatMinor(tt.amount, tt.currency)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestFormatMinorUnknownCurrency(t *testing.T) {
	got, err := FormatMinor(100, "ZZZ")
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrUnknownCurrency)
	assert.Contains(t, err.Error(), `"ZZZ"`)
	assert.Empty(t, got)
}

func TestAtLeast(t *testing.T) {
	tests := []struct {
		name     string
		amount   int64
		currency string
		major    int64
		want     bool
	}{
		{name: "usd exactly at threshold", amount: 500000, currency: "USD", major: 5000, want: true},
		{name: "usd one cent below", amount: 499999, currency: "USD", major: 5000, want: false},
		{name: "usd above", amount: 750000, currency: "USD", major: 5000, want: true},
		{name: "usd zero threshold", amount: 0, currency: "USD", major: 0, want: true},
		{name: "usd negative amount", amount: -1, currency: "USD", major: 0, want: false},
		{name: "jpy whole units", amount: 5000, currency: "JPY", major: 5000, want: true},
		{name: "jpy below", amount: 4999, currency: "JPY", major: 5000, want: false},
		{name: "kwd three places", amount: 5000000, currency: "KWD", major: 5000, want: true},
		{name: "kwd below", amount: 4999999, currency: "KWD", major: 5000, want: false},
		{name: "threshold overflows upward", amount: math.MaxInt64, currency: "USD", major: math.MaxInt64, want: false},
		{name: "threshold at max representable", amount: math.MaxInt64, currency: "USD", major: math.MaxInt64 / 100, want: true},
		{name: "threshold overflows downward", amount: math.MinInt64, currency: "USD", major: math.MinInt64, want: true},
		{name: "threshold at min representable", amount: math.MinInt64, currency: "USD", major: math.MinInt64 / 100, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AtLeast(tt.amount, tt.currency, tt.major)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestAtLeastUnknownCurrency(t *testing.T) {
	got, err := AtLeast(500000, "usd", 5000)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrUnknownCurrency)
	assert.Contains(t, err.Error(), `"usd"`)
	assert.False(t, got)
}

// FuzzFormatMinor checks FormatMinor against math/big: the decimal string,
// scaled back by the exponent, must equal the input amount.
func FuzzFormatMinor(f *testing.F) {
	seeds := []struct {
		amount   int64
		currency string
	}{
		{123456, "USD"}, {-5, "USD"}, {100, "JPY"}, {1, "KWD"}, {0, "EUR"},
		{math.MinInt64, "USD"}, {math.MaxInt64, "CLF"}, {-1, "BHD"}, {7, "XAU"}, {7, ""},
	}
	for _, seed := range seeds {
		f.Add(seed.amount, seed.currency)
	}

	f.Fuzz(func(t *testing.T, amount int64, currency string) {
		formatted, err := FormatMinor(amount, currency)
		exponent, expErr := Exponent(currency)
		if expErr != nil {
			require.Error(t, err)
			return
		}
		require.NoError(t, err)

		integer, fraction, _ := strings.Cut(strings.TrimPrefix(formatted, "-"), ".")
		require.Len(t, fraction, exponent)
		require.NotEmpty(t, integer)
		require.False(t, len(integer) > 1 && integer[0] == '0', "leading zero in %q", formatted)

		parsed, ok := new(big.Int).SetString(strings.Replace(formatted, ".", "", 1), 10)
		require.True(t, ok, "unparseable output %q", formatted)
		require.Zero(t, parsed.Cmp(big.NewInt(amount)), "%q does not scale back to %d", formatted, amount)

		atLeastItself, err := AtLeast(amount, currency, amount/powersOfTen[exponent])
		require.NoError(t, err)
		require.Equal(t, amount >= 0 || amount%powersOfTen[exponent] == 0, atLeastItself)
	})
}
