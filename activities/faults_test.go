package activities

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// faultPlan fails chosen calls to one simulator. A fault on an endpoint
// key such as "POST /crm/v3/objects/deals/batch/create" fires on that
// endpoint's nth call. By default the simulator's own FailNext rejects the
// call before applying it. With lost set, the simulator applies the call
// and the client gets a 502 in place of the response.
type faultPlan struct {
	// arm makes the simulator fail its next call.
	arm func()

	mu       sync.Mutex
	endpoint string
	nth      int
	lost     bool
	seen     int
	// rejectEndpoint and rejectMarker make the simulator reject, with its
	// own PROPERTY_DOESNT_EXIST error, every input of a batch write whose
	// properties contain rejectMarker: the wrapper adds an unknown
	// property to those inputs.
	rejectEndpoint string
	rejectMarker   string
	// beforeEndpoint and before run a function once, before the first call
	// of that endpoint reaches the simulator.
	beforeEndpoint string
	before         func()
}

// runBefore arms fn to run before the next call of endpoint.
func (f *faultPlan) runBefore(endpoint string, fn func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.beforeEndpoint, f.before = endpoint, fn
}

// takeBefore returns the function armed for endpoint, once.
func (f *faultPlan) takeBefore(endpoint string) func() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.before == nil || endpoint != f.beforeEndpoint {
		return nil
	}
	fn := f.before
	f.before = nil
	return fn
}

// rejectInputs arms the rejection of inputs that contain marker.
func (f *faultPlan) rejectInputs(endpoint, marker string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rejectEndpoint, f.rejectMarker = endpoint, marker
}

// markRejected rewrites a batch write body as rejectInputs describes.
func (f *faultPlan) markRejected(r *http.Request) {
	f.mu.Lock()
	endpoint, marker := f.rejectEndpoint, f.rejectMarker
	f.mu.Unlock()
	if endpoint == "" || r.Method+" "+r.URL.Path != endpoint {
		return
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	var body struct {
		Inputs []map[string]any `json:"inputs"`
	}
	if json.Unmarshal(raw, &body) == nil {
		for _, in := range body.Inputs {
			props, _ := in["properties"].(map[string]any)
			for _, v := range props {
				if text, ok := v.(string); ok && strings.Contains(text, marker) {
					props["no_such_property"] = "x"
					break
				}
			}
		}
		if rewritten, err := json.Marshal(body); err == nil {
			raw = rewritten
		}
	}
	r.Body = io.NopCloser(bytes.NewReader(raw))
	r.ContentLength = int64(len(raw))
}

// failNth arms a fault on the nth call (from 1) of endpoint.
func (f *faultPlan) failNth(endpoint string, nth int, lost bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.endpoint, f.nth, f.lost, f.seen = endpoint, nth, lost, 0
}

func (f *faultPlan) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.markRejected(r)
		if fn := f.takeBefore(r.Method + " " + r.URL.Path); fn != nil {
			fn()
		}
		fire, lost := f.fires(r.Method + " " + r.URL.Path)
		switch {
		case fire && lost:
			next.ServeHTTP(httptest.NewRecorder(), r)
			w.WriteHeader(http.StatusBadGateway)
			_, _ = w.Write([]byte(`{"status":"error","message":"upstream reset","category":"INTERNAL_ERROR"}`))
		case fire:
			f.arm()
			next.ServeHTTP(w, r)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

func (f *faultPlan) fires(endpoint string) (fire, lost bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.endpoint == "" || endpoint != f.endpoint {
		return false, false
	}
	f.seen++
	if f.seen != f.nth {
		return false, false
	}
	f.endpoint = ""
	return true, f.lost
}
