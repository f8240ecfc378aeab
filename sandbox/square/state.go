package square

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	square "github.com/square/square-go-sdk"
)

// snapshot is the full simulator state as Save writes it. Lists are sorted
// by id so that equal states produce equal JSON.
type snapshot struct {
	Orders           []*square.Order         `json:"orders"`
	Arrivals         map[string]time.Time    `json:"arrivals,omitempty"`
	Customers        []*square.Customer      `json:"customers"`
	DeletedCustomers []string                `json:"deletedCustomers,omitempty"`
	Locations        []*square.Location      `json:"locations"`
	Catalog          []*square.CatalogObject `json:"catalog"`
	// DeletedCatalog lists deleted catalog objects by id. A deleted item's
	// variations are listed nested and again under their own ids.
	DeletedCatalog []*square.CatalogObject `json:"deletedCatalog,omitempty"`
	// CatalogVersion and CatalogSequence continue catalog versions and
	// generated ids after a load, and CatalogReplies keeps idempotent
	// upserts replayable.
	CatalogVersion  int64                    `json:"catalogVersion,omitempty"`
	CatalogSequence int64                    `json:"catalogSequence,omitempty"`
	CatalogReplies  map[string]*catalogReply `json:"catalogReplies,omitempty"`
	Faults          Faults                   `json:"faults"`
	Calls           map[string]int           `json:"calls,omitempty"`
}

// Save writes the full state as JSON: orders with their arrival times,
// customers and deleted customer ids, locations, catalog objects live and
// deleted, the catalog's version and id counters, the stored responses of
// idempotent catalog upserts, fault settings and call counts. The random source behind Faults.ErrorRate is
// not saved, so Load reseeds it from Faults.Seed.
func (s *Simulator) Save(w io.Writer) error {
	s.mu.Lock()
	snap := s.snapshotLocked()
	s.mu.Unlock()

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(snap); err != nil {
		return fmt.Errorf("save square simulator state: %w", err)
	}
	return nil
}

func (s *Simulator) snapshotLocked() snapshot {
	snap := snapshot{
		Arrivals:         map[string]time.Time{},
		DeletedCustomers: slices.Sorted(maps.Keys(s.data.deleted)),
		Faults:           s.faults.Settings(),
		Calls:            maps.Clone(s.calls),
	}
	for _, id := range slices.Sorted(maps.Keys(s.data.orders)) {
		stored := s.data.orders[id]
		snap.Orders = append(snap.Orders, stored.order)
		if !stored.arrival.IsZero() {
			snap.Arrivals[id] = stored.arrival
		}
	}
	snap.Customers = sortedValues(s.data.customers)
	snap.Locations = sortedValues(s.data.locations)
	snap.Catalog = sortedValues(s.data.catalog)
	snap.DeletedCatalog = sortedValues(s.data.catalogDeleted)
	snap.CatalogVersion = s.data.catalogVersion
	snap.CatalogSequence = s.data.catalogSeq
	if len(s.data.catalogReplies) > 0 {
		snap.CatalogReplies = maps.Clone(s.data.catalogReplies)
	}
	return snap
}

// sortedValues returns the map's values ordered by key.
func sortedValues[V any](m map[string]V) []V {
	out := make([]V, 0, len(m))
	for _, key := range slices.Sorted(maps.Keys(m)) {
		out = append(out, m[key])
	}
	return out
}

// Load replaces the whole state with JSON written by Save. It returns an
// error, and keeps the current state, when the JSON or any object in it
// is invalid.
func (s *Simulator) Load(r io.Reader) error {
	var snap snapshot
	dec := json.NewDecoder(r)
	if err := dec.Decode(&snap); err != nil {
		return fmt.Errorf("load square simulator state: %w", err)
	}
	if err := snap.Faults.Validate(); err != nil {
		return fmt.Errorf("load square simulator state: %w", err)
	}

	// Build the new state in a scratch simulator so a bad object leaves
	// the current one untouched.
	scratch := New(Options{Token: s.token, Clock: s.clock, SquareVersion: s.version})
	if err := scratch.LoadOrders(snap.Orders, snap.Arrivals); err != nil {
		return fmt.Errorf("load square simulator state: %w", err)
	}
	if err := scratch.LoadCustomers(snap.Customers); err != nil {
		return fmt.Errorf("load square simulator state: %w", err)
	}
	if err := scratch.LoadLocations(snap.Locations); err != nil {
		return fmt.Errorf("load square simulator state: %w", err)
	}
	if err := scratch.LoadCatalog(snap.Catalog); err != nil {
		return fmt.Errorf("load square simulator state: %w", err)
	}
	for _, id := range snap.DeletedCustomers {
		scratch.DeleteCustomer(id)
	}
	if err := scratch.data.loadCatalogState(&snap); err != nil {
		return fmt.Errorf("load square simulator state: %w", err)
	}

	s.mu.Lock()
	defer s.mu.Unlock()

	s.data = scratch.data
	s.faults.Set(snap.Faults)
	s.calls = map[string]int{}
	maps.Copy(s.calls, snap.Calls)
	return nil
}

// loadCatalogState restores deleted catalog objects, the counters and the
// idempotent replies from snap, after its live catalog is loaded.
func (d *dataset) loadCatalogState(snap *snapshot) error {
	for i, object := range snap.DeletedCatalog {
		id, err := catalogObjectID(object)
		if err != nil {
			return fmt.Errorf("deletedCatalog[%d]: %w", i, err)
		}
		if d.catalogIndex[id] == nil {
			d.addTombstone(id, object)
		}
	}
	d.catalogVersion = max(d.catalogVersion, snap.CatalogVersion)
	d.catalogSeq = max(d.catalogSeq, snap.CatalogSequence)
	for key, reply := range snap.CatalogReplies {
		if reply == nil {
			return fmt.Errorf("catalogReplies[%s] is null", key)
		}
		d.catalogReplies[key] = reply
	}
	return nil
}
