package dataset

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/stonecity/sync/clients/sps"
)

// quoteState is a combination of transactionStatus and stage that SPS
// records hold, with its weight among quotes. stage is "" for null.
type quoteState struct {
	status string
	stage  string
	weight int
}

// quoteStates covers the cases of the stage mapping. Most quotes have
// status "Quoted" and a null stage. Some are won while the status is
// still "Quoted", some are lost, and a few have a status that maps to no deal
// stage ("On Hold", "Revised", ""). Two rare rows have a stage that
// contradicts the status.
var quoteStates = []quoteState{
	{"Quoted", "", 700},
	{"Accepted", "", 90},
	{"Accepted", "won", 60},
	{"Quoted", "won", 30},
	{"Quoted", "lost", 60},
	{"Accepted", "lost", 3},
	{"On Hold", "", 15},
	{"Revised", "", 10},
	{"", "", 10},
	{"On Hold", "lost", 3},
	{"", "won", 2},
}

var (
	projectTypes      = []string{"Kitchen", "Bathroom", "Commercial", "Outdoor", "Fireplace", "Flooring", ""}
	projectWeights    = []int{40, 20, 10, 10, 8, 7, 5}
	closedLostReasons = []string{"Price", "Lost to competitor", "Project cancelled", "No response", "Timeline", ""}
	jobRooms          = []string{"Kitchen", "Master Bath", "Guest Bath", "Fireplace Surround", "Patio", "Laundry", "Bar Top"}
)

// quoteCustomers holds the indexes into the customer directory that
// quotes draw from.
type quoteCustomers struct {
	frequent  []int // active trade accounts that quote a lot
	b2b       []int // every active trade account with a HubSpot company to come
	noCompany []int // customers that customer sync gives no company
}

// spsQuoteBuilder accumulates quotes from one random stream.
type spsQuoteBuilder struct {
	r         *rand.Rand
	g         *generator
	customers spsCustomerSet
	pools     quoteCustomers
	opps      map[int64]int // customer id → last opportunity number used
	nextOpp   int
	nextOrder int
}

// buildSPSQuotes returns the quotes of the year before Now, sorted by
// quote date with increasing ids and numbers. About 95 % belong to
// active trade accounts, the rest to customers that will have no HubSpot
// company. A few dozen were revised in the last two days.
func (g *generator) buildSPSQuotes(customers spsCustomerSet) []sps.Quote {
	r := g.stream(streamSPSQuotes)
	b := &spsQuoteBuilder{
		r: r, g: g, customers: customers, pools: quotePools(r, customers),
		opps: make(map[int64]int), nextOpp: between(r, 2000, 2500), nextOrder: between(r, 30000, 31000),
	}
	n := g.spsSizes.quotes

	dates := make([]time.Time, n)
	for i := range dates {
		dates[i] = g.now.Add(-randomDuration(r, time.Hour, 365*24*time.Hour)).Truncate(time.Second)
	}
	slices.SortFunc(dates, time.Time.Compare)

	quotes := make([]sps.Quote, n)
	id, number := int64(between(r, 50001, 51000)), between(r, 10001, 10500)
	for i := range quotes {
		quotes[i] = b.quote(id, number, dates[i])
		id += int64(between(r, 1, 3))
		number++
	}
	b.revise(quotes)

	return quotes
}

// quotePools sorts the customer directory into the pools quotes draw
// from. A fifth of the trade accounts are frequent quoters.
func quotePools(r *rand.Rand, customers spsCustomerSet) quoteCustomers {
	var p quoteCustomers
	for i, role := range customers.roles {
		switch role {
		case roleActiveB2B:
			p.b2b = append(p.b2b, i)
			if chance(r, 0.2) {
				p.frequent = append(p.frequent, i)
			}
		case roleAmbiguous, roleSameName, roleActiveRetail:
			p.noCompany = append(p.noCompany, i)
		case rolePlaceholder, roleInactive:
			if customers.records[i].Type != spsRetail && chance(r, 0.5) {
				p.noCompany = append(p.noCompany, i)
			}
		}
	}
	if len(p.frequent) == 0 {
		p.frequent = p.b2b
	}

	return p
}

// pickCustomer returns the customer of a new quote.
func (b *spsQuoteBuilder) pickCustomer() *sps.Customer {
	r := b.r
	var i int
	switch n := r.IntN(100); {
	case n < 5 && len(b.pools.noCompany) > 0:
		i = pick(r, b.pools.noCompany)
	case n < 50:
		i = pick(r, b.pools.frequent)
	default:
		i = pick(r, b.pools.b2b)
	}

	return &b.customers.records[i]
}

