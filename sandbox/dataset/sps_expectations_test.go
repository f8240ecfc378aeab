package dataset

import (
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

// The helpers in this file recount the SPS expectations independently of
// the generator, from the rules customer and quote sync follow.

var testB2BTypes = map[string]bool{
	"Contractor": true, "Trade": true, "Wholesale": true, "Fabricator": true, "Designer": true,
}

// testFreeMail lists common consumer mailbox providers.
var testFreeMail = map[string]bool{
	"gmail.com": true, "googlemail.com": true, "yahoo.com": true, "hotmail.com": true,
	"outlook.com": true, "live.com": true, "msn.com": true, "aol.com": true,
	"icloud.com": true, "me.com": true, "comcast.net": true, "att.net": true,
	"verizon.net": true, "protonmail.com": true,
}

var testPlaceholders = map[string]bool{
	"walkincustomer": true, "cashsale": true, "walkin": true, "countersale": true,
	"misccustomer": true, "donotuse": true, "testcustomer": true,
}

var (
	testPunctuation  = regexp.MustCompile(`[^a-z0-9\s]+`)
	testLegalSuffix  = regexp.MustCompile(`^(llc|inc|co|corp|ltd|company|corporation)$`)
	testLettersDigit = regexp.MustCompile(`[^a-z0-9]+`)
)

// testCompanyName lower-cases name, deletes punctuation, collapses
// spaces and drops trailing legal suffixes.
func testCompanyName(name string) string {
	words := strings.Fields(testPunctuation.ReplaceAllString(strings.ToLower(name), ""))
	for len(words) > 1 && testLegalSuffix.MatchString(words[len(words)-1]) {
		words = words[:len(words)-1]
	}

	return strings.Join(words, " ")
}

func testPlaceholder(name string) bool {
	return testPlaceholders[testLettersDigit.ReplaceAllString(strings.ToLower(name), "")]
}

func testActiveB2B(c sps.Customer) bool {
	return c.Status == "Active" && testB2BTypes[c.Type] && c.Name != "" &&
		!strings.EqualFold(c.Name, c.ContactName) && !testPlaceholder(c.Name)
}

// testDomain returns the lower-case domain of an e-mail address, or "".
func testDomain(email string) string {
	_, domain, ok := strings.Cut(testEmailKey(email), "@")
	if !ok {
		return ""
	}

	return domain
}

// spsRecount is the outcome of customer sync recounted by the test, with
// the companies each match used.
type spsRecount struct {
	exp        Expectations
	matchedBy  map[string][]int64 // company id → customers linked to it
	freeMailed int                // customers whose free-mail domain a company has
}

func recountSPS(d *Dataset) spsRecount {
	byName, byDomain := map[string][]string{}, map[string][]string{}
	for _, o := range d.HubSpot.Objects {
		if o.ObjectType != "companies" {
			continue
		}
		byName[testCompanyName(o.Properties["name"])] = append(byName[testCompanyName(o.Properties["name"])], o.ID)
		if domain := strings.ToLower(o.Properties["domain"]); domain != "" {
			byDomain[domain] = append(byDomain[domain], o.ID)
		}
	}

	rc := spsRecount{matchedBy: map[string][]int64{}}
	for _, c := range d.SPS.Customers {
		if !testActiveB2B(c) {
			continue
		}
		rc.exp.SPSActiveB2B++
		names, domain := byName[testCompanyName(c.Name)], testDomain(c.Email)
		switch {
		case len(names) > 1:
			rc.exp.SPSAmbiguousNames++
		case len(names) == 1:
			rc.exp.SPSMatchedByName++
			rc.matchedBy[names[0]] = append(rc.matchedBy[names[0]], c.ID)
		case testFreeMail[domain]:
			rc.exp.SPSNewCompanies++
			if len(byDomain[domain]) > 0 {
				rc.freeMailed++
			}
		case len(byDomain[domain]) == 1:
			rc.exp.SPSMatchedByDomain++
			rc.matchedBy[byDomain[domain][0]] = append(rc.matchedBy[byDomain[domain][0]], c.ID)
		default:
			rc.exp.SPSNewCompanies++
		}
	}

	rc.exp.SPSQuotesByStage = map[string]int{"Quoted": 0, "Accepted": 0, "Lost": 0, "unknown": 0}
	for _, q := range d.SPS.Quotes {
		rc.exp.SPSQuotesByStage[testStageLabel(q)]++
	}

	return rc
}

// testStageLabel applies quote sync's stage rule: status "Accepted" or
// stage "won" is Accepted, stage "lost" is Lost, status "Quoted" is
// Quoted, and a won or lost stage decides over the status.
func testStageLabel(q sps.Quote) string {
	stage := ""
	if q.Stage != nil {
		stage = *q.Stage
	}
	switch {
	case stage == "lost":
		return "Lost"
	case stage == "won" || q.TransactionStatus == "Accepted":
		return "Accepted"
	case q.TransactionStatus == "Quoted":
		return "Quoted"
	default:
		return "unknown"
	}
}

var spsSizeCases = []struct {
	name string
	opts Options
}{
	{"full", Options{Seed: 42, Now: testNow}},
	{"minimum", Options{Seed: 8, Now: testNow, Orders: 50, SPSCustomers: 1, SPSQuotes: 30}},
	{"mid-size", Options{Seed: 13, Now: testNow, Orders: 200, SPSCustomers: 6000, SPSQuotes: 500}},
}

var (
	spsDatasetsMu sync.Mutex
	spsDatasets   = map[Options]*Dataset{}
)

// spsDatasetFor returns the dataset of opts, generated once per test
// binary. Tests must not modify it.
func spsDatasetFor(t *testing.T, opts Options) *Dataset {
	t.Helper()
	if opts == (Options{Seed: 42, Now: testNow}) {
		return fullDataset(t)
	}

	spsDatasetsMu.Lock()
	defer spsDatasetsMu.Unlock()
	if d, ok := spsDatasets[opts]; ok {
		return d
	}
	d := Generate(opts)
	spsDatasets[opts] = d

	return d
}

func TestSPSExpectationsMatchRecount(t *testing.T) {
	for _, tc := range spsSizeCases {
		t.Run(tc.name, func(t *testing.T) {
			d := spsDatasetFor(t, tc.opts)
			want, got := recountSPS(d).exp, d.Expect

			assert.Equal(t, want.SPSActiveB2B, got.SPSActiveB2B, "active B2B")
			assert.Equal(t, want.SPSMatchedByName, got.SPSMatchedByName, "matched by name")
			assert.Equal(t, want.SPSMatchedByDomain, got.SPSMatchedByDomain, "matched by domain")
			assert.Equal(t, want.SPSNewCompanies, got.SPSNewCompanies, "new companies")
			assert.Equal(t, want.SPSAmbiguousNames, got.SPSAmbiguousNames, "ambiguous names")
			assert.Equal(t, want.SPSQuotesByStage, got.SPSQuotesByStage, "quotes by stage")
		})
	}
}

func TestSPSExpectationsCases(t *testing.T) {
	for _, tc := range spsSizeCases {
		t.Run(tc.name, func(t *testing.T) {
			d := spsDatasetFor(t, tc.opts)
			rc, exp := recountSPS(d), d.Expect

			assert.Equal(t, 4, exp.SPSMatchedByName, "matched by name")
			assert.Equal(t, 3, exp.SPSMatchedByDomain, "matched by domain")
			assert.Equal(t, 1, exp.SPSAmbiguousNames, "ambiguous names")
			assert.Equal(t, exp.SPSActiveB2B,
				exp.SPSMatchedByName+exp.SPSMatchedByDomain+exp.SPSNewCompanies+exp.SPSAmbiguousNames,
				"every active B2B customer has one outcome")
			assert.Positive(t, rc.freeMailed, "free-mail customers whose domain a company has")
			for company, customers := range rc.matchedBy {
				assert.Len(t, customers, 1, "company %s is matched by customers %v", company, customers)
			}

			quotes := 0
			for _, n := range exp.SPSQuotesByStage {
				quotes += n
			}
			assert.Equal(t, len(d.SPS.Quotes), quotes, "every quote has a stage label")
		})
	}
}

// TestSPSNameMatchesDifferInWriting checks that the name matches are not
// plain equal strings: each differs from its company's name in case,
// spacing, punctuation or a legal suffix.
func TestSPSNameMatchesDifferInWriting(t *testing.T) {
	d := fullDataset(t)
	names := map[string]string{}
	for _, o := range portalObjectsOf(d.HubSpot.Objects, "companies") {
		names[o.ID] = o.Properties["name"]
	}
	customers := map[int64]sps.Customer{}
	for _, c := range d.SPS.Customers {
		customers[c.ID] = c
	}

	var caseOnly, other int
	for company, ids := range recountSPS(d).matchedBy {
		c := customers[ids[0]]
		if testCompanyName(c.Name) != testCompanyName(names[company]) {
			continue
		}
		require.NotEqual(t, c.Name, names[company], "customer %d matches by an identical name", c.ID)
		if strings.EqualFold(c.Name, names[company]) {
			caseOnly++
		} else {
			other++
		}
	}

	assert.Positive(t, caseOnly+other, "name matches")
	assert.GreaterOrEqual(t, other, 3, "name matches that differ in punctuation, spacing or suffix")
}

func TestQuoteStageLabel(t *testing.T) {
	won, lost, other := "won", "lost", "pending"
	cases := []struct {
		name   string
		status string
		stage  *string
		want   string
	}{
		{"quoted", "Quoted", nil, stageQuoted},
		{"accepted", "Accepted", nil, stageAccepted},
		{"won stage with quoted status", "Quoted", &won, stageAccepted},
		{"lost stage", "Quoted", &lost, stageLost},
		{"lost stage decides over accepted", "Accepted", &lost, stageLost},
		{"won stage with unknown status", "", &won, stageAccepted},
		{"on hold", "On Hold", nil, stageUnknown},
		{"empty status", "", nil, stageUnknown},
		{"unknown stage", "Revised", &other, stageUnknown},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := sps.Quote{TransactionStatus: tc.status, Stage: tc.stage}

			assert.Equal(t, tc.want, quoteStageLabel(q))
			assert.Equal(t, tc.want, testStageLabel(q), "test recount agrees")
		})
	}
}

func TestCompanyKey(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"legal suffix with comma", "Rivera Tile, LLC", "rivera tile"},
		{"capitals", "RIVERA TILE", "rivera tile"},
		{"dotted suffix", "Granite Ridge Inc.", "granite ridge"},
		{"two suffixes", "Granite Ridge Co., Inc.", "granite ridge"},
		{"and before suffix", "Larsen & Co.", "larsen"},
		{"ampersand inside", "Larsen & Quinn Tile", "larsen and quinn tile"},
		{"double spaces", "Granite  Brook  Interiors Corp.", "granite brook interiors"},
		{"leading the", "The Stone Shop", "stone shop"},
		{"apostrophe", "O'Malley Stone", "omalley stone"},
		{"suffix only", "LLC", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, companyKey(tc.in))
		})
	}
}
