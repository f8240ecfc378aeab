package square

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// postAsync sends body to path in the background and delivers the status.
func postAsync(t *testing.T, url, path string, body any) <-chan int {
	t.Helper()
	raw, err := json.Marshal(body)
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPost, url+path, bytes.NewReader(raw))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "application/json")

	status := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			status <- 0
			return
		}
		resp.Body.Close()
		status <- resp.StatusCode
	}()
	return status
}

func TestCatalogWriteDuringWriteIsRateLimited(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	entered := make(chan struct{})
	proceed := make(chan struct{})
	sim.SetCatalogWriteHook(func(context.Context) {
		entered <- struct{}{}
		<-proceed
	})

	first := postAsync(t, srv.URL, "/v2/catalog/batch-upsert", upsertRequest("first", simpleItems(t, "ONE", 1)))
	<-entered
	upsert := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert",
		upsertRequest("second", simpleItems(t, "TWO", 1)))
	deletion := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-delete",
		&square.BatchDeleteCatalogObjectsRequest{ObjectIDs: []string{"CAT0MARBLE"}})
	search := call(t, srv.URL, http.MethodPost, "/v2/catalog/search", &square.SearchCatalogObjectsRequest{})
	sim.SetCatalogWriteHook(nil)
	close(proceed)

	require.Equal(t, http.StatusTooManyRequests, upsert.status)
	e := upsert.firstError(t)
	assert.Equal(t, square.ErrorCategoryRateLimitError, e.Category)
	assert.Equal(t, square.ErrorCodeRateLimited, e.Code)
	assert.Equal(t, http.StatusTooManyRequests, deletion.status)
	assert.Equal(t, http.StatusOK, search.status, "reads go on during a write")
	assert.Equal(t, http.StatusOK, <-first)
	retried := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert",
		upsertRequest("second", simpleItems(t, "TWO", 1)))
	assert.Equal(t, http.StatusOK, retried.status, "the slot is free again")
	assert.NotNil(t, sim.CatalogItemBySKU("ONE-0000"))
	assert.NotNil(t, sim.CatalogItemBySKU("TWO-0000"))
}

func TestCatalogWriteLatency(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name    string
		latency time.Duration
		ctx     context.Context
		wantOK  bool
	}{
		{"no latency", 0, context.Background(), true},
		{"short latency", time.Millisecond, context.Background(), true},
		{"client gone during latency", time.Hour, canceled, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sim := New(Options{})
			sim.SetCatalogWriteLatency(tc.latency)
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodPost, "/v2/catalog/batch-upsert", nil).WithContext(tc.ctx)

			release, ok := sim.beginCatalogWrite(rec, req)
			if ok {
				release()
			}
			sim.SetCatalogWriteLatency(0)
			_, again := sim.beginCatalogWrite(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/", nil))

			assert.Equal(t, tc.wantOK, ok)
			assert.Equal(t, http.StatusOK, rec.Code, "no response written")
			assert.True(t, again, "the slot is released")
		})
	}
}
