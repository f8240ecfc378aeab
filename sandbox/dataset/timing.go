package dataset

import (
	"slices"
	"time"

	square "github.com/square/square-go-sdk"
)

// closeTimes returns n close times in (start, now] at millisecond
// resolution, sorted ascending. Most fall in store hours, fewer on
// Sundays.
func (b *orderBuilder) closeTimes(n int) []time.Time {
	times := make([]time.Time, n)
	for i := range times {
		times[i] = b.closeTime()
	}
	slices.SortFunc(times, time.Time.Compare)

	return times
}

func (b *orderBuilder) closeTime() time.Time {
	g := b.g
	open := time.Duration(storeCloses-storeOpens) * time.Hour
	today := g.now.In(g.store)

	for range 20 {
		day := today.AddDate(0, 0, -b.r.IntN(g.days+1))
		opening := time.Date(day.Year(), day.Month(), day.Day(), storeOpens, 0, 0, 0, g.store)
		t := opening.Add(randomDuration(b.r, 0, open)).UTC().Truncate(time.Millisecond)

		inWindow := t.After(g.start) && !t.After(g.now)
		if inWindow && (t.In(g.store).Weekday() != time.Sunday || chance(b.r, 0.4)) {
			return t
		}
	}

	// Adding at least a millisecond before truncating keeps t after start.
	return g.start.Add(randomDuration(b.r, time.Millisecond, g.now.Sub(g.start))).Truncate(time.Millisecond)
}

// tie makes each group of neighbouring sales share the close time of the
// group's first sale, to test ordering of equal timestamps. It returns
// the indexes of the tied sales. Groups never touch each other.
func (b *orderBuilder) tie(closed []time.Time, groups []int) map[int]bool {
	tied := make(map[int]bool)
	for _, size := range groups {
		for range 50 {
			i := b.r.IntN(len(closed))
			if i+size > len(closed) || anyTied(tied, i-1, i+size) {
				continue
			}

			for k := range size {
				closed[i+k] = closed[i]
				tied[i+k] = true
			}
			break
		}
	}

	return tied
}

func anyTied(tied map[int]bool, from, to int) bool {
	for i := from; i <= to; i++ {
		if tied[i] {
			return true
		}
	}

	return false
}

// markLate picks n untied sales closed at least an hour before now and
// makes them offline sales that reached Square 1 to 72 hours after
// closing, never after now. Their updated_at is the arrival time.
func (b *orderBuilder) markLate(
	sales []*square.Order, closed []time.Time, tied map[int]bool, n int,
) map[string]time.Time {
	arrivals := make(map[string]time.Time, n)
	for _, i := range b.r.Perm(len(sales)) {
		if len(arrivals) == n {
			break
		}
		room := b.g.now.Sub(closed[i])
		if tied[i] || room < time.Hour {
			continue
		}

		at := closed[i].Add(randomDuration(b.r, time.Hour, min(72*time.Hour, room)))
		arrivals[*sales[i].ID] = at
		sales[i].UpdatedAt = square.String(squareTime(at))
	}

	return arrivals
}

// settleCustomerTimes sets created_at and updated_at of every customer:
// before its first sale (often the same day, as for a profile made at
// the register) or, without sales, before the order window.
func (b *orderBuilder) settleCustomerTimes(
	customers []*square.Customer, sales []*square.Order, closed []time.Time,
) {
	first := make(map[string]time.Time)
	for i, o := range sales {
		if o.CustomerID == nil {
			continue
		}
		if t, seen := first[*o.CustomerID]; !seen || closed[i].Before(t) {
			first[*o.CustomerID] = closed[i]
		}
	}

	for _, c := range customers {
		created := b.g.start.Add(-randomDuration(b.r, 24*time.Hour, 3*365*24*time.Hour))
		if t, ok := first[*c.ID]; ok {
			created = t.Add(-randomDuration(b.r, 10*time.Minute, 3*365*24*time.Hour))
			if chance(b.r, 0.3) {
				created = t.Add(-randomDuration(b.r, time.Minute, 3*time.Hour))
			}
		}
		updated := created.Add(randomDuration(b.r, 0, min(200*24*time.Hour, b.g.now.Sub(created))))

		c.CreatedAt = square.String(squareTime(created))
		c.UpdatedAt = square.String(squareTime(updated))
	}
}
