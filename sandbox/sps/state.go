package sps

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"

	"github.com/stonecity/sync/clients/sps"
)

// snapshot is the full simulator state as Save writes it. Records are
// sorted by id so that equal states produce equal JSON.
type snapshot struct {
	Customers []sps.Customer `json:"customers"`
	Quotes    []sps.Quote    `json:"quotes"`
	Products  []sps.Product  `json:"products"`
	Faults    Faults         `json:"faults"`
	Calls     map[string]int `json:"calls,omitempty"`
	// Idempotency holds the remembered create responses by path and key.
	Idempotency  idempotencyKeys `json:"idempotency,omitempty"`
	CreateFaults CreateFaults    `json:"createFaults,omitzero"`
}

// Save writes the full state as JSON: customers, quotes and products as
// the API returns them (created ones included), the create responses
// remembered by Idempotency-Key, fault settings and call counts. Issued
// tokens are not saved, so clients log in again after Load into a new
// Simulator. The webhook URL and secret are not saved either, nor is the
// random source behind Faults.ErrorRate: Load reseeds it from
// Faults.Seed.
func (s *Simulator) Save(w io.Writer) error {
	s.mu.Lock()
	snap := snapshot{
		Customers: s.data.customers.all(),
		Quotes:    s.data.quotes.all(),
		Products:  s.data.products.all(),
		Faults:    s.faults.Settings(),
		Calls:     maps.Clone(s.calls),

		Idempotency:  s.idempotency.clone(),
		CreateFaults: s.createFaults,
	}
	s.mu.Unlock()

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(snap); err != nil {
		return fmt.Errorf("save SPS simulator state: %w", err)
	}
	return nil
}

// Load replaces the records, remembered create responses, fault settings
// and call counts with JSON written by Save. Issued tokens stay valid. It returns an error, and
// keeps the current state, when the JSON or any record in it is invalid.
func (s *Simulator) Load(r io.Reader) error {
	var snap snapshot
	if err := json.NewDecoder(r).Decode(&snap); err != nil {
		return fmt.Errorf("load SPS simulator state: %w", err)
	}
	if err := snap.Faults.Validate(); err != nil {
		return fmt.Errorf("load SPS simulator state: %w", err)
	}

	data := newStore()
	if err := data.customers.validate("customers", snap.Customers); err != nil {
		return fmt.Errorf("load SPS simulator state: %w", err)
	}
	if err := data.quotes.validate("quotes", snap.Quotes); err != nil {
		return fmt.Errorf("load SPS simulator state: %w", err)
	}
	if err := data.products.validate("products", snap.Products); err != nil {
		return fmt.Errorf("load SPS simulator state: %w", err)
	}
	data.customers.upsert(snap.Customers)
	data.quotes.upsert(snap.Quotes)
	data.products.upsert(snap.Products)

	s.mu.Lock()
	defer s.mu.Unlock()

	s.data = data
	s.faults.Set(snap.Faults)
	s.calls = map[string]int{}
	maps.Copy(s.calls, snap.Calls)
	s.idempotency = idempotencyKeys{}
	if snap.Idempotency != nil {
		s.idempotency = snap.Idempotency.clone()
	}
	s.createFaults = CreateFaults{FailAfterStore: max(snap.CreateFaults.FailAfterStore, 0)}
	return nil
}
