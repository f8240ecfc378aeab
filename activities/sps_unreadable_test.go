package activities

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/report"
	spssim "github.com/stonecity/sync/sandbox/sps"
)

// pageRewriter serves next, and passes the records of every successful
// SPS query page through rewrite when one is set.
type pageRewriter struct {
	next    http.Handler
	mu      sync.Mutex
	rewrite func(data []json.RawMessage)
}

func (p *pageRewriter) set(rewrite func(data []json.RawMessage)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rewrite = rewrite
}

func (p *pageRewriter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	rewrite := p.rewrite
	p.mu.Unlock()
	rec := httptest.NewRecorder()
	p.next.ServeHTTP(rec, r)
	var page map[string]json.RawMessage
	var data []json.RawMessage
	if rewrite == nil || r.Method != http.MethodPost || rec.Code != http.StatusOK ||
		json.Unmarshal(rec.Body.Bytes(), &page) != nil || json.Unmarshal(page["data"], &data) != nil {
		for name, values := range rec.Header() {
			w.Header()[name] = values
		}
		w.WriteHeader(rec.Code)
		_, _ = io.Copy(w, rec.Body)
		return
	}
	rewrite(data)
	page["data"], _ = json.Marshal(data)
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(page)
}

// replaceField sets one field of a JSON record.
func replaceField(t *testing.T, record *json.RawMessage, field string, value any) {
	t.Helper()
	var fields map[string]any
	require.NoError(t, json.Unmarshal(*record, &fields))
	fields[field] = value
	data, err := json.Marshal(fields)
	require.NoError(t, err)
	*record = data
}

func TestSyncQuotePageUnreadableQuoteFails(t *testing.T) {
	h := newQuoteHarness(t)
	require.NoError(t, h.sps.LoadQuotes([]sps.Quote{testQuote(1, "501", "1500", "Quoted"),
		testQuote(2, "502", "900", "Quoted"), testQuote(3, "503", "700", "Quoted")}))
	h.spsPages.set(func(data []json.RawMessage) {
		replaceField(t, &data[1], "total", "1,200 USD")
		replaceField(t, &data[2], "id", true)
	})

	res := h.run()

	assert.Equal(t, 1, res.Created)
	assert.Equal(t, 3, res.Quotes)
	assert.Equal(t, []report.RecordFailure{
		{SourceID: "2", Reason: `unreadable record: field "total": invalid decimal "1,200 USD"`},
		{SourceID: "page 1, record 3", Reason: "unreadable record without a readable id: field \"id\": " +
			"json: cannot unmarshal bool into Go struct field Quote.id of type int64"},
	}, res.Failures)
	h.deal("1")
}

func TestFetchCustomerPageListsUnreadableCustomers(t *testing.T) {
	sim := spssim.New(spssim.Options{})
	require.NoError(t, sim.LoadCustomers([]sps.Customer{
		{ID: 11, Name: "Ridge Stone", Status: activeStatus, SalesRepName: "Dana Ortiz"},
		{ID: 12, Name: "Elm Stone", Status: activeStatus, SalesRepName: "Dana Ortiz"},
		{ID: 13, Name: "Oak Stone", Status: activeStatus, SalesRepName: "Lee Park"},
	}))
	pages := &pageRewriter{next: sim}
	pages.set(func(data []json.RawMessage) {
		for i := range data {
			replaceField(t, &data[i], "creditLimit", "N/A")
		}
	})
	server := httptest.NewServer(pages)
	t.Cleanup(server.Close)
	client, err := sps.New(sps.Config{BaseURL: server.URL, Username: "sync", Password: "secret", AuthorizedNumber: "42"})
	require.NoError(t, err)
	acts := &CustomerActivities{SPS: client}

	fetch := func(in CustomerPageInput) CustomerPageResult {
		t.Helper()
		env := quietActivityEnv(io.Discard)
		env.RegisterActivity(acts)
		value, err := env.ExecuteActivity(acts.FetchCustomerPage, in)
		require.NoError(t, err)
		var res CustomerPageResult
		require.NoError(t, value.Get(&res))
		return res
	}
	all := fetch(CustomerPageInput{Page: 1, SyncedAt: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)})
	sweep := fetch(CustomerPageInput{Page: 1, Sweep: true, CoveredNames: []string{"Dana Ortiz"}})

	require.Len(t, all.Records, 3)
	for i, id := range []int64{11, 12, 13} {
		assert.Equal(t, CustomerRecord{ID: id, Class: ClassUnreadable, SourceID: spsID(id),
			Reason: `unreadable record: field "creditLimit": invalid decimal "N/A"`}, all.Records[i])
	}
	require.Len(t, sweep.Records, 1, "the sweep leaves out customers of covered reps")
	assert.Equal(t, int64(13), sweep.Records[0].ID)
}

func TestSyncQuotePageCountsAnUnreadableQuoteOnce(t *testing.T) {
	h := newQuoteHarness(t)
	require.NoError(t, h.sps.LoadQuotes([]sps.Quote{testQuote(1, "501", "1500", "Quoted"),
		testQuote(2, "502", "900", "Quoted"), testQuote(3, "503", "700", "Quoted")}))
	h.spsPages.set(func(data []json.RawMessage) {
		replaceField(t, &data[1], "total", "1,200 USD")
		data[2] = data[1]
	})

	res := h.run()

	assert.Equal(t, 3, res.Quotes, "listings in the window, as for readable quotes")
	assert.Len(t, res.Failures, 1, "quote 2 fails once")
	assert.Equal(t, []report.ReasonCount{{Reason: skipDuplicateQuote, Count: 1}}, res.SkipReasons)
}

func TestSyncQuotePageDefersLateUnreadableQuote(t *testing.T) {
	h := newQuoteHarness(t)
	later := testQuote(2, "502", "900", "Quoted")
	later.ModifiedDate = sps.NewTime(testQuoteModified.Add(3 * time.Hour))
	require.NoError(t, h.sps.LoadQuotes([]sps.Quote{testQuote(1, "501", "1500", "Quoted"), later}))
	h.spsPages.set(func(data []json.RawMessage) { replaceField(t, &data[1], "total", "1,200 USD") })

	res := h.run()

	assert.Equal(t, 1, res.Deferred, "quote 2 waits for the run whose window holds it")
	assert.Equal(t, 1, res.Quotes)
	assert.Empty(t, res.Failures)
}
