package activities

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"unicode/utf8"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/ordermap"
	"github.com/stonecity/sync/report"
)

// Skip reasons of order sync.
const (
	skipAlreadySynced = "deal already exists"
	// skipRaced is a deal create that hit the unique square_order_id. Its
	// deal comes from a concurrent run, or from an earlier attempt of this
	// page whose response and checkpoint were both lost (a killed worker).
	skipRaced = "deal created meanwhile by another run or an interrupted attempt"
)

// maxFailureReasonBytes bounds each failure reason, so that a page of
// failed orders with huge names or long HubSpot messages stays far below
// Temporal's 2 MB payload limit.
//
// NOTE: a page whose 1,000 orders all fail can still return up to about
// 360 KB (1,000 reasons of 300 bytes plus ids). That is above the 256 KB
// the product aims for, because only the workflow caps the failure list.
const maxFailureReasonBytes = 300

// orderPage is one attempt at one page of orders.
type orderPage struct {
	a        *OrderActivities
	in       OrderPageInput
	cp       *orderCheckpoint
	recorder *apicalls.Recorder
	// priorCalls are the calls of earlier attempts, from the checkpoint.
	priorCalls []apicalls.Count

	stage      string
	progressed bool
	nextCursor string
	orders     int

	// deals are the mapped sale orders of the page, in page order.
	deals []ordermap.Deal
	// buyers groups the page's customers by identity.
	buyers []*buyer
	// buyerOf maps an order id to its buyer, when the order has one.
	buyerOf map[string]*buyer
	// lines maps a line item uid to its place in the page.
	lines map[string]lineRef
	// skus maps a catalog object id to its SKU.
	skus map[string]string
}

func newOrderPage(a *OrderActivities, in OrderPageInput, cp *orderCheckpoint, rec *apicalls.Recorder) *orderPage {
	return &orderPage{
		a:          a,
		in:         in,
		cp:         cp,
		recorder:   rec,
		priorCalls: cp.Calls,
		buyerOf:    map[string]*buyer{},
		lines:      map[string]lineRef{},
		skus:       map[string]string{},
	}
}

// run executes the page's stages in order. Each stage skips the work the
// checkpoint records as done.
func (p *orderPage) run(ctx context.Context) error {
	steps := []struct {
		name string
		fn   func(context.Context) error
	}{
		{"fetch orders", p.loadOrders},
		{"read existing deals", p.readExistingDeals},
		{"fetch customers", p.loadBuyers},
		{"resolve companies", p.resolveCompanies},
		{"resolve contacts", p.resolveContacts},
		{"update contacts", p.updateContacts},
		{"fetch catalog", p.loadSKUs},
		{"create line items", p.createLineItems},
		{"create deals", p.createDeals},
	}
	for _, step := range steps {
		p.stage = step.name
		if err := step.fn(ctx); err != nil {
			return err
		}
	}
	return nil
}

// loadOrders fetches and maps the page. A checkpoint taken on a different
// set of orders (the page changed between attempts) is discarded.
func (p *orderPage) loadOrders(ctx context.Context) error {
	orders, err := p.fetchOrders(ctx)
	if err != nil {
		return err
	}
	p.orders = len(orders)

	ids := make([]string, 0, len(orders))
	for _, o := range orders {
		if o.ID != nil {
			ids = append(ids, *o.ID)
		}
	}
	set := orderSetHash(ids)
	if p.cp.OrderSet != "" && p.cp.OrderSet != set {
		activity.GetLogger(ctx).Info("Order page changed since the last attempt; starting it over",
			"cursor", p.in.Cursor)
		p.cp = restartCheckpoint(p.cp)
	}
	p.cp.OrderSet = set

	settings := ordermap.Settings{
		PipelineID:        p.a.Settings.Portal.SquarePipelineID,
		StageID:           p.a.Settings.Portal.SquareClosedWonStageID,
		VIPThresholdMajor: p.a.Settings.VIPThresholdMajor,
		TimeZone:          p.a.Settings.TimeZone,
	}
	for i, o := range orders {
		p.mapOrder(ctx, i, o, settings)
	}
	return nil
}