// quote returns quote id, numbered Q-number, created at date.
func (b *spsQuoteBuilder) quote(id int64, number int, date time.Time) sps.Quote {
	r := b.r
	c := b.pickCustomer()
	state := quoteStates[weighted(r, quoteStateWeights())]

	q := sps.Quote{
		ID:                id,
		TransactionNumber: fmt.Sprintf("Q-%d", number),
		OpportunityID:     emptyOrNull(r, 0.4),
		CustomerID:        decimalOf(itoa64(c.ID)),
		Customer:          c.Name,
		JobName:           b.jobName(c),
		QuoteDate:         sps.NewTime(date),
		ExpiryDate:        b.expiry(date),
		TransactionStatus: state.status,
		PrimarySalesRep:   c.PrimarySalesRep,
		ProjectTypeValue:  projectTypes[weighted(r, projectWeights)],
	}
	if chance(r, 0.1) {
		q.PrimarySalesRep = randomRep(r).name
	}
	if chance(r, 0.3) {
		q.QuoteDate = spsDate(date, b.g.store)
	}
	b.setOpportunity(&q, c.ID)
	b.setOutcome(&q, state)
	lines, cents := b.lines()
	q.Lines = lines
	q.Total = quoteTotal(r, cents)

	room := b.g.now.Sub(date)
	q.ModifiedDate = sps.NewTime(date.Add(randomDuration(r, 0, min(room, 90*24*time.Hour))).Truncate(time.Second))

	return q
}

func quoteStateWeights() []int {
	w := make([]int, len(quoteStates))
	for i, s := range quoteStates {
		w[i] = s.weight
	}

	return w
}

// setOutcome writes state onto q: the stage (null unless won or lost), a
// sales order for accepted or won quotes and a reason for most lost ones.
func (b *spsQuoteBuilder) setOutcome(q *sps.Quote, state quoteState) {
	r := b.r
	if state.stage != "" {
		stage := state.stage
		q.Stage = &stage
	}

	switch {
	case state.stage == "lost":
		q.ClosedLostReason = pick(r, closedLostReasons)
	case state.status == "Accepted" || state.stage == "won":
		orders := 1
		if chance(r, 0.1) {
			orders = 2
		}
		for range orders {
			if chance(r, 0.9) {
				q.SalesOrders = append(q.SalesOrders, sps.SalesOrder{Number: fmt.Sprintf("SO-%d", b.nextOrder)})
				b.nextOrder += between(r, 1, 4)
			}
		}
	}
}

// setOpportunity gives a third of the quotes an opportunity. A quote of
// a customer with an earlier opportunity often reuses it, as
// alternatives and revisions of one job do.
func (b *spsQuoteBuilder) setOpportunity(q *sps.Quote, customerID int64) {
	r := b.r
	if !chance(r, 0.35) {
		return
	}

	opp, seen := b.opps[customerID]
	if !seen || chance(r, 0.6) {
		opp = b.nextOpp
		b.nextOpp += between(r, 1, 3)
		b.opps[customerID] = opp
	}
	q.OpportunityNumber = fmt.Sprintf("OPP-%d", opp)
	q.OpportunityID = decimalOf(itoa64(int64(opp) + 70000))
}

// jobName returns the job a quote is for, "" for about one in seven.
func (b *spsQuoteBuilder) jobName(c *sps.Customer) string {
	r := b.r
	switch n := r.IntN(7); {
	case n == 0:
		return ""
	case n < 3:
		return fmt.Sprintf("%d %s - %s", between(r, 100, 24999), pick(r, streets), pick(r, jobRooms))
	case n < 5:
		return pick(r, familyNames).text + " Residence - " + pick(r, jobRooms)
	case n < 6:
		return fmt.Sprintf("Lot %d %s", between(r, 1, 60), pick(r, []string{"Cedar Ridge", "Maple Park", "Harbor Pointe"}))
	default:
		return strings.TrimSpace(pick(r, []string{"Tenant Improvement", "Model Home", "Lobby Refresh"}) + " " + c.ContactName)
	}
}

// expiry returns when a quote made at date expires: 30 to 90 days later,
// as a timestamp or a plain date, and "" on a few quotes.
func (b *spsQuoteBuilder) expiry(date time.Time) sps.Time {
	r := b.r
	if chance(r, 0.03) {
		return sps.EmptyTime()
	}

	at := date.AddDate(0, 0, pick(r, []int{30, 30, 30, 45, 60, 90}))
	if chance(r, 0.4) {
		return spsDate(at, b.g.store)
	}

	return sps.NewTime(at)
}

// revise moves the modified date of a few quotes into the two days
// before Now, as when a rep edits a quote again after sending it. Some
// of them get status "Revised". Roughly half fall inside the last 25 hours.
func (b *spsQuoteBuilder) revise(quotes []sps.Quote) {
	r := b.r
	for _, i := range r.Perm(len(quotes))[:min(b.g.spsSizes.revised, len(quotes))] {
		q := &quotes[i]
		at := b.g.now.Add(-randomDuration(r, time.Minute, 48*time.Hour)).Truncate(time.Second)
		if at.Before(q.QuoteDate.Time()) {
			continue
		}
		q.ModifiedDate = sps.NewTime(at)
		if q.Stage == nil && q.TransactionStatus == "Quoted" && chance(r, 0.3) {
			q.TransactionStatus = "Revised"
		}
	}
}
