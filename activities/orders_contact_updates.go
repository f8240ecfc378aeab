package activities

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/ordermap"
)

// updateContacts brings matched contacts up to date: lead status only if
// blank, last_purchase_date only forwards, vip_customer only ever set.
// It then associates matched contacts with their buyer's company. A
// contact created by this page is compared with the values it was created
// with, so it is updated only when another buyer matched it too (two
// Square customers sharing a phone, say).
func (p *orderPage) updateContacts(ctx context.Context) error {
	if err := p.readUnknownContacts(ctx); err != nil {
		return err
	}

	changes := map[string]map[string]string{}
	owners := map[string][]*buyer{}
	for _, b := range p.activeBuyers() {
		id := p.cp.Contacts[b.identity]
		if id == "" || p.cp.SettledContacts[id] {
			continue
		}
		owners[id] = append(owners[id], b)
		mergeChanges(changes, id, contactChanges(p.cp.ContactState[id], b))
	}

	ids := sortedKeys(changes)
	for _, chunk := range chunks(ids, hubspot.MaxBatchSize) {
		inputs := make([]hubspot.UpdateInput, len(chunk))
		for i, id := range chunk {
			inputs[i] = hubspot.UpdateInput{ID: id, Properties: changes[id]}
		}

		var res hubspot.BatchWriteResult
		err := p.measure("contacts: update", len(chunk), func() (err error) {
			res, err = p.a.HubSpot.BatchUpdate(ctx, objectContacts, inputs)
			return err
		})
		if err != nil {
			return err
		}

		for _, obj := range res.Objects {
			p.cp.SettledContacts[obj.ID] = true
		}
		p.wrote(objectContacts, 0, len(res.Objects))
		for _, e := range res.Errors {
			p.contactUpdateError(ctx, e, owners)
		}
		p.done(ctx)
	}
	p.settleContacts(sortedKeys(owners))
	return p.associateCompanies(ctx)
}

// settleContacts marks the page's contacts as needing no further update.
// It then drops the contact state used to decide updates, including that
// of contacts a phone search found for no buyer, to keep the checkpoint
// small. A retried attempt reads any contact it still needs.
func (p *orderPage) settleContacts(ids []string) {
	for _, id := range ids {
		p.cp.SettledContacts[id] = true
	}
	p.cp.ContactState = map[string]contactState{}
	p.cp.CreatedContacts = map[string]bool{}
}

// readUnknownContacts reads the contacts that were matched through a
// create conflict, whose current values are not known yet.
func (p *orderPage) readUnknownContacts(ctx context.Context) error {
	var ids []string
	for _, b := range p.activeBuyers() {
		id := p.cp.Contacts[b.identity]
		if id == "" || p.cp.CreatedContacts[id] || p.cp.SettledContacts[id] {
			continue
		}
		if _, known := p.cp.ContactState[id]; !known {
			ids = appendUnique(ids, id)
		}
	}

	for _, chunk := range chunks(ids, hubspot.MaxBatchSize) {
		var res hubspot.BatchReadResult
		err := p.measure("contacts: read by id", len(chunk), func() (err error) {
			res, err = p.a.HubSpot.BatchRead(ctx, objectContacts, "", chunk, contactLookupProps)
			return err
		})
		if err != nil {
			return err
		}
		for _, obj := range res.Found {
			p.rememberContact(obj)
		}
		for _, id := range res.NotFound {
			// Merged or deleted between the conflict and this read: the
			// next attempt looks the buyer up again.
			for _, b := range p.buyers {
				if p.cp.Contacts[b.identity] == id {
					delete(p.cp.Contacts, b.identity)
				}
			}
		}
		p.done(ctx)
		if len(res.NotFound) > 0 {
			return fmt.Errorf("contacts %s vanished after a create conflict; retrying the lookup", strings.Join(res.NotFound, ","))
		}
	}
	return nil
}

// contactChanges returns the properties to write on a matched contact.
func contactChanges(state contactState, b *buyer) map[string]string {
	changes := map[string]string{}
	if state.LeadStatus == "" {
		changes[leadStatusProp] = ordermap.LeadStatusSquarePOS
	}
	if b.purchaseDate != "" && b.purchaseDate > state.LastPurchase {
		changes[ordermap.PropLastPurchaseDate] = b.purchaseDate
	}
	if b.vip && !state.VIP {
		changes[ordermap.PropVIPCustomer] = "true"
	}
	return changes
}

