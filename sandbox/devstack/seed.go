package devstack

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	square "github.com/square/square-go-sdk"
	"go.uber.org/zap"

	"github.com/stonecity/sync/sandbox/dataset"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
	squaresim "github.com/stonecity/sync/sandbox/square"
)

// backfillFile keeps the backfill window of a state directory, so a rerun
// covers the same orders.
const backfillFile = "backfill.json"

// SquareRecords is the file format of extra Square records: each record
// exactly as Square's API returns it.
type SquareRecords struct {
	Locations []*square.Location      `json:"locations,omitempty"`
	Customers []*square.Customer      `json:"customers,omitempty"`
	Orders    []*square.Order         `json:"orders,omitempty"`
	Catalog   []*square.CatalogObject `json:"catalog,omitempty"`
	// Arrivals delays orders: an order is invisible to the API before its
	// arrival time (a late offline order).
	Arrivals map[string]time.Time `json:"arrivals,omitempty"`
}

// seed loads the dev dataset into fresh simulators, or reads the backfill
// window of restored ones, then loads the extra files.
func seed(sims *Simulators, dir string, opts Options, logger *zap.Logger) (BackfillWindow, error) {
	var window BackfillWindow
	if restored(dir) {
		if err := readJSON(filepath.Join(dir, backfillFile), &window); err != nil {
			return window, fmt.Errorf("read backfill window: %w", err)
		}
	} else {
		var err error
		if window, err = seedDataset(sims, opts, logger); err != nil {
			return window, err
		}
	}

	for _, path := range opts.HubSpotFiles {
		var portal hubsim.Portal
		if err := readJSON(path, &portal); err != nil {
			return window, fmt.Errorf("read HubSpot records %s: %w", path, err)
		}
		if err := sims.HubSpot.LoadPortal(portal); err != nil {
			return window, fmt.Errorf("load HubSpot records %s: %w", path, err)
		}
	}
	for _, path := range opts.SquareFiles {
		var records SquareRecords
		if err := readJSON(path, &records); err != nil {
			return window, fmt.Errorf("read Square records %s: %w", path, err)
		}
		if err := loadSquare(sims.Square, records); err != nil {
			return window, fmt.Errorf("load Square records %s: %w", path, err)
		}
		window = widen(window, records.Orders)
	}

	if dir != "" {
		if err := writeJSON(filepath.Join(dir, backfillFile), window); err != nil {
			return window, err
		}
	}
	return window, nil
}

// seedDataset generates the dataset, adds the example orders of Square's
// OpenAPI spec, and loads both.
func seedDataset(sims *Simulators, opts Options, logger *zap.Logger) (BackfillWindow, error) {
	now := opts.Now
	if now.IsZero() {
		now = time.Now().UTC()
	}
	data := dataset.Generate(dataset.Options{Seed: opts.Seed, Now: now, Orders: opts.Orders,
		SPSCustomers: opts.SPSCustomers, SPSQuotes: opts.SPSQuotes, SPSProducts: opts.SPSProducts})
	if err := sims.HubSpot.LoadPortal(data.HubSpot); err != nil {
		return BackfillWindow{}, fmt.Errorf("load HubSpot dataset: %w", err)
	}
	if err := sims.SPS.LoadCustomers(data.SPS.Customers); err != nil {
		return BackfillWindow{}, fmt.Errorf("load SPS customers: %w", err)
	}
	if err := sims.SPS.LoadQuotes(data.SPS.Quotes); err != nil {
		return BackfillWindow{}, fmt.Errorf("load SPS quotes: %w", err)
	}
	if err := sims.SPS.LoadProducts(data.SPS.Products); err != nil {
		return BackfillWindow{}, fmt.Errorf("load SPS products: %w", err)
	}

	records := SquareRecords{
		Locations: data.Square.Locations,
		Customers: data.Square.Customers,
		Orders:    data.Square.Orders,
		Catalog:   data.Square.Catalog,
		Arrivals:  data.Square.Arrivals,
	}
	if !opts.SkipSpecExamples {
		examples, err := specExamples()
		if err != nil {
			logger.Warn("Square spec example orders not loaded", zap.Error(err))
		}
		records.Orders = append(records.Orders, examples...)
		records.Locations = append(records.Locations, locationsOf(examples, records.Locations)...)
	}
	if err := loadSquare(sims.Square, records); err != nil {
		return BackfillWindow{}, fmt.Errorf("load Square dataset: %w", err)
	}
	return widen(BackfillWindow{Until: now}, records.Orders), nil
}

func specExamples() ([]*square.Order, error) {
	path, err := squaresim.SpecPath()
	if err != nil {
		return nil, err
	}
	return squaresim.SpecExampleOrders(path)
}

// locationsOf returns a location for every order location not in known.
func locationsOf(orders []*square.Order, known []*square.Location) []*square.Location {
	have := map[string]bool{}
	for _, l := range known {
		if l.ID != nil {
			have[*l.ID] = true
		}
	}
	var ids []string
	for _, o := range orders {
		if !have[o.LocationID] {
			have[o.LocationID] = true
			ids = append(ids, o.LocationID)
		}
	}
	sort.Strings(ids)
	out := make([]*square.Location, len(ids))
	for i, id := range ids {
		out[i] = &square.Location{ID: square.String(id), Name: square.String("Location " + id),
			Status: square.LocationStatusActive.Ptr()}
	}
	return out
}

func loadSquare(sim *squaresim.Simulator, r SquareRecords) error {
	if err := sim.LoadLocations(r.Locations); err != nil {
		return err
	}
	if err := sim.LoadCustomers(r.Customers); err != nil {
		return err
	}
	if err := sim.LoadCatalog(r.Catalog); err != nil {
		return err
	}
	return sim.LoadOrders(r.Orders, r.Arrivals)
}

// widen extends w to cover the closed_at of every order.
func widen(w BackfillWindow, orders []*square.Order) BackfillWindow {
	for _, o := range orders {
		if o.ClosedAt == nil {
			continue
		}
		t, err := time.Parse(time.RFC3339, *o.ClosedAt)
		if err != nil {
			continue
		}
		if w.Since.IsZero() || t.Before(w.Since) {
			w.Since = t.Add(-time.Minute).Truncate(time.Minute)
		}
		if t.After(w.Until) {
			w.Until = t.Add(time.Minute).Truncate(time.Minute)
		}
	}
	return w
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, errors.Unwrap(err))
	}
	return nil
}
