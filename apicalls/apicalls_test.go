package apicalls

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	batchRead   = "POST /crm/v3/objects/deals/batch/read"
	batchCreate = "POST /crm/v3/objects/deals/batch/create"
	searchOrder = "POST /v2/orders/search"
)

func TestRecorderAddCountsCallsAndRateLimits(t *testing.T) {
	r := NewRecorder()
	r.Add(HubSpot, batchRead, false)
	r.Add(HubSpot, batchRead, true)
	r.Add(HubSpot, batchRead, false)
	r.Add(Square, searchOrder, true)

	counts := r.Counts()

	require.Len(t, counts, 2)
	assert.Equal(t, Count{Service: HubSpot, Endpoint: batchRead, Calls: 3, RateLimited: 1}, counts[0])
	assert.Equal(t, Count{Service: Square, Endpoint: searchOrder, Calls: 1, RateLimited: 1}, counts[1])
}

func TestRecorderCountsSortedByServiceThenEndpoint(t *testing.T) {
	r := NewRecorder()
	r.Add(Square, searchOrder, false)
	r.Add(HubSpot, batchRead, false)
	r.Add(S3, "PUT /{key}", false)
	r.Add(HubSpot, batchCreate, false)

	var got []string
	for _, c := range r.Counts() {
		got = append(got, c.Service+" "+c.Endpoint)
	}

	assert.Equal(t, []string{
		"hubspot " + batchCreate,
		"hubspot " + batchRead,
		"s3 PUT /{key}",
		"square " + searchOrder,
	}, got)
}

func TestRecorderEmptyCountsNotNil(t *testing.T) {
	counts := NewRecorder().Counts()

	assert.NotNil(t, counts)
	assert.Empty(t, counts)
}

func TestRecorderZeroValueUsable(t *testing.T) {
	var r Recorder

	r.Add(SPS, "GET /v1/customers", false)

	assert.Equal(t, []Count{{Service: SPS, Endpoint: "GET /v1/customers", Calls: 1}}, r.Counts())
}

func TestRecorderCountsIsSnapshot(t *testing.T) {
	r := NewRecorder()
	r.Add(HubSpot, batchRead, false)
	snapshot := r.Counts()

	snapshot[0].Calls = 99
	r.Add(HubSpot, batchRead, false)

	assert.Equal(t, 2, r.Counts()[0].Calls)
}

func TestRecorderConcurrentAdds(t *testing.T) {
	const goroutines, perGoroutine = 8, 250
	r := NewRecorder()
	endpoints := []string{batchRead, batchCreate}

	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perGoroutine {
				r.Add(HubSpot, endpoints[(g+i)%2], i%10 == 0)
			}
		}()
	}
	wg.Wait()

	counts := r.Counts()
	require.Len(t, counts, 2)
	assert.Equal(t, goroutines*perGoroutine/2, counts[0].Calls)
	assert.Equal(t, goroutines*perGoroutine/2, counts[1].Calls)
	assert.Equal(t, goroutines*perGoroutine/10, counts[0].RateLimited+counts[1].RateLimited)
	assert.Equal(t, goroutines*perGoroutine, Total(counts, HubSpot))
}

func TestRecordWithoutRecorderIsNoOp(t *testing.T) {
	tests := []struct {
		name string
		ctx  context.Context
	}{
		{name: "background", ctx: context.Background()},
		{name: "nil recorder attached", ctx: WithRecorder(context.Background(), nil)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.NotPanics(t, func() { Record(tc.ctx, HubSpot, batchRead, true) })
		})
	}
}

func TestRecordCountsOnAttachedRecorder(t *testing.T) {
	r := NewRecorder()
	ctx := WithRecorder(context.Background(), r)
	child, cancel := context.WithCancel(ctx)
	defer cancel()

	Record(ctx, HubSpot, batchRead, false)
	Record(child, HubSpot, batchRead, true)

	assert.Equal(t, []Count{{Service: HubSpot, Endpoint: batchRead, Calls: 2, RateLimited: 1}}, r.Counts())
}

func TestRecordInnerRecorderShadowsOuter(t *testing.T) {
	outer, inner := NewRecorder(), NewRecorder()
	ctx := WithRecorder(WithRecorder(context.Background(), outer), inner)

	Record(ctx, Square, searchOrder, false)

	assert.Empty(t, outer.Counts())
	assert.Len(t, inner.Counts(), 1)
}

