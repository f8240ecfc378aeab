package activities

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/ordermap"
	"github.com/stonecity/sync/report"
)

// Skip reasons of order sync.
const (
	skipAlreadySynced = "deal already exists"
	skipRaced         = "deal created by a concurrent run"
)

// orderCheckpoint is the heartbeated progress of one order page. Every map
// is keyed by a source id, so a retried attempt can tell finished work from
// pending work. Map iteration order never matters: stages sort their keys.
type orderCheckpoint struct {
	Cursor   string `json:"cursor"`
	OrderSet string `json:"orderSet"`

	// Existing maps an order id to its deal id; "" means no deal exists.
	Existing map[string]string `json:"existing"`
	// Companies maps a company key to its HubSpot id; "" means looked up
	// and not found.
	Companies map[string]string `json:"companies"`
	// Lookups maps a contact lookup key ("email:…", "phone:…",
	// "customer:…") to a contact id; "" means looked up and not found.
	Lookups map[string]string `json:"lookups"`
	// Contacts maps a buyer identity to its contact id.
	Contacts map[string]string `json:"contacts"`
	// ContactState keeps the fields of matched contacts that decide updates.
	ContactState map[string]contactState `json:"contactState"`
	// CreatedContacts lists the contacts this page created.
	CreatedContacts map[string]bool `json:"createdContacts"`
	// UpdatedContacts lists the contacts whose update was written.
	UpdatedContacts map[string]bool `json:"updatedContacts"`
	// Associated lists "contactID/companyID" pairs already associated.
	Associated map[string]bool `json:"associated"`
	// LineItems maps a line item uid to its HubSpot id.
	LineItems map[string]string `json:"lineItems"`
	// Deals maps an order id to the deal this page created.
	Deals map[string]string `json:"deals"`
	// Failed and Skipped map an order id to the reason.
	Failed  map[string]string `json:"failed"`
	Skipped map[string]string `json:"skipped"`

	Writes map[string]report.ObjectWrites `json:"writes"`
	Stages []report.StageCount            `json:"stages"`
	Calls  []apicalls.Count               `json:"calls"`
}

// contactState is what an update decision needs to know about a contact.
type contactState struct {
	LeadStatus   string `json:"leadStatus,omitempty"`
	LastPurchase string `json:"lastPurchase,omitempty"`
	VIP          bool   `json:"vip,omitempty"`
}

func newCheckpoint(cursor string) *orderCheckpoint {
	return &orderCheckpoint{
		Cursor:          cursor,
		Existing:        map[string]string{},
		Companies:       map[string]string{},
		Lookups:         map[string]string{},
		Contacts:        map[string]string{},
		ContactState:    map[string]contactState{},
		CreatedContacts: map[string]bool{},
		UpdatedContacts: map[string]bool{},
		Associated:      map[string]bool{},
		LineItems:       map[string]string{},
		Deals:           map[string]string{},
		Failed:          map[string]string{},
		Skipped:         map[string]string{},
		Writes:          map[string]report.ObjectWrites{},
	}
}

// restoreCheckpoint returns the progress heartbeated by an earlier attempt
// of the same page, or a fresh checkpoint.
func restoreCheckpoint(ctx context.Context, cursor string) *orderCheckpoint {
	if !activity.HasHeartbeatDetails(ctx) {
		return newCheckpoint(cursor)
	}
	restored := newCheckpoint(cursor)
	if err := activity.GetHeartbeatDetails(ctx, restored); err != nil || restored.Cursor != cursor {
		activity.GetLogger(ctx).Warn("Ignoring unreadable order page checkpoint", "cursor", cursor, "error", err)
		return newCheckpoint(cursor)
	}
	return restored
}

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
		calls := p.cp.Calls
		p.cp = newCheckpoint(p.in.Cursor)
		p.cp.Calls = calls
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

// hubSpotCalls returns the HubSpot calls made by this attempt so far.
func (p *orderPage) hubSpotCalls() int {
	return apicalls.Total(p.recorder.Counts(), apicalls.HubSpot)
}

// measure runs one HubSpot batch call of a stage and adds its calls and,
// when it succeeds, its records to the stage's counts.
func (p *orderPage) measure(stage string, records int, call func() error) error {
	before := p.hubSpotCalls()
	err := call()
	calls := p.hubSpotCalls() - before

	i := p.stageIndex(stage)
	p.cp.Stages[i].Calls += calls
	if err == nil {
		p.cp.Stages[i].Records += records
	}
	return err
}

func (p *orderPage) stageIndex(name string) int {
	for i, s := range p.cp.Stages {
		if s.Name == name {
			return i
		}
	}
	p.cp.Stages = append(p.cp.Stages, report.StageCount{Name: name})
	return len(p.cp.Stages) - 1
}

// wrote counts created or updated HubSpot objects of one type.
func (p *orderPage) wrote(object string, created, updated int) {
	w := p.cp.Writes[object]
	w.Object = object
	w.Created += created
	w.Updated += updated
	p.cp.Writes[object] = w
}

// fail records a permanent failure of one order, unless it already has one.
func (p *orderPage) fail(orderID, reason string) {
	if _, ok := p.cp.Failed[orderID]; !ok {
		p.cp.Failed[orderID] = reason
	}
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
	for _, dealID := range p.cp.Existing {
		if dealID != "" {
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
