package faults

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// faultedServer is a handler that counts served requests as its state,
// behind an Injector, and records the order of waits, writes and serves.
type faultedServer struct {
	in     *Injector
	events []string
	served int
	waits  []time.Duration
}

func newFaultedServer(settings Settings, waitCompletes bool) *faultedServer {
	fs := &faultedServer{in: NewInjector(testDefaults)}
	fs.in.wait = func(_ context.Context, d time.Duration) bool {
		fs.events = append(fs.events, "wait")
		fs.waits = append(fs.waits, d)
		return waitCompletes
	}
	fs.in.Set(settings)
	return fs
}

func (fs *faultedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	handled := fs.in.Inject(w, r, func(w http.ResponseWriter, status int) {
		fs.events = append(fs.events, "fault "+strconv.Itoa(status))
		w.WriteHeader(status)
	})
	if handled {
		return
	}
	fs.events = append(fs.events, "serve")
	fs.served++
	w.WriteHeader(http.StatusNoContent)
}

func TestInject(t *testing.T) {
	tests := []struct {
		name          string
		settings      Settings
		waitCompletes bool
		wantStatus    int
		wantEvents    []string
		wantWaits     []time.Duration
		wantServed    int
	}{
		{"no faults serves", Settings{}, true, http.StatusNoContent,
			[]string{"serve"}, nil, 1},
		{"latency before handler", Settings{LatencyMs: 40}, true, http.StatusNoContent,
			[]string{"wait", "serve"}, []time.Duration{40 * time.Millisecond}, 1},
		{"latency before injected failure", Settings{LatencyMs: 5, FailNext: 1, ErrorStatuses: []int{502}}, true,
			http.StatusBadGateway, []string{"wait", "fault 502"}, []time.Duration{5 * time.Millisecond}, 0},
		{"failure skips handler", Settings{FailNext: 1, ErrorStatuses: []int{429}}, true,
			http.StatusTooManyRequests, []string{"fault 429"}, nil, 0},
		{"disconnect during latency writes nothing", Settings{LatencyMs: 5}, false,
			http.StatusOK, []string{"wait"}, []time.Duration{5 * time.Millisecond}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := newFaultedServer(tc.settings, tc.waitCompletes)
			rec := httptest.NewRecorder()

			fs.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v1/things", nil))

			assert.Equal(t, tc.wantStatus, rec.Code)
			assert.Equal(t, tc.wantEvents, fs.events)
			assert.Equal(t, tc.wantWaits, fs.waits)
			assert.Equal(t, tc.wantServed, fs.served)
		})
	}
}

func TestInjectFailNextThenServes(t *testing.T) {
	fs := newFaultedServer(Settings{FailNext: 2, ErrorStatuses: []int{500, 503}}, true)

	var statuses []int
	for range 3 {
		rec := httptest.NewRecorder()
		fs.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v1/things", nil))
		statuses = append(statuses, rec.Code)
	}

	assert.Equal(t, []int{500, 503, http.StatusNoContent}, statuses)
	assert.Equal(t, 1, fs.served)
}

func TestSleep(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()

	tests := []struct {
		name string
		ctx  context.Context
		d    time.Duration
		want bool
	}{
		{"full wait elapses", context.Background(), time.Millisecond, true},
		{"canceled context ends wait", canceled, time.Hour, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Sleep(tc.ctx, tc.d))
		})
	}
}