func TestMerge(t *testing.T) {
	tests := []struct {
		name        string
		base, extra []Count
		want        []Count
	}{
		{name: "both empty", want: nil},
		{
			name:  "empty base",
			extra: []Count{{Service: Square, Endpoint: searchOrder, Calls: 2}},
			want:  []Count{{Service: Square, Endpoint: searchOrder, Calls: 2}},
		},
		{
			name: "empty extra",
			base: []Count{{Service: HubSpot, Endpoint: batchRead, Calls: 1}},
			want: []Count{{Service: HubSpot, Endpoint: batchRead, Calls: 1}},
		},
		{
			name:  "same endpoint adds calls and rate limits",
			base:  []Count{{Service: HubSpot, Endpoint: batchRead, Calls: 3, RateLimited: 1}},
			extra: []Count{{Service: HubSpot, Endpoint: batchRead, Calls: 4, RateLimited: 2}},
			want:  []Count{{Service: HubSpot, Endpoint: batchRead, Calls: 7, RateLimited: 3}},
		},
		{
			name: "new endpoints sorted in",
			base: []Count{{Service: Square, Endpoint: searchOrder, Calls: 1}},
			extra: []Count{
				{Service: HubSpot, Endpoint: batchRead, Calls: 2},
				{Service: HubSpot, Endpoint: batchCreate, Calls: 5},
			},
			want: []Count{
				{Service: HubSpot, Endpoint: batchCreate, Calls: 5},
				{Service: HubSpot, Endpoint: batchRead, Calls: 2},
				{Service: Square, Endpoint: searchOrder, Calls: 1},
			},
		},
		{
			name: "repeated endpoint in extra",
			extra: []Count{
				{Service: HubSpot, Endpoint: batchRead, Calls: 1},
				{Service: HubSpot, Endpoint: batchRead, Calls: 2, RateLimited: 1},
			},
			want: []Count{{Service: HubSpot, Endpoint: batchRead, Calls: 3, RateLimited: 1}},
		},
		{
			name:  "same endpoint of another service kept apart",
			base:  []Count{{Service: HubSpot, Endpoint: "GET /x", Calls: 1}},
			extra: []Count{{Service: Square, Endpoint: "GET /x", Calls: 1}},
			want: []Count{
				{Service: HubSpot, Endpoint: "GET /x", Calls: 1},
				{Service: Square, Endpoint: "GET /x", Calls: 1},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Merge(tc.base, tc.extra))
		})
	}
}

func TestMergeLeavesInputsUnchanged(t *testing.T) {
	base := []Count{
		{Service: Square, Endpoint: searchOrder, Calls: 1},
		{Service: HubSpot, Endpoint: batchRead, Calls: 1},
	}
	extra := []Count{{Service: HubSpot, Endpoint: batchRead, Calls: 5}}

	Merge(base, extra)

	assert.Equal(t, []Count{
		{Service: Square, Endpoint: searchOrder, Calls: 1},
		{Service: HubSpot, Endpoint: batchRead, Calls: 1},
	}, base)
	assert.Equal(t, []Count{{Service: HubSpot, Endpoint: batchRead, Calls: 5}}, extra)
}

func TestMergeOrderIndependent(t *testing.T) {
	a := []Count{{Service: HubSpot, Endpoint: batchRead, Calls: 1}, {Service: S3, Endpoint: "PUT /{key}", Calls: 2}}
	b := []Count{{Service: Square, Endpoint: searchOrder, Calls: 3}, {Service: HubSpot, Endpoint: batchRead, Calls: 4}}

	assert.Equal(t, Merge(a, b), Merge(b, a))
}

func TestTotal(t *testing.T) {
	counts := []Count{
		{Service: HubSpot, Endpoint: batchRead, Calls: 3, RateLimited: 2},
		{Service: HubSpot, Endpoint: batchCreate, Calls: 4},
		{Service: Square, Endpoint: searchOrder, Calls: 5},
	}
	tests := []struct {
		name    string
		service string
		want    int
	}{
		{name: "hubspot sums endpoints with 429s", service: HubSpot, want: 7},
		{name: "square", service: Square, want: 5},
		{name: "service without calls", service: SPS, want: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Total(counts, tc.service))
		})
	}
}

func TestCountJSONOmitsZeroRateLimited(t *testing.T) {
	tests := []struct {
		name  string
		count Count
		want  string
	}{
		{
			name:  "no 429",
			count: Count{Service: HubSpot, Endpoint: batchRead, Calls: 1},
			want:  fmt.Sprintf(`{"service":"hubspot","endpoint":%q,"calls":1}`, batchRead),
		},
		{
			name:  "with 429",
			count: Count{Service: HubSpot, Endpoint: batchRead, Calls: 2, RateLimited: 1},
			want:  fmt.Sprintf(`{"service":"hubspot","endpoint":%q,"calls":2,"rateLimited":1}`, batchRead),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := json.Marshal(tc.count)

			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(data))
		})
	}
}
