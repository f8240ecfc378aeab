package activities

import (
	"context"
	"fmt"
	"sort"
	"time"

	square "github.com/square/square-go-sdk"
	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/hubspot"
	squareclient "github.com/stonecity/sync/clients/square"
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/report"
)

// OrderSettings are the HubSpot ids and business thresholds of order sync.
type OrderSettings struct {
	Portal config.HubSpotPortal
	// VIPThresholdMajor is the order total, in US dollars, from which the
	// buyer is marked vip_customer.
	VIPThresholdMajor int64
	// TimeZone is the store's time zone; last_purchase_date is the order's
	// closing date there.
	TimeZone *time.Location
	// LocationIDs, when set, limits the sync to these Square locations.
	LocationIDs []string
}

// OrderActivities syncs Square orders into HubSpot.
type OrderActivities struct {
	HubSpot  *hubspot.Client
	Square   *squareclient.Client
	Settings OrderSettings
}

// LocationsResult lists the Square locations an order sync covers.
type LocationsResult struct {
	LocationIDs []string         `json:"locationIds"`
	APICalls    []apicalls.Count `json:"apiCalls,omitempty"`
}

// ListOrderLocations returns the configured Square locations or, when none
// are configured, every location of the account, sorted.
func (a *OrderActivities) ListOrderLocations(ctx context.Context) (LocationsResult, error) {
	if len(a.Settings.LocationIDs) > 0 {
		ids := append([]string(nil), a.Settings.LocationIDs...)
		sort.Strings(ids)
		return LocationsResult{LocationIDs: ids}, nil
	}

	recorder := apicalls.NewRecorder()
	locations, err := a.Square.ListLocations(apicalls.WithRecorder(ctx, recorder))
	if err != nil {
		return LocationsResult{}, temporalError(fmt.Errorf("list Square locations: %w", err), false)
	}
	ids := make([]string, 0, len(locations))
	for _, l := range locations {
		if l.ID != nil {
			ids = append(ids, *l.ID)
		}
	}
	if len(ids) == 0 {
		return LocationsResult{}, permanent(ErrorTypeNotFound, "the Square account has no locations")
	}
	sort.Strings(ids)
	return LocationsResult{LocationIDs: ids, APICalls: recorder.Counts()}, nil
}

// OrderPageInput selects one page of completed Square orders.
type OrderPageInput struct {
	Window      report.Window `json:"window"`
	LocationIDs []string      `json:"locationIds"`
	Cursor      string        `json:"cursor,omitempty"`
	PageSize    int           `json:"pageSize"`
}

// OrderPageResult is the outcome of one page: counts, failures with their
// reasons, and the calls the page cost, failed attempts included.
type OrderPageResult struct {
	NextCursor  string                 `json:"nextCursor,omitempty"`
	Orders      int                    `json:"orders"`
	Created     int                    `json:"created"`
	Skipped     int                    `json:"skipped"`
	Failed      int                    `json:"failed"`
	SkipReasons []report.ReasonCount   `json:"skipReasons,omitempty"`
	Failures    []report.RecordFailure `json:"failures,omitempty"`
	Objects     []report.ObjectWrites  `json:"objects,omitempty"`
	Stages      []report.StageCount    `json:"stages,omitempty"`
	APICalls    []apicalls.Count       `json:"apiCalls"`
}

// SyncOrderPage fetches one page of completed orders (up to 1000) and
// writes the missing ones to HubSpot as closed-won deals with their
// contacts, companies and line items, in batches of 100 per stage.
//
// The page's progress is heartbeated after every HubSpot call; a retried
// attempt resumes from that checkpoint instead of starting over. Every
// write is keyed by a unique HubSpot property, so work that a crashed
// attempt finished but did not checkpoint is found again, not duplicated.
func (a *OrderActivities) SyncOrderPage(ctx context.Context, in OrderPageInput) (OrderPageResult, error) {
	if len(in.LocationIDs) == 0 || len(in.LocationIDs) > squareclient.MaxLocationsPerSearch {
		return OrderPageResult{}, permanent(ErrorTypeInvalid,
			"order page needs 1 to %d location ids, got %d", squareclient.MaxLocationsPerSearch, len(in.LocationIDs))
	}

	recorder := apicalls.NewRecorder()
	ctx = apicalls.WithRecorder(ctx, recorder)
	page := newOrderPage(a, in, restoreCheckpoint(ctx, in.Cursor), recorder)

	if err := page.run(ctx); err != nil {
		page.heartbeat(ctx)
		activity.GetLogger(ctx).Warn("Order page attempt failed",
			"cursor", in.Cursor, "stage", page.stage, "error", err)
		return OrderPageResult{}, temporalError(fmt.Errorf("order page stage %s: %w", page.stage, err), page.progressed)
	}
	return page.result(), nil
}

// fetchOrders reads the page from Square.
func (p *orderPage) fetchOrders(ctx context.Context) ([]*square.Order, error) {
	pageSize := p.in.PageSize
	if pageSize <= 0 || pageSize > squareclient.MaxOrdersPerPage {
		pageSize = squareclient.MaxOrdersPerPage
	}
	page, err := p.a.Square.SearchCompletedOrders(ctx, squareclient.OrdersQuery{
		LocationIDs: p.in.LocationIDs,
		Since:       p.in.Window.Since,
		Until:       p.in.Window.Until,
		Cursor:      p.in.Cursor,
		Limit:       pageSize,
	})
	if err != nil {
		return nil, fmt.Errorf("search Square orders: %w", err)
	}
	p.nextCursor = page.Cursor
	return page.Orders, nil
}
