package sps

import (
	"fmt"
	"math"
	"slices"

	"github.com/stonecity/sync/clients/sps"
)

// table is one record kind keyed by SPS id, with the ids kept sorted so
// that queries page in a stable order.
type table[T any] struct {
	rows  map[int64]T
	ids   []int64
	id    func(T) int64
	clone func(T) T
}

func newTable[T any](id func(T) int64, clone func(T) T) *table[T] {
	return &table[T]{rows: map[int64]T{}, id: id, clone: clone}
}

// validate checks that every record has a positive id and that no id
// repeats within records. kind names the record kind in errors.
func (t *table[T]) validate(kind string, records []T) error {
	seen := make(map[int64]int, len(records))
	for i, record := range records {
		id := t.id(record)
		if id <= 0 {
			return fmt.Errorf("%s[%d]: id %d is not a positive integer", kind, i, id)
		}
		if first, dup := seen[id]; dup {
			return fmt.Errorf("%s[%d]: id %d repeats %s[%d]", kind, i, id, kind, first)
		}
		seen[id] = i
	}
	return nil
}

// upsert stores copies of records, replacing records with the same id.
// Call validate first.
func (t *table[T]) upsert(records []T) {
	added := false
	for _, record := range records {
		id := t.id(record)
		if _, exists := t.rows[id]; !exists {
			t.ids = append(t.ids, id)
			added = true
		}
		t.rows[id] = t.clone(record)
	}
	if added {
		slices.Sort(t.ids)
	}
}

// remove deletes the record with id and reports whether it existed.
func (t *table[T]) remove(id int64) bool {
	if _, ok := t.rows[id]; !ok {
		return false
	}
	delete(t.rows, id)
	t.ids = slices.DeleteFunc(t.ids, func(other int64) bool { return other == id })
	return true
}

// get returns a copy of the record with id.
func (t *table[T]) get(id int64) (T, bool) {
	record, ok := t.rows[id]
	if !ok {
		return record, false
	}
	return t.clone(record), true
}

// all returns copies of every record, in id order.
func (t *table[T]) all() []T {
	out := make([]T, 0, len(t.ids))
	for _, id := range t.ids {
		out = append(out, t.clone(t.rows[id]))
	}
	return out
}

// page returns copies of the records that match, in id order, on page
// number (from 1) of the given size, and the number of matching records.
func (t *table[T]) page(match func(T) bool, number, size int) ([]T, int) {
	first := math.MaxInt
	if number-1 <= math.MaxInt/size {
		first = (number - 1) * size
	}
	out := []T{}
	total := 0
	for _, id := range t.ids {
		record := t.rows[id]
		if !match(record) {
			continue
		}
		if total >= first && len(out) < size {
			out = append(out, t.clone(record))
		}
		total++
	}
	return out, total
}

// store is the simulator's records.
type store struct {
	customers *table[sps.Customer]
	quotes    *table[sps.Quote]
	products  *table[sps.Product]
}

func newStore() *store {
	return &store{
		customers: newTable(func(c sps.Customer) int64 { return c.ID }, cloneCustomer),
		quotes:    newTable(func(q sps.Quote) int64 { return q.ID }, cloneQuote),
		products:  newTable(func(p sps.Product) int64 { return p.ID }, cloneProduct),
	}
}

func cloneCustomer(c sps.Customer) sps.Customer {
	if c.BillingAddress != nil {
		address := *c.BillingAddress
		c.BillingAddress = &address
	}
	if c.ShippingAddress != nil {
		address := *c.ShippingAddress
		c.ShippingAddress = &address
	}
	return c
}

func cloneQuote(q sps.Quote) sps.Quote {
	if q.Stage != nil {
		stage := *q.Stage
		q.Stage = &stage
	}
	q.SalesOrders = slices.Clone(q.SalesOrders)
	q.Lines = slices.Clone(q.Lines)
	return q
}

func cloneProduct(p sps.Product) sps.Product { return p }
