package activities

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/customermap"
	"github.com/stonecity/sync/normalize"
)

// activeStatus is SPS's status of customers in business.
const activeStatus = "Active"

// CustomerActivities syncs SPS customers into HubSpot companies.
type CustomerActivities struct {
	HubSpot *hubspot.Client
	SPS     *sps.Client
	// indexes caches the index of pre-existing HubSpot companies per run.
	indexes *companyIndexCache
}

// NewCustomerActivities returns the customer sync activities.
func NewCustomerActivities(hub *hubspot.Client, spsClient *sps.Client) *CustomerActivities {
	return &CustomerActivities{HubSpot: hub, SPS: spsClient, indexes: newCompanyIndexCache()}
}

// DiscoverSalesReps probes the first page of active customers and returns
// the distinct sales reps in it, grouped by normalised name. The probe is
// a sample: customers of a rep it misses are read by the sweep child.
func (a *CustomerActivities) DiscoverSalesReps(ctx context.Context) (DiscoverRepsResult, error) {
	recorder := apicalls.NewRecorder()
	ctx = apicalls.WithRecorder(ctx, recorder)

	page, err := a.SPS.QueryCustomers(ctx, sps.CustomerFilter{Status: activeStatus}, 1, sps.MaxPageSize)
	if err != nil {
		return DiscoverRepsResult{}, temporalError(fmt.Errorf("probe SPS active customers: %w", err), false)
	}

	names := map[string]map[string]bool{}
	for _, c := range page.Records {
		key := customermap.RepKey(c.SalesRepName)
		if key == "" {
			continue
		}
		if names[key] == nil {
			names[key] = map[string]bool{}
		}
		names[key][c.SalesRepName] = true
	}

	res := DiscoverRepsResult{TotalActive: page.TotalCount, APICalls: recorder.Counts()}
	for _, key := range sortedKeys(names) {
		res.Reps = append(res.Reps, RepGroup{Key: key, Names: sortedKeys(names[key])})
	}
	return res, nil
}

// FetchCustomerPage reads one page of active customers and classifies and
// maps each one.
func (a *CustomerActivities) FetchCustomerPage(ctx context.Context, in CustomerPageInput) (CustomerPageResult, error) {
	recorder := apicalls.NewRecorder()
	ctx = apicalls.WithRecorder(ctx, recorder)
	if in.Page < 1 {
		return CustomerPageResult{}, permanent(ErrorTypeInvalid, "customer page number must be 1 or more, got %d", in.Page)
	}

	filter := sps.CustomerFilter{Status: activeStatus, SalesRepName: in.SalesRepName}
	page, err := a.SPS.QueryCustomers(ctx, filter, in.Page, sps.MaxPageSize)
	if err != nil {
		return CustomerPageResult{}, temporalError(
			fmt.Errorf("query SPS customers of rep %q, page %d: %w", in.SalesRepName, in.Page, err), false)
	}

	covered := map[string]bool{}
	for _, name := range in.CoveredNames {
		covered[name] = true
	}
	res := CustomerPageResult{}
	for _, c := range page.Records {
		if in.Sweep && covered[c.SalesRepName] {
			continue
		}
		res.Records = append(res.Records, customerRecord(c, in))
	}
	for _, u := range page.Unreadable {
		if in.Sweep && covered[unreadableRep(u)] {
			continue
		}
		failure := unreadableFailure(u, in.Page)
		rec := CustomerRecord{ID: u.ID, Class: ClassUnreadable, SourceID: failure.SourceID, Reason: failure.Reason}
		if u.ID == 0 {
			sum := sha256.Sum256(u.Raw)
			rec.Content = hex.EncodeToString(sum[:])
		}
		res.Records = append(res.Records, rec)
	}
	res.NextPage = page.Next(in.Page)
	sort.Slice(res.Records, func(i, j int) bool { return res.Records[i].ID < res.Records[j].ID })
	res.APICalls = recorder.Counts()
	return res, nil
}

// unreadableRep returns the sales rep of a customer record that does not
// decode, or "" when that field cannot be read either.
func unreadableRep(u sps.UnreadableRecord) string {
	var probe struct {
		SalesRepName string `json:"salesRepName"`
	}
	if json.Unmarshal(u.Raw, &probe) != nil {
		return ""
	}
	return probe.SalesRepName
}

// customerRecord classifies and maps one customer.
func customerRecord(c sps.Customer, in CustomerPageInput) CustomerRecord {
	class := customermap.Classify(c)
	rec := CustomerRecord{
		ID:     c.ID,
		Class:  string(class.Class),
		Reason: class.Reason,
		RepKey: customermap.RepKey(c.SalesRepName),
	}
	if class.Class != customermap.ClassB2B {
		return rec
	}
	rec.NameKey = customermap.NameKey(c.Name)
	if email, ok := normalize.Email(c.Email); ok {
		rec.Domain, _ = normalize.CompanyDomain(email)
	}
	rec.Company = customermap.CompanyProperties(c, in.SyncedAt)
	rec.Contact = customermap.ContactProperties(c)
	return rec
}

func spsID(id int64) string { return strconv.FormatInt(id, 10) }