func orderSetHash(ids []string) string {
	sorted := append([]string(nil), ids...)
	sort.Strings(sorted)
	sum := sha256.Sum256([]byte(strings.Join(sorted, "\n")))
	return hex.EncodeToString(sum[:])
}

// heartbeat records the checkpoint, with the calls made so far.
func (p *orderPage) heartbeat(ctx context.Context) {
	p.cp.Calls = apicalls.Merge(p.priorCalls, p.recorder.Counts())
	activity.RecordHeartbeat(ctx, p.cp)
}

// done marks progress after a successful HubSpot write or read.
func (p *orderPage) done(ctx context.Context) {
	p.progressed = true
	p.heartbeat(ctx)
}

// measure runs one HubSpot batch call of a stage and adds its calls and,
// when it succeeds, its records to the stage's counts.
func (p *orderPage) measure(stage string, records int, call func() error) error {
	counter := stageCounter{recorder: p.recorder, stages: p.cp.Stages}
	err := counter.measure(stage, records, call)
	p.cp.Stages = counter.stages
	return err
}

// wrote counts created or updated HubSpot objects of one type.
func (p *orderPage) wrote(object string, created, updated int) {
	w := p.cp.Writes[object]
	w.Object = object
	w.Created += created
	w.Updated += updated
	p.cp.Writes[object] = w
}

// fail records a permanent failure of one order, unless it already has
// one. The reason is cut to maxFailureReasonBytes.
func (p *orderPage) fail(orderID, reason string) {
	if _, ok := p.cp.Failed[orderID]; !ok {
		p.cp.Failed[orderID] = truncateReason(reason)
	}
}

// truncateReason cuts reason to maxFailureReasonBytes at a rune boundary,
// marking the cut with "…".
func truncateReason(reason string) string {
	if len(reason) <= maxFailureReasonBytes {
		return reason
	}
	const ellipsis = "…"
	cut := maxFailureReasonBytes - len(ellipsis)
	for cut > 0 && !utf8.RuneStart(reason[cut]) {
		cut--
	}
	return reason[:cut] + ellipsis
}

// pending reports whether an order still needs its deal: it is mapped,
// has no deal in HubSpot, and has not failed or been skipped.
func (p *orderPage) pending(orderID string) bool {
	if p.cp.Existing[orderID] != "" || p.cp.Deals[orderID] != "" {
		return false
	}
	if _, failed := p.cp.Failed[orderID]; failed {
		return false
	}
	_, skipped := p.cp.Skipped[orderID]
	return !skipped
}

// result builds the page's outcome from the checkpoint.
func (p *orderPage) result() OrderPageResult {
	res := OrderPageResult{
		NextCursor: p.nextCursor,
		Orders:     p.orders,
		Created:    len(p.cp.Deals),
		Stages:     p.cp.Stages,
		APICalls:   apicalls.Merge(p.priorCalls, p.recorder.Counts()),
	}

	reasons := map[string]int{}
	for orderID, dealID := range p.cp.Existing {
		// A deal that an attempt before a restart created counts as created.
		if dealID != "" && p.cp.Deals[orderID] == "" {
			reasons[skipAlreadySynced]++
		}
	}
	for _, reason := range p.cp.Skipped {
		reasons[reason]++
	}
	for reason, n := range reasons {
		res.Skipped += n
		res.SkipReasons = append(res.SkipReasons, report.ReasonCount{Reason: reason, Count: n})
	}
	sort.Slice(res.SkipReasons, func(i, j int) bool { return res.SkipReasons[i].Reason < res.SkipReasons[j].Reason })

	for _, id := range sortedKeys(p.cp.Failed) {
		res.Failures = append(res.Failures, report.RecordFailure{SourceID: id, Reason: p.cp.Failed[id]})
	}
	res.Failed = len(res.Failures)

	for _, object := range sortedKeys(p.cp.Writes) {
		res.Objects = append(res.Objects, p.cp.Writes[object])
	}
	return res
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// chunks splits ids into slices of at most size.
func chunks(ids []string, size int) [][]string {
	var out [][]string
	for len(ids) > size {
		out = append(out, ids[:size])
		ids = ids[size:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}
