package activities

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	square "github.com/square/square-go-sdk"
	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/ordermap"
)

// HubSpot object types written by order sync.
const (
	objectDeals     = "deals"
	objectContacts  = "contacts"
	objectCompanies = "companies"
	objectLineItems = "line_items"
)

// mapOrder maps one Square order to a deal, or records why it is skipped
// or invalid.
func (p *orderPage) mapOrder(ctx context.Context, index int, o *square.Order, s ordermap.Settings) {
	deal, err := ordermap.MapOrder(o, s)
	if err == nil {
		p.deals = append(p.deals, deal)
		for i, line := range deal.Lines {
			p.lines[line.UID] = lineRef{orderID: deal.OrderID, index: i, count: len(deal.Lines)}
		}
		return
	}

	id := deref(o.ID)
	if id == "" {
		id = "page position " + strconv.Itoa(index)
	}
	var skip *ordermap.SkipError
	if errors.As(err, &skip) {
		p.cp.Skipped[id] = skip.Reason
		return
	}
	activity.GetLogger(ctx).Warn("Square order is invalid", "orderID", id, "error", err)
	p.fail(id, err.Error())
}

// readExistingDeals looks the page's orders up by the unique
// square_order_id property. Batch reads see a write at once; the search
// API lags writes and must never decide whether a deal exists.
func (p *orderPage) readExistingDeals(ctx context.Context) error {
	var ids []string
	seen := map[string]bool{}
	for _, d := range p.deals {
		if _, done := p.cp.Existing[d.OrderID]; !done && !seen[d.OrderID] {
			seen[d.OrderID] = true
			ids = append(ids, d.OrderID)
		}
	}

	for _, chunk := range chunks(ids, hubspot.MaxBatchSize) {
		var res hubspot.BatchReadResult
		err := p.measure("deals: read by square_order_id", len(chunk), func() (err error) {
			res, err = p.a.HubSpot.BatchRead(ctx, objectDeals, ordermap.PropSquareOrderID, chunk,
				[]string{ordermap.PropSquareOrderID})
			return err
		})
		if err != nil {
			return err
		}
		for _, id := range chunk {
			p.cp.Existing[id] = ""
		}
		for _, obj := range res.Found {
			if orderID := obj.Properties[ordermap.PropSquareOrderID]; orderID != "" {
				p.cp.Existing[orderID] = obj.ID
			}
		}
		p.done(ctx)
	}
	return nil
}