// mergeChanges combines the changes of several buyers matched to one
// contact: the latest purchase date wins.
func mergeChanges(all map[string]map[string]string, id string, changes map[string]string) {
	if len(changes) == 0 {
		return
	}
	have := all[id]
	if have == nil {
		all[id] = changes
		return
	}
	for k, v := range changes {
		if k == ordermap.PropLastPurchaseDate && have[k] > v {
			continue
		}
		have[k] = v
	}
}

func (p *orderPage) contactUpdateError(ctx context.Context, e hubspot.InputError, owners map[string][]*buyer) {
	for _, id := range e.IDs {
		activity.GetLogger(ctx).Warn("HubSpot rejected a contact update", "hubspotID", id, "error", e.Message)
		for _, b := range owners[id] {
			p.failBuyer(b, "contact "+id+" update: "+describeInputError(e))
		}
	}
}

// associateCompanies links contacts to their buyers' companies with
// HubSpot's default association, except the pairs a contact create
// already associated inline; repeating it is harmless.
func (p *orderPage) associateCompanies(ctx context.Context) error {
	var pairs []hubspot.AssociationPair
	seen := map[string]bool{}
	for _, b := range p.activeBuyers() {
		contactID := p.cp.Contacts[b.identity]
		companyID := p.cp.Companies[b.companyKey]
		if contactID == "" || companyID == "" || b.companyKey == "" {
			continue
		}
		pair := contactID + "/" + companyID
		if !p.cp.Associated[pair] && !seen[pair] {
			seen[pair] = true
			pairs = append(pairs, hubspot.AssociationPair{FromID: contactID, ToID: companyID})
		}
	}

	for start := 0; start < len(pairs); start += hubspot.MaxBatchSize {
		batch := pairs[start:min(start+hubspot.MaxBatchSize, len(pairs))]
		err := p.measure("contacts: associate companies", len(batch), func() error {
			return p.a.HubSpot.BatchAssociateDefault(ctx, objectContacts, objectCompanies, batch)
		})
		var hubErr *hubspot.Error
		if errors.As(err, &hubErr) && hubErr.Kind == hubspot.KindNotFound {
			return p.forgetVanished(ctx, batch, err)
		}
		if err != nil {
			return err
		}
		for _, pair := range batch {
			p.cp.Associated[pair.FromID+"/"+pair.ToID] = true
		}
		p.done(ctx)
	}
	return nil
}

// forgetVanished handles an association batch that named a contact or
// company HubSpot no longer has, merged or deleted since this page looked
// it up. It drops the ids of that batch's contacts and companies and fails
// the attempt as retryable, so the next attempt looks them up again
// instead of the run failing on a not-found error.
func (p *orderPage) forgetVanished(ctx context.Context, batch []hubspot.AssociationPair, err error) error {
	pairs := map[string]bool{}
	for _, pair := range batch {
		pairs[pair.FromID+"/"+pair.ToID] = true
	}
	for _, b := range p.activeBuyers() {
		if pairs[p.cp.Contacts[b.identity]+"/"+p.cp.Companies[b.companyKey]] {
			delete(p.cp.Contacts, b.identity)
			delete(p.cp.Companies, b.companyKey)
		}
	}
	activity.GetLogger(ctx).Warn("A contact or company vanished before its association; looking them up again",
		"pairs", len(batch), "error", err)
	return temporal.NewApplicationError(
		"associate contacts with companies: "+err.Error()+"; the next attempt looks them up again",
		ErrorTypeTransient)
}

// hubSpotDate returns a HubSpot date property value as YYYY-MM-DD; HubSpot
// returns dates either that way or as epoch milliseconds at UTC midnight.
func hubSpotDate(value string) string {
	if value == "" || strings.Contains(value, "-") {
		if len(value) >= 10 {
			return value[:10]
		}
		return value
	}
	ms, err := strconv.ParseInt(value, 10, 64)
	if err != nil {
		return value
	}
	return time.UnixMilli(ms).UTC().Format(time.DateOnly)
}
