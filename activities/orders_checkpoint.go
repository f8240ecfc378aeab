package activities

import (
	"context"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/report"
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
	// ContactState keeps the fields of matched contacts that decide updates,
	// until the contact is settled.
	ContactState map[string]contactState `json:"contactState"`
	// CreatedContacts lists the contacts this page created, until they are
	// settled.
	CreatedContacts map[string]bool `json:"createdContacts"`
	// SettledContacts lists the contacts whose update is written or was
	// not needed.
	SettledContacts map[string]bool `json:"settledContacts"`
	// Associated lists "contactID/companyID" pairs already associated.
	Associated map[string]bool `json:"associated"`
	// LineItems maps an order id to the HubSpot ids of its line items by
	// line position ("" for a line not created yet), until its deal
	// exists. Keying by order keeps the checkpoint of a 1,000-order page
	// well below Temporal's payload limits.
	LineItems map[string][]string `json:"lineItemIds"`
	// Deals maps an order id to the deal this page created.
	Deals map[string]string `json:"deals"`
	// Failed and Skipped map an order id to the reason.
	Failed  map[string]string `json:"failed"`
	Skipped map[string]string `json:"skipped"`
	// Sent lists the creates ("<object type>/<trace id>") whose batch was
	// sent without a readable response: none at all, or an error status
	// after which HubSpot may still have applied it. When a retry of one of
	// them hits a unique-value conflict, the record counts as created by
	// this page.
	//
	// NOTE: a record that another run created while this page's response
	// was lost counts here too, so a lost response during a race can count
	// one record in both runs.
	Sent map[string]bool `json:"sent,omitempty"`

	Writes map[string]report.ObjectWrites `json:"writes"`
	Stages []report.StageCount            `json:"stages"`
	Calls  []apicalls.Count               `json:"calls"`
}

// contactState is the part of a contact that decides its update.
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
		SettledContacts: map[string]bool{},
		Associated:      map[string]bool{},
		LineItems:       map[string][]string{},
		Deals:           map[string]string{},
		Failed:          map[string]string{},
		Skipped:         map[string]string{},
		Sent:            map[string]bool{},
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

// restartCheckpoint returns a fresh checkpoint for a page whose orders
// changed. What earlier attempts did stays counted: their calls, the
// objects they wrote, the deals they created and the creates whose
// response was lost.
func restartCheckpoint(old *orderCheckpoint) *orderCheckpoint {
	cp := newCheckpoint(old.Cursor)
	cp.Calls = old.Calls
	cp.Stages = old.Stages
	for object, w := range old.Writes {
		cp.Writes[object] = w
	}
	for orderID, dealID := range old.Deals {
		cp.Deals[orderID] = dealID
	}
	for key := range old.Sent {
		cp.Sent[key] = true
	}
	return cp
}

// lineRef is the place of a line item in the page: its order and its
// position among the order's lines.
type lineRef struct {
	orderID string
	index   int
	count   int
}

// lineItemID returns the HubSpot id of a line item, or "" when it has
// none yet.
func (p *orderPage) lineItemID(uid string) string {
	ref, ok := p.lines[uid]
	if !ok {
		return ""
	}
	ids := p.cp.LineItems[ref.orderID]
	if ref.index >= len(ids) {
		return ""
	}
	return ids[ref.index]
}

// setLineItemID records the HubSpot id of a line item of the page.
func (p *orderPage) setLineItemID(uid, id string) {
	ref, ok := p.lines[uid]
	if !ok {
		return
	}
	ids := p.cp.LineItems[ref.orderID]
	if len(ids) < ref.count {
		grown := make([]string, ref.count)
		copy(grown, ids)
		ids = grown
	}
	ids[ref.index] = id
	p.cp.LineItems[ref.orderID] = ids
}

// sendCreates marks the creates of one batch as sent before the call and
// returns which of them an earlier attempt had sent without getting the
// response.
func (p *orderPage) sendCreates(object string, inputs []hubspot.CreateInput) map[string]bool {
	resent := map[string]bool{}
	for _, in := range inputs {
		key := object + "/" + in.TraceID
		if p.cp.Sent[key] {
			resent[in.TraceID] = true
		}
		p.cp.Sent[key] = true
	}
	return resent
}

// clearSent removes the sent marks of a batch whose response arrived.
func (p *orderPage) clearSent(object string, inputs []hubspot.CreateInput) {
	for _, in := range inputs {
		delete(p.cp.Sent, object+"/"+in.TraceID)
	}
}
