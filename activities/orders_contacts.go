package activities

import (
	"context"
	"strings"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/normalize"
	"github.com/stonecity/sync/ordermap"
)

// leadStatusProp is HubSpot's standard lead status property.
const leadStatusProp = "hs_lead_status"

var contactLookupProps = []string{
	"email", "phone", "mobilephone", leadStatusProp,
	ordermap.PropLastPurchaseDate, ordermap.PropVIPCustomer,
	ordermap.PropPhoneE164, ordermap.PropSquareCustomerID,
}

// resolveContacts matches every buyer to a HubSpot contact, by e-mail
// first, then by phone, then (for buyers with neither) by Square customer
// id, and creates the contacts nobody matched.
func (p *orderPage) resolveContacts(ctx context.Context) error {
	if err := p.lookupByEmail(ctx); err != nil {
		return err
	}
	if err := p.lookupByPhone(ctx); err != nil {
		return err
	}
	if err := p.lookupByCustomerID(ctx); err != nil {
		return err
	}
	for _, b := range p.activeBuyers() {
		if id := p.matchedContact(b); id != "" {
			p.cp.Contacts[b.identity] = id
		}
	}
	if err := p.createContacts(ctx); err != nil {
		return err
	}
	// Every active buyer has its contact now, and a buyer with a contact is
	// never looked up again, so the lookups can leave the checkpoint.
	p.cp.Lookups = map[string]string{}
	return nil
}

// matchedContact returns the contact a buyer's lookups found, or "".
func (p *orderPage) matchedContact(b *buyer) string {
	if id := p.cp.Contacts[b.identity]; id != "" {
		return id
	}
	if b.emailKey != "" {
		if id := p.cp.Lookups["email:"+b.emailKey]; id != "" {
			return id
		}
	}
	if b.phoneKey != "" {
		if id := p.cp.Lookups["phone:"+b.phoneKey]; id != "" {
			return id
		}
	}
	for _, customerID := range b.customerIDs {
		if id := p.cp.Lookups["customer:"+customerID]; id != "" {
			return id
		}
	}
	return ""
}

// lookupByEmail batch-reads contacts by e-mail, HubSpot's unique contact
// key; reads see writes at once.
func (p *orderPage) lookupByEmail(ctx context.Context) error {
	var emails []string
	for _, b := range p.activeBuyers() {
		if b.emailKey != "" && p.cp.Contacts[b.identity] == "" {
			if _, done := p.cp.Lookups["email:"+b.emailKey]; !done {
				emails = appendUnique(emails, b.emailKey)
			}
		}
	}
	return p.batchLookup(ctx, "contacts: read by email", "email", "email:", emails)
}

// lookupByCustomerID batch-reads contacts by the unique
// square_customer_id, for buyers with no usable e-mail or phone.
func (p *orderPage) lookupByCustomerID(ctx context.Context) error {
	var ids []string
	for _, b := range p.activeBuyers() {
		if b.emailKey != "" || b.phoneKey != "" || p.matchedContact(b) != "" {
			continue
		}
		for _, id := range b.customerIDs {
			if _, done := p.cp.Lookups["customer:"+id]; !done {
				ids = appendUnique(ids, id)
			}
		}
	}
	return p.batchLookup(ctx, "contacts: read by square_customer_id", ordermap.PropSquareCustomerID, "customer:", ids)
}

// batchLookup reads contacts by a unique property and records each value's
// contact id ("" when none) under prefix+value.
func (p *orderPage) batchLookup(ctx context.Context, stage, idProperty, prefix string, values []string) error {
	for _, chunk := range chunks(values, hubspot.MaxBatchSize) {
		var res hubspot.BatchReadResult
		err := p.measure(stage, len(chunk), func() (err error) {
			res, err = p.a.HubSpot.BatchRead(ctx, objectContacts, idProperty, chunk, contactLookupProps)
			return err
		})
		if err != nil {
			return err
		}

		for _, v := range chunk {
			p.cp.Lookups[prefix+v] = ""
		}
		for _, obj := range res.Found {
			p.rememberContact(obj)
			value := obj.Properties[idProperty]
			if idProperty == "email" {
				value, _ = normalize.Email(value)
			}
			if value != "" {
				p.cp.Lookups[prefix+value] = obj.ID
			}
		}
		p.done(ctx)
	}
	return nil
}