// loadSKUs fetches the SKUs of the catalog variations that pending line
// items reference.
func (p *orderPage) loadSKUs(ctx context.Context) error {
	var ids []string
	seen := map[string]bool{}
	for _, d := range p.deals {
		if !p.pending(d.OrderID) {
			continue
		}
		for _, line := range d.Lines {
			id := line.CatalogObjectID
			if id != "" && p.lineItemID(line.UID) == "" && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}

	objects, err := p.a.Square.BatchRetrieveCatalogObjects(ctx, ids)
	if err != nil {
		return fmt.Errorf("fetch Square catalog variations: %w", err)
	}
	for id, obj := range objects {
		if sku := obj.GetItemVariation().GetItemVariationData().GetSku(); sku != nil && *sku != "" {
			p.skus[id] = *sku
		}
	}
	return nil
}

// createLineItems creates the line items of pending deals, unassociated:
// the deal is created last, with inline associations to them, so an
// existing deal always has its line items. The unique
// square_line_item_uid makes a re-created line item a conflict that names
// the existing one.
func (p *orderPage) createLineItems(ctx context.Context) error {
	type pendingLine struct {
		orderID string
		line    ordermap.LineItem
	}
	var lines []pendingLine
	for _, d := range p.deals {
		if !p.pending(d.OrderID) {
			continue
		}
		for _, line := range d.Lines {
			if p.lineItemID(line.UID) == "" {
				lines = append(lines, pendingLine{d.OrderID, line})
			}
		}
	}

	for start := 0; start < len(lines); start += hubspot.MaxBatchSize {
		batch := lines[start:min(start+hubspot.MaxBatchSize, len(lines))]
		inputs := make([]hubspot.CreateInput, len(batch))
		for i, pl := range batch {
			props := copyProps(pl.line.Properties)
			if sku := p.skus[pl.line.CatalogObjectID]; sku != "" {
				props["hs_sku"] = sku
			}
			inputs[i] = hubspot.CreateInput{Properties: props, TraceID: pl.line.UID}
		}

		resent := p.sendCreates(objectLineItems, inputs)
		var res hubspot.BatchWriteResult
		err := p.measure("line items: create", len(batch), func() (err error) {
			res, err = p.a.HubSpot.BatchCreate(ctx, objectLineItems, inputs)
			return err
		})
		if err != nil {
			return err
		}
		p.clearSent(objectLineItems, inputs)

		created := 0
		for _, obj := range res.Objects {
			if uid := obj.Properties[ordermap.PropLineItemUID]; uid != "" {
				p.setLineItemID(uid, obj.ID)
				created++
			}
		}
		p.wrote(objectLineItems, created, 0)
		for _, e := range res.Errors {
			p.lineItemError(ctx, e, batch[traceIndex(e.TraceID, inputs)].orderID, resent[e.TraceID])
		}
		for _, pl := range batch {
			if p.lineItemID(pl.line.UID) == "" {
				p.fail(pl.orderID, "line item "+pl.line.UID+": HubSpot returned neither the line item nor an error")
			}
		}
		p.done(ctx)
	}
	return nil
}

// lineItemError handles one rejected line item. A conflict names the line
// item an earlier attempt created, which this page's own lost call made
// when resent is set. Any other error fails the order.
func (p *orderPage) lineItemError(ctx context.Context, e hubspot.InputError, orderID string, resent bool) {
	if e.Kind == hubspot.KindConflict && e.ExistingID != "" {
		p.setLineItemID(e.TraceID, e.ExistingID)
		if resent {
			p.wrote(objectLineItems, 1, 0)
		}
		return
	}
	activity.GetLogger(ctx).Warn("HubSpot rejected a line item", "orderID", orderID, "error", e.Message)
	p.fail(orderID, "line item "+e.TraceID+": "+describeInputError(e))
}

// createDeals creates the pending deals with inline associations to their
// contact, company and line items. A unique-value conflict on
// square_order_id means another run created the deal first: a skip.
func (p *orderPage) createDeals(ctx context.Context) error {
	var pending []ordermap.Deal
	for _, d := range p.deals {
		if p.pending(d.OrderID) {
			pending = append(pending, d)
		}
	}

	for start := 0; start < len(pending); start += hubspot.MaxBatchSize {
		batch := pending[start:min(start+hubspot.MaxBatchSize, len(pending))]
		inputs := make([]hubspot.CreateInput, len(batch))
		for i, d := range batch {
			inputs[i] = hubspot.CreateInput{
				Properties:   copyProps(d.Properties),
				Associations: p.dealAssociations(d),
				TraceID:      d.OrderID,
			}
		}

		resent := p.sendCreates(objectDeals, inputs)
		var res hubspot.BatchWriteResult
		err := p.measure("deals: create", len(batch), func() (err error) {
			res, err = p.a.HubSpot.BatchCreate(ctx, objectDeals, inputs)
			return err
		})
		if err != nil {
			return err
		}
		p.clearSent(objectDeals, inputs)

		for _, obj := range res.Objects {
			if orderID := obj.Properties[ordermap.PropSquareOrderID]; orderID != "" {
				p.dealCreated(orderID, obj.ID)
			}
		}
		p.wrote(objectDeals, len(res.Objects), 0)
		for _, e := range res.Errors {
			p.dealError(ctx, e, resent[e.TraceID])
		}
		for _, d := range batch {
			if p.pending(d.OrderID) {
				p.fail(d.OrderID, "deal: HubSpot returned neither the deal nor an error")
			}
		}
		p.done(ctx)
	}
	return nil
}

// dealCreated records an order's deal and drops the ids of its line
// items, which only the deal create needed, to keep the checkpoint small.
func (p *orderPage) dealCreated(orderID, dealID string) {
	p.cp.Deals[orderID] = dealID
	delete(p.cp.LineItems, orderID)
}

// dealError handles one rejected deal. A conflict on square_order_id is
// the deal of this page's own lost call when resent is set, and else a
// deal another run created first: a skip.
func (p *orderPage) dealError(ctx context.Context, e hubspot.InputError, resent bool) {
	orderID := e.TraceID
	if e.Kind == hubspot.KindConflict {
		if resent && e.ExistingID != "" {
			p.dealCreated(orderID, e.ExistingID)
			p.wrote(objectDeals, 1, 0)
			return
		}
		p.cp.Skipped[orderID] = skipRaced
		return
	}
	activity.GetLogger(ctx).Warn("HubSpot rejected a deal", "orderID", orderID, "error", e.Message)
	p.fail(orderID, "deal: "+describeInputError(e))
}

// dealAssociations links a deal to its contact, company and line items.
func (p *orderPage) dealAssociations(d ordermap.Deal) []hubspot.Association {
	var out []hubspot.Association
	if b := p.buyerOf[d.OrderID]; b != nil {
		if contactID := p.cp.Contacts[b.identity]; contactID != "" {
			out = append(out, hubspot.Association{ToID: contactID, TypeID: hubspot.DealToContact})
		}
		if companyID := p.cp.Companies[b.companyKey]; b.companyKey != "" && companyID != "" {
			out = append(out, hubspot.Association{ToID: companyID, TypeID: hubspot.DealToCompany})
		}
	}
	for _, line := range d.Lines {
		if id := p.lineItemID(line.UID); id != "" {
			out = append(out, hubspot.Association{ToID: id, TypeID: hubspot.DealToLineItem})
		}
	}
	return out
}

// describeInputError names the rejected property and HubSpot's reason.
func describeInputError(e hubspot.InputError) string {
	msg := e.Message
	if e.Property != "" {
		msg = "property " + e.Property + ": " + msg
	}
	if e.Code != "" {
		msg += " (" + e.Code + ")"
	}
	return msg
}

// traceIndex returns the index of the input with the given trace id, or 0.
func traceIndex(traceID string, inputs []hubspot.CreateInput) int {
	for i, in := range inputs {
		if in.TraceID == traceID {
			return i
		}
	}
	return 0
}

func copyProps(props map[string]string) map[string]string {
	out := make(map[string]string, len(props)+1)
	for k, v := range props {
		out[k] = v
	}
	return out
}
