// Package apicalls counts outbound API calls per service and endpoint.
//
// A sync activity attaches a Recorder to its context; every client records
// each HTTP attempt it makes on that context, so the activity can report
// exactly what one unit of work cost. Calls made on a context without a
// Recorder are not counted.
package apicalls

import (
	"context"
	"sort"
	"sync"
)

// Service names used as the first key of every count.
const (
	HubSpot = "hubspot"
	Square  = "square"
	SPS     = "sps"
	S3      = "s3"
)

// Count is the number of calls made to one endpoint of one service.
// Endpoint is "METHOD /path/template", for example
// "POST /crm/v3/objects/deals/batch/read". RateLimited counts the calls
// that got a 429 response.
type Count struct {
	Service     string `json:"service"`
	Endpoint    string `json:"endpoint"`
	Calls       int    `json:"calls"`
	RateLimited int    `json:"rateLimited,omitempty"`
}

type key struct{ service, endpoint string }

// Recorder accumulates call counts. It is safe for concurrent use, and
// its zero value is ready to use.
type Recorder struct {
	mu     sync.Mutex
	counts map[key]*Count
}

// NewRecorder returns an empty Recorder.
func NewRecorder() *Recorder {
	return &Recorder{counts: map[key]*Count{}}
}

// Add counts one call; rateLimited marks a 429 response.
func (r *Recorder) Add(service, endpoint string, rateLimited bool) {
	r.mu.Lock()
	defer r.mu.Unlock()

	if r.counts == nil {
		r.counts = map[key]*Count{}
	}
	k := key{service, endpoint}
	c, ok := r.counts[k]
	if !ok {
		c = &Count{Service: service, Endpoint: endpoint}
		r.counts[k] = c
	}
	c.Calls++
	if rateLimited {
		c.RateLimited++
	}
}

// Counts returns the counts sorted by service, then endpoint.
func (r *Recorder) Counts() []Count {
	r.mu.Lock()
	defer r.mu.Unlock()

	out := make([]Count, 0, len(r.counts))
	for _, c := range r.counts {
		out = append(out, *c)
	}
	Sort(out)
	return out
}

// Sort orders counts by service, then endpoint.
func Sort(counts []Count) {
	sort.Slice(counts, func(i, j int) bool {
		if counts[i].Service != counts[j].Service {
			return counts[i].Service < counts[j].Service
		}
		return counts[i].Endpoint < counts[j].Endpoint
	})
}

// Merge adds the counts of extra into base and returns the sorted sum.
func Merge(base, extra []Count) []Count {
	index := make(map[key]int, len(base))
	out := append([]Count(nil), base...)
	for i, c := range out {
		index[key{c.Service, c.Endpoint}] = i
	}
	for _, c := range extra {
		k := key{c.Service, c.Endpoint}
		if i, ok := index[k]; ok {
			out[i].Calls += c.Calls
			out[i].RateLimited += c.RateLimited
			continue
		}
		index[k] = len(out)
		out = append(out, c)
	}
	Sort(out)
	return out
}

// Total returns the number of calls to service in counts.
func Total(counts []Count, service string) int {
	total := 0
	for _, c := range counts {
		if c.Service == service {
			total += c.Calls
		}
	}
	return total
}

type contextKey struct{}

// WithRecorder returns a context whose calls are counted by r.
func WithRecorder(ctx context.Context, r *Recorder) context.Context {
	return context.WithValue(ctx, contextKey{}, r)
}

// Record counts one call on the Recorder attached to ctx, if any. A nil
// Recorder attached with WithRecorder counts nothing.
func Record(ctx context.Context, service, endpoint string, rateLimited bool) {
	if r, ok := ctx.Value(contextKey{}).(*Recorder); ok && r != nil {
		r.Add(service, endpoint, rateLimited)
	}
}