// lookupByPhone searches contacts by the national number HubSpot derives
// from their phone and mobile phone, then compares full E.164 numbers, so
// numbers that differ only in country code never match each other.
// Contacts created by this product may be missing from the lagging index;
// they carry the unique phone_e164, so creating them again conflicts
// instead of duplicating.
func (p *orderPage) lookupByPhone(ctx context.Context) error {
	byNational := map[string][]string{}
	for _, b := range p.activeBuyers() {
		if b.phoneKey == "" || p.matchedContact(b) != "" {
			continue
		}
		if _, done := p.cp.Lookups["phone:"+b.phoneKey]; !done {
			national := normalize.NationalNumber(b.phoneKey)
			byNational[national] = appendUnique(byNational[national], b.phoneKey)
		}
	}

	for _, chunk := range chunks(sortedKeys(byNational), hubspot.MaxBatchSize) {
		found, err := p.searchPhones(ctx, chunk)
		if err != nil {
			return err
		}

		wanted := map[string]bool{}
		for _, national := range chunk {
			for _, e164 := range byNational[national] {
				wanted[e164] = true
				p.cp.Lookups["phone:"+e164] = ""
			}
		}
		for _, obj := range found {
			p.rememberContact(obj)
			for _, field := range []string{"phone", "mobilephone"} {
				e164, ok := normalize.Phone(obj.Properties[field])
				key := "phone:" + e164
				if !ok || !wanted[e164] {
					continue
				}
				if have := p.cp.Lookups[key]; have == "" || lessID(obj.ID, have) {
					p.cp.Lookups[key] = obj.ID
				}
			}
		}
		p.done(ctx)
	}
	return nil
}

// searchPhones returns the contacts whose phone or mobile phone has one of
// the national numbers.
func (p *orderPage) searchPhones(ctx context.Context, nationals []string) ([]hubspot.Object, error) {
	var found []hubspot.Object
	err := p.measure("contacts: search by phone", len(nationals), func() error {
		found = found[:0]
		return p.a.HubSpot.SearchAll(ctx, objectContacts, hubspot.SearchRequest{
			FilterGroups: []hubspot.FilterGroup{
				{Filters: []hubspot.Filter{{
					PropertyName: "hs_searchable_calculated_phone_number", Operator: "IN", Values: nationals,
				}}},
				{Filters: []hubspot.Filter{{
					PropertyName: "hs_searchable_calculated_mobile_number", Operator: "IN", Values: nationals,
				}}},
			},
			Properties: contactLookupProps,
		}, func(o hubspot.Object) error {
			found = append(found, o)
			return nil
		})
	})
	return found, err
}

// rememberContact keeps the fields that decide a matched contact's update.
func (p *orderPage) rememberContact(obj hubspot.Object) {
	p.cp.ContactState[obj.ID] = contactState{
		LeadStatus:   obj.Properties[leadStatusProp],
		LastPurchase: hubSpotDate(obj.Properties[ordermap.PropLastPurchaseDate]),
		VIP:          strings.EqualFold(obj.Properties[ordermap.PropVIPCustomer], "true"),
	}
}

// createContacts creates a contact for every buyer no lookup matched, with
// lead status SQUARE_POS and an inline association to the buyer's company.
// hs_marketable_status is never sent: HubSpot makes it read-only, and the
// portal's integration setting decides whether API-created contacts are
// marketing contacts.
func (p *orderPage) createContacts(ctx context.Context) error {
	var missing []*buyer
	for _, b := range p.activeBuyers() {
		if p.cp.Contacts[b.identity] == "" {
			missing = append(missing, b)
		}
	}

	for start := 0; start < len(missing); start += hubspot.MaxBatchSize {
		batch := missing[start:min(start+hubspot.MaxBatchSize, len(missing))]
		inputs := make([]hubspot.CreateInput, len(batch))
		byTrace := map[string]*buyer{}
		for i, b := range batch {
			inputs[i] = p.contactInput(b)
			byTrace[b.identity] = b
		}

		resent := p.sendCreates(objectContacts, inputs)
		var res hubspot.BatchWriteResult
		err := p.measure("contacts: create", len(batch), func() (err error) {
			res, err = p.a.HubSpot.BatchCreate(ctx, objectContacts, inputs)
			return err
		})
		if err != nil {
			return err
		}
		p.clearSent(objectContacts, inputs)

		for _, obj := range res.Objects {
			if b := createdBuyer(obj, byTrace); b != nil {
				p.contactCreated(b, obj.ID)
			}
		}
		p.wrote(objectContacts, len(res.Objects), 0)
		for _, e := range res.Errors {
			p.contactError(ctx, e, byTrace[e.TraceID], resent[e.TraceID])
		}
		p.failMissingContacts(batch)
		p.done(ctx)
	}
	return nil
}

