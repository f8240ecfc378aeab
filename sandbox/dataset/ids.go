package dataset

import (
	"math/rand/v2"
	"strconv"
	"time"

	square "github.com/square/square-go-sdk"
)

const (
	upperAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	mixedAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
)

// Lengths of Square ids as they appear in real API responses.
const (
	locationIDLength = 13 // "L" followed by 12 characters
	customerIDLength = 26
	catalogIDLength  = 24
	orderIDLength    = 27
	paymentIDLength  = 29
	uidLength        = 22
)

// idMaker draws random Square-style ids and guarantees that no id is
// handed out twice within one dataset.
type idMaker struct {
	used map[string]bool
}

func newIDMaker() *idMaker {
	return &idMaker{used: make(map[string]bool)}
}

// next returns a new id of length characters from alphabet, starting with
// prefix.
func (m *idMaker) next(r *rand.Rand, prefix string, length int, alphabet string) string {
	for {
		buf := make([]byte, 0, length)
		buf = append(buf, prefix...)
		for len(buf) < length {
			buf = append(buf, alphabet[r.IntN(len(alphabet))])
		}

		id := string(buf)
		if !m.used[id] {
			m.used[id] = true
			return id
		}
	}
}

func (m *idMaker) customerID(r *rand.Rand) string {
	return m.next(r, "", customerIDLength, upperAlphanumeric)
}

func (m *idMaker) catalogID(r *rand.Rand) string {
	return m.next(r, "", catalogIDLength, upperAlphanumeric)
}

func (m *idMaker) orderID(r *rand.Rand) string {
	return m.next(r, "", orderIDLength, mixedAlphanumeric)
}

func (m *idMaker) paymentID(r *rand.Rand) string {
	return m.next(r, "", paymentIDLength, mixedAlphanumeric)
}

func (m *idMaker) uid(r *rand.Rand) string {
	return m.next(r, "", uidLength, mixedAlphanumeric)
}

// numericIDs hands out increasing HubSpot record ids (decimal strings)
// with random gaps, as a portal's ids look after years of use.
type numericIDs struct {
	next int64
}

func (n *numericIDs) take(r *rand.Rand) string {
	n.next += 1 + r.Int64N(37)
	return strconv.FormatInt(n.next, 10)
}

// squareTime formats t the way Square does: RFC 3339 in UTC with
// milliseconds and a Z suffix.
func squareTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

// usd returns a Money value of cents US cents.
func usd(cents int64) *square.Money {
	return &square.Money{Amount: square.Int64(cents), Currency: square.CurrencyUsd.Ptr()}
}

// between returns a random int in [lo, hi].
func between(r *rand.Rand, lo, hi int) int {
	return lo + r.IntN(hi-lo+1)
}

// between64 returns a random int64 in [lo, hi].
func between64(r *rand.Rand, lo, hi int64) int64 {
	return lo + r.Int64N(hi-lo+1)
}

// chance returns true with probability p.
func chance(r *rand.Rand, p float64) bool {
	return r.Float64() < p
}

// pick returns a random element of xs, which must not be empty.
func pick[T any](r *rand.Rand, xs []T) T {
	return xs[r.IntN(len(xs))]
}

// weighted returns an index into weights chosen with probability
// proportional to its weight; weights must have a positive sum.
func weighted(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}

	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}

	return len(weights) - 1
}

// randomDuration returns a duration in [lo, hi] at millisecond resolution.
func randomDuration(r *rand.Rand, lo, hi time.Duration) time.Duration {
	ms := between64(r, lo.Milliseconds(), hi.Milliseconds())
	return time.Duration(ms) * time.Millisecond
}
