package sps

import (
	"errors"
	"fmt"
	"time"

	"github.com/stonecity/sync/clients/sps"
)

// ErrNotFound is returned by UpdateQuote for an id that is not loaded.
var ErrNotFound = errors.New("not found")

// LoadCustomers adds customers, replacing any with the same id. It
// returns an error and loads nothing when an id is not positive or
// repeats within customers.
func (s *Simulator) LoadCustomers(customers []sps.Customer) error {
	s.mu.Lock()
	defer s.mu.Unlock()

	if err := s.data.customers.validate("customers", customers); err != nil {
		return fmt.Errorf("load customers: %w", err)
	}
	s.data.customers.upsert(customers)
	return nil
}

// LoadQuotes adds quotes, replacing any with the same id. It returns an
// error and loads nothing when an id is not positive or repeats within
// quotes.
func (s *Simulator) LoadQuotes(quotes []sps.Quote) error {
	s.mu.Lock()
	defer s.mu.Unlock()

	if err := s.data.quotes.validate("quotes", quotes); err != nil {
		return fmt.Errorf("load quotes: %w", err)
	}
	s.data.quotes.upsert(quotes)
	return nil
}

// LoadProducts adds products, replacing any with the same id. It returns
// an error and loads nothing when an id is not positive or repeats within
// products.
func (s *Simulator) LoadProducts(products []sps.Product) error {
	s.mu.Lock()
	defer s.mu.Unlock()

	if err := s.data.products.validate("products", products); err != nil {
		return fmt.Errorf("load products: %w", err)
	}
	s.data.products.upsert(products)
	return nil
}

// DeleteProduct removes product id, as deleting a product in SPS does:
// queries no longer return it. It returns an error wrapping ErrNotFound
// for an unknown id.
func (s *Simulator) DeleteProduct(id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()

	if !s.data.products.remove(id) {
		return fmt.Errorf("delete product %d: %w", id, ErrNotFound)
	}
	return nil
}

// Customers returns copies of every customer, sorted by id.
func (s *Simulator) Customers() []sps.Customer {
	s.mu.Lock()
	defer s.mu.Unlock()

	return s.data.customers.all()
}

// Quotes returns copies of every quote, sorted by id.
func (s *Simulator) Quotes() []sps.Quote {
	s.mu.Lock()
	defer s.mu.Unlock()

	return s.data.quotes.all()
}

// Products returns copies of every product, sorted by id.
func (s *Simulator) Products() []sps.Product {
	s.mu.Lock()
	defer s.mu.Unlock()

	return s.data.products.all()
}

// UpdateQuote applies mutate to a copy of quote id, sets its modifiedDate
// to Options.Clock's time in whole seconds and stores it, as a revision
// or status change in SPS would. mutate runs under the simulator's lock,
// so it must not call the Simulator. UpdateQuote returns an error
// wrapping ErrNotFound for an unknown id, and an error without storing
// anything when mutate changes the id.
func (s *Simulator) UpdateQuote(id int64, mutate func(*sps.Quote)) error {
	s.mu.Lock()
	defer s.mu.Unlock()

	quote, ok := s.data.quotes.get(id)
	if !ok {
		return fmt.Errorf("update quote %d: %w", id, ErrNotFound)
	}
	mutate(&quote)
	if quote.ID != id {
		return fmt.Errorf("update quote %d: mutate changed the id to %d", id, quote.ID)
	}

	// NewTime encodes whole seconds, so the stored time is truncated to
	// match what clients read and what modifiedSince compares.
	quote.ModifiedDate = sps.NewTime(s.clock().Truncate(time.Second))
	s.data.quotes.upsert([]sps.Quote{quote})
	return nil
}