func (p *orderPage) contactInput(b *buyer) hubspot.CreateInput {
	props := copyProps(b.props)
	props[leadStatusProp] = ordermap.LeadStatusSquarePOS
	if b.purchaseDate != "" {
		props[ordermap.PropLastPurchaseDate] = b.purchaseDate
	}
	if b.vip {
		props[ordermap.PropVIPCustomer] = "true"
	}
	in := hubspot.CreateInput{Properties: props, TraceID: b.identity}
	if companyID := p.cp.Companies[b.companyKey]; b.companyKey != "" && companyID != "" {
		in.Associations = []hubspot.Association{{ToID: companyID, TypeID: hubspot.ContactToCompany}}
	}
	return in
}

// contactCreated records a contact created for b with the values that
// contactInput wrote, so that other buyers matched to the same contact
// (through a shared phone, say) are compared against them in
// updateContacts.
func (p *orderPage) contactCreated(b *buyer, id string) {
	p.cp.Contacts[b.identity] = id
	p.cp.CreatedContacts[id] = true
	p.cp.ContactState[id] = contactState{
		LeadStatus:   ordermap.LeadStatusSquarePOS,
		LastPurchase: b.purchaseDate,
		VIP:          b.vip,
	}
	if companyID := p.cp.Companies[b.companyKey]; b.companyKey != "" && companyID != "" {
		p.cp.Associated[id+"/"+companyID] = true
	}
}

// createdBuyer finds the buyer a created contact belongs to by the
// identity keys it was created with.
func createdBuyer(obj hubspot.Object, byTrace map[string]*buyer) *buyer {
	if email, ok := normalize.Email(obj.Properties["email"]); ok {
		if b := byTrace["email:"+email]; b != nil {
			return b
		}
	}
	if b := byTrace["phone:"+obj.Properties[ordermap.PropPhoneE164]]; b != nil {
		return b
	}
	return byTrace["customer:"+obj.Properties[ordermap.PropSquareCustomerID]]
}

// contactError handles one rejected contact. A conflict on e-mail,
// phone_e164 or square_customer_id names the contact that already has the
// buyer's key: the buyer matches it. resent reports whether that contact
// is the one an earlier attempt's lost call created.
func (p *orderPage) contactError(ctx context.Context, e hubspot.InputError, b *buyer, resent bool) {
	if b == nil {
		activity.GetLogger(ctx).Error("HubSpot rejected a contact that is not in the batch",
			"traceID", e.TraceID, "error", e.Message)
		return
	}
	if e.Kind == hubspot.KindConflict && e.ExistingID != "" {
		p.cp.Contacts[b.identity] = e.ExistingID
		if resent {
			p.wrote(objectContacts, 1, 0)
		}
		return
	}
	activity.GetLogger(ctx).Warn("HubSpot rejected a contact", "customerID", strings.Join(b.customerIDs, ","),
		"error", e.Message)
	p.failBuyer(b, "contact for Square customer "+strings.Join(b.customerIDs, ",")+": "+describeInputError(e))
}

// failMissingContacts fails the buyers of a create batch whose response
// had neither their contact nor an error, so that their orders are
// reported instead of getting deals without their contact.
func (p *orderPage) failMissingContacts(batch []*buyer) {
	for _, b := range batch {
		if p.cp.Contacts[b.identity] == "" {
			p.failBuyer(b, "contact for Square customer "+strings.Join(b.customerIDs, ",")+
				": HubSpot returned neither the contact nor an error")
		}
	}
}
