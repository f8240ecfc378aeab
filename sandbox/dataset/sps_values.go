package dataset

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/stonecity/sync/clients/sps"
)

// SPS layouts for the dates that are not RFC 3339: a plain date and a
// local timestamp without a zone, which the SPS client reads as UTC.
const (
	spsDateLayout  = "2006-01-02"
	spsLocalLayout = "2006-01-02T15:04:05"
)

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// decimalOf returns the SPS decimal s. The generator only passes decimals
// it formatted itself, so the parse error cannot happen. An unset Decimal
// takes its place rather than a panic.
func decimalOf(s string) sps.Decimal {
	d, err := sps.ParseDecimal(s)
	if err != nil {
		return sps.Decimal{}
	}

	return d
}

// spsTimeText returns an SPS date parsed from text in one of the layouts
// above, or t in RFC 3339 if text does not parse.
func spsTimeText(text string, t time.Time) sps.Time {
	parsed, err := sps.ParseTime(text)
	if err != nil {
		return sps.NewTime(t)
	}

	return parsed
}

// messyTime returns t, truncated to the second, in one of the formats SPS
// sends: mostly RFC 3339 in UTC, some plain dates, and some local
// timestamps in the store's zone without an offset.
func messyTime(r *rand.Rand, t time.Time, store *time.Location) sps.Time {
	t = t.Truncate(time.Second)
	switch r.IntN(10) {
	case 0:
		return spsTimeText(t.In(store).Format(spsDateLayout), t)
	case 1:
		return spsTimeText(t.In(store).Format(spsLocalLayout), t)
	default:
		return sps.NewTime(t)
	}
}

// spsDate returns t as a plain date in the store's zone.
func spsDate(t time.Time, store *time.Location) sps.Time {
	return spsTimeText(t.In(store).Format(spsDateLayout), t)
}

// creditLimits are the credit limits in whole dollars that SPS holds for
// trade accounts.
var creditLimits = []int64{2500, 5000, 7500, 10000, 15000, 25000, 50000, 100000}

// b2bCreditLimit returns a trade account's credit limit: a whole number
// of dollars written with or without cents, "" on some records and 0 on
// a few.
func b2bCreditLimit(r *rand.Rand) sps.Decimal {
	switch n := r.IntN(100); {
	case n < 10:
		return sps.EmptyDecimal()
	case n < 15:
		return zeroDecimal
	case n < 55:
		return pick(r, creditLimitDecimals[1])
	default:
		return pick(r, creditLimitDecimals[0])
	}
}

// creditLimitDecimals holds creditLimits as SPS decimals, without cents
// in the first row and with them in the second.
var creditLimitDecimals = func() [2][]sps.Decimal {
	var rows [2][]sps.Decimal
	for _, dollars := range creditLimits {
		rows[0] = append(rows[0], decimalOf(itoa64(dollars)))
		rows[1] = append(rows[1], decimalOf(formatCents(dollars*100)))
	}
	return rows
}()

var zeroDecimal = decimalOf("0")

// retailCreditLimit returns 0, "" or null, as SPS holds it for people
// who pay at the counter.
func retailCreditLimit(r *rand.Rand) sps.Decimal {
	switch n := r.IntN(10); {
	case n < 5:
		return zeroDecimal
	case n < 8:
		return sps.EmptyDecimal()
	default:
		return sps.Decimal{}
	}
}

// emptyOrNull returns "" or null for an unset numeric field.
func emptyOrNull(r *rand.Rand, emptyRate float64) sps.Decimal {
	if chance(r, emptyRate) {
		return sps.EmptyDecimal()
	}

	return sps.Decimal{}
}

// spsAddress returns a billing or shipping address around the store. The
// country is written "US", "USA" or left out, and some have a second
// line.
func spsAddress(r *rand.Rand) *sps.Address {
	city := pick(r, cities)
	a := &sps.Address{
		Line1:      strconv.Itoa(between(r, 100, 24999)) + " " + pick(r, streets),
		City:       city.name,
		State:      city.state,
		PostalCode: city.zip,
		Country:    []string{"US", "US", "US", "US", "US", "US", "US", "USA", "USA", ""}[r.IntN(10)],
	}
	if chance(r, 0.15) {
		a.Line2 = pick(r, []string{"Suite 200", "Unit B", "Bldg 3", "#104", "Ste 12"})
	}

	return a
}

// spsPhone returns a US number in the 555 exchange that no other record
// of the dataset uses, written in one of the usual styles. A few get an
// office extension, and fewer still are London numbers. It claims
// numbers in the shared registry and builds the E.164 key without fmt,
// because SPS needs tens of thousands of them.
func spsPhone(r *rand.Rand, reg *identityRegistry) string {
	if chance(r, 0.03) {
		return reg.freshUK(r)
	}

	text := freshSPSNumber(r, reg).format(randomStyle(r))
	if chance(r, 0.05) {
		text += pick(r, extensions)
	}

	return text
}

// freshSPSNumber draws random lines of the 555 exchange until one is
// free, and falls back to the registry's scan after 1,000 draws.
func freshSPSNumber(r *rand.Rand, reg *identityRegistry) usPhone {
	for range 1000 {
		p := usPhone{area: usAreaCodes[weighted(r, areaCodeWeights)], line: r.IntN(10000)}
		if reg.claim(phoneKeyOf(p)) {
			return p
		}
	}

	return reg.freshUS(r)
}

// phoneKeyOf returns p's E.164 form, as usPhone.key does.
func phoneKeyOf(p usPhone) string {
	var key [12]byte
	copy(key[:], "+1")
	writeDigits(key[2:5], p.area)
	copy(key[5:8], "555")
	writeDigits(key[8:12], p.line)

	return string(key[:])
}

// writeDigits writes n into buf as decimal digits, padded with zeros on
// the left to the length of buf.
func writeDigits(buf []byte, n int) {
	for i := len(buf) - 1; i >= 0; i-- {
		buf[i] = byte('0' + n%10)
		n /= 10
	}
}
