package dataset

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/require"
)

// testNow has sub-millisecond digits on purpose: the generator must use
// it as given and still keep every timestamp at or before it.
var testNow = time.Date(2026, time.December, 4, 11, 0, 0, 123456789, time.UTC)

var (
	fullOnce sync.Once
	full     *Dataset
)

// fullDataset returns the default-size dataset for seed 42, generated
// once per test binary. Tests must not modify it.
func fullDataset(t *testing.T) *Dataset {
	t.Helper()
	fullOnce.Do(func() { full = Generate(Options{Seed: 42, Now: testNow}) })

	return full
}

// sizeCases are the option sets that every consistency test runs on.
var sizeCases = []struct {
	name string
	opts Options
}{
	{"full", Options{Seed: 42, Now: testNow}},
	{"small", Options{Seed: 7, Now: testNow, Orders: 100, Days: 7}},
	{"tiny", Options{Seed: 3, Now: testNow, Orders: 12, Days: 1}},
	{"single order", Options{Seed: 11, Now: testNow, Orders: 1, Days: 30}},
	{"large", Options{Seed: 99, Now: testNow, Orders: 3000, Days: 90}},
}

func datasetFor(t *testing.T, opts Options) *Dataset {
	t.Helper()
	if opts == (Options{Seed: 42, Now: testNow}) {
		return fullDataset(t)
	}

	return Generate(opts)
}

var squareTimeFormat = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`)

// parseSquareTime parses an RFC 3339 timestamp with milliseconds and Z.
func parseSquareTime(t *testing.T, field string, s *string) time.Time {
	t.Helper()
	require.NotNil(t, s, "%s missing", field)
	require.Regexp(t, squareTimeFormat, *s, "%s format", field)

	parsed, err := time.Parse(time.RFC3339Nano, *s)
	require.NoError(t, err, "%s", field)

	return parsed
}

// amount returns the cents of m, failing the test when m is incomplete
// or not in US dollars.
func amount(t *testing.T, field string, m *square.Money) int64 {
	t.Helper()
	require.NotNil(t, m, "%s missing", field)
	require.NotNil(t, m.Amount, "%s amount missing", field)
	require.NotNil(t, m.Currency, "%s currency missing", field)
	require.Equal(t, square.CurrencyUsd, *m.Currency, "%s currency", field)

	return *m.Amount
}

// hundredths parses a Square quantity string such as "2.5" into
// hundredths of a unit.
func hundredths(t *testing.T, quantity string) int64 {
	t.Helper()
	whole, frac, _ := strings.Cut(quantity, ".")
	require.LessOrEqual(t, len(frac), 2, "quantity %q has more than two decimals", quantity)

	w, err := strconv.ParseInt(whole, 10, 64)
	require.NoError(t, err, "quantity %q", quantity)
	f := int64(0)
	if frac != "" {
		f, err = strconv.ParseInt((frac + "0")[:2], 10, 64)
		require.NoError(t, err, "quantity %q", quantity)
	}

	return w*100 + f
}

func saleOrders(d *Dataset) []*square.Order {
	var out []*square.Order
	for _, o := range d.Square.Orders {
		if len(o.Returns) == 0 {
			out = append(out, o)
		}
	}

	return out
}

func returnOrders(d *Dataset) []*square.Order {
	var out []*square.Order
	for _, o := range d.Square.Orders {
		if len(o.Returns) > 0 {
			out = append(out, o)
		}
	}

	return out
}

func str(s *string) string {
	if s == nil {
		return ""
	}

	return *s
}

// windowStart returns the exclusive start of the order window of opts.
func windowStart(opts Options) time.Time {
	days := opts.Days
	if days == 0 {
		days = DefaultDays
	}

	return opts.Now.Add(-time.Duration(days) * 24 * time.Hour)
}
