package activities

import (
	"context"
	"strconv"
	"strings"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/normalize"
	"github.com/stonecity/sync/ordermap"
)

// companySearchKeys is the number of company keys per search: three
// filter groups of up to this many values each stay well inside one
// 200-result page for ordinary data.
const companySearchKeys = 50

var companyLookupProps = []string{"name", "domain", ordermap.PropCompanyKey}

// resolveCompanies finds or creates the HubSpot company of every buyer
// that has one. Existing companies are found by search (they predate this
// run, so the search index has them); companies this product creates carry
// the unique square_company_key, so a create that repeats one after a lost
// checkpoint, or before the index caught up, conflicts and names the
// existing company instead of duplicating it.
//
// A key maps to "" once searched and not found, so a retried attempt
// skips the search but still creates the company if no earlier attempt
// did.
func (p *orderPage) resolveCompanies(ctx context.Context) error {
	byKey := map[string]*buyer{}
	for _, b := range p.activeBuyers() {
		if b.companyKey != "" && p.cp.Companies[b.companyKey] == "" {
			byKey[b.companyKey] = b
		}
	}
	var unsearched []string
	for _, key := range sortedKeys(byKey) {
		if _, searched := p.cp.Companies[key]; !searched {
			unsearched = append(unsearched, key)
		}
	}

	for _, chunk := range chunks(unsearched, companySearchKeys) {
		if err := p.searchCompanies(ctx, chunk, byKey); err != nil {
			return err
		}
	}
	return p.createCompanies(ctx, byKey)
}

// searchCompanies looks up one chunk of company keys.
func (p *orderPage) searchCompanies(ctx context.Context, keys []string, byKey map[string]*buyer) error {
	var domains, names []string
	for _, key := range keys {
		b := byKey[key]
		if b.companyDomain != "" {
			domains = append(domains, b.companyDomain)
			continue
		}
		// IN compares lower-cased strings exactly, so send both the name as
		// the buyer wrote it and its normalised form; the normalised
		// comparison below decides.
		names = appendUnique(names, strings.ToLower(b.companyName))
		names = appendUnique(names, strings.TrimPrefix(key, "name:"))
	}

	groups := []hubspot.FilterGroup{{Filters: []hubspot.Filter{
		{PropertyName: ordermap.PropCompanyKey, Operator: "IN", Values: keys},
	}}}
	if len(domains) > 0 {
		groups = append(groups, hubspot.FilterGroup{Filters: []hubspot.Filter{
			{PropertyName: "domain", Operator: "IN", Values: domains},
		}})
	}
	if len(names) > 0 {
		groups = append(groups, hubspot.FilterGroup{Filters: []hubspot.Filter{
			{PropertyName: "name", Operator: "IN", Values: names},
		}})
	}

	var found []hubspot.Object
	err := p.measure("companies: search", len(keys), func() error {
		found = found[:0]
		return p.a.HubSpot.SearchAll(ctx, objectCompanies, hubspot.SearchRequest{
			FilterGroups: groups,
			Properties:   companyLookupProps,
		}, func(o hubspot.Object) error {
			found = append(found, o)
			return nil
		})
	})
	if err != nil {
		return err
	}

	for _, key := range keys {
		p.cp.Companies[key] = matchCompany(key, found)
	}
	p.done(ctx)
	return nil
}

// matchCompany returns the id of the company a key names: a company this
// product created with that key, else one with the same domain or
// normalised name. Among several, the oldest (lowest id) wins.
func matchCompany(key string, companies []hubspot.Object) string {
	best := ""
	for _, c := range companies {
		if c.Properties[ordermap.PropCompanyKey] == key {
			return c.ID
		}
		if companyMatches(key, c) && (best == "" || lessID(c.ID, best)) {
			best = c.ID
		}
	}
	return best
}

func companyMatches(key string, c hubspot.Object) bool {
	if domain, ok := strings.CutPrefix(key, "domain:"); ok {
		have := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(c.Properties["domain"])), "www.")
		return have == domain
	}
	name := strings.TrimPrefix(key, "name:")
	return normalize.CompanyName(c.Properties["name"]) == name
}

// createCompanies creates the companies no lookup found.
func (p *orderPage) createCompanies(ctx context.Context, byKey map[string]*buyer) error {
	var missing []string
	for _, key := range sortedKeys(byKey) {
		if p.cp.Companies[key] == "" {
			missing = append(missing, key)
		}
	}

	for _, chunk := range chunks(missing, hubspot.MaxBatchSize) {
		inputs := make([]hubspot.CreateInput, len(chunk))
		for i, key := range chunk {
			b := byKey[key]
			props := map[string]string{"name": b.companyName, ordermap.PropCompanyKey: key}
			if b.companyDomain != "" {
				props["domain"] = b.companyDomain
			}
			inputs[i] = hubspot.CreateInput{Properties: props, TraceID: key}
		}

		resent := p.sendCreates(objectCompanies, inputs)
		var res hubspot.BatchWriteResult
		err := p.measure("companies: create", len(chunk), func() (err error) {
			res, err = p.a.HubSpot.BatchCreate(ctx, objectCompanies, inputs)
			return err
		})
		if err != nil {
			return err
		}
		p.clearSent(objectCompanies, inputs)

		for _, obj := range res.Objects {
			if key := obj.Properties[ordermap.PropCompanyKey]; key != "" {
				p.cp.Companies[key] = obj.ID
			}
		}
		p.wrote(objectCompanies, len(res.Objects), 0)
		for _, e := range res.Errors {
			p.companyError(ctx, e, byKey[e.TraceID], resent[e.TraceID])
		}
		p.done(ctx)
	}
	return nil
}

// companyError handles one rejected company. A conflict on
// square_company_key names the company an earlier create made, and
// resent reports whether that create was this page's own lost call. Any other
// error fails the orders of every buyer with that company.
func (p *orderPage) companyError(ctx context.Context, e hubspot.InputError, b *buyer, resent bool) {
	if e.Kind == hubspot.KindConflict && e.ExistingID != "" {
		p.cp.Companies[e.TraceID] = e.ExistingID
		if resent {
			p.wrote(objectCompanies, 1, 0)
		}
		return
	}
	if b == nil {
		activity.GetLogger(ctx).Error("HubSpot rejected a company that is not in the batch",
			"companyKey", e.TraceID, "error", e.Message)
		return
	}
	activity.GetLogger(ctx).Warn("HubSpot rejected a company", "companyKey", e.TraceID, "error", e.Message)
	reason := "company " + b.companyKey + ": " + describeInputError(e)
	for _, other := range p.buyers {
		if other.companyKey == b.companyKey {
			p.failBuyer(other, reason)
		}
	}
}

// lessID compares numeric HubSpot ids.
func lessID(a, b string) bool {
	x, errA := strconv.ParseInt(a, 10, 64)
	y, errB := strconv.ParseInt(b, 10, 64)
	if errA != nil || errB != nil {
		return a < b
	}
	return x < y
}

func appendUnique(list []string, v string) []string {
	if v == "" {
		return list
	}
	for _, existing := range list {
		if existing == v {
			return list
		}
	}
	return append(list, v)
}
