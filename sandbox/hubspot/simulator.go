package hubspot

import (
	"maps"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Options configure a Simulator. Zero values take the defaults noted.
type Options struct {
	// Token is the required bearer token: API calls without
	// "Authorization: Bearer <Token>" get 401, so an empty Token rejects
	// every API call.
	Token string
	// TenSecondlyMax is the rolling ten-second budget of non-search calls;
	// default 190 (Professional).
	TenSecondlyMax int
	// DailyMax is the budget of all calls per UTC day; default 625000.
	DailyMax int
	// SearchPerSecond is the search budget per rolling second; default 5.
	SearchPerSecond int
	// Clock is the time source for rate limits, timestamps and search lag;
	// default time.Now.
	Clock func() time.Time
	// NullForUnset returns requested properties that have no value as null;
	// by default they are left out of the response.
	NullForUnset bool
}

// Simulator is an in-memory HubSpot CRM API. It is safe for concurrent
// use: one mutex serialises every call.
type Simulator struct {
	token        string
	clock        func() time.Time
	nullForUnset bool
	mux          *http.ServeMux

	mu     sync.Mutex
	st     *store
	limits *rateLimiter
	faults faultInjector
	calls  map[string]int
}

// New returns a Simulator holding only the standard properties and the
// default deal pipeline.
func New(opts Options) *Simulator {
	clock := opts.Clock
	if clock == nil {
		clock = time.Now
	}
	s := &Simulator{
		token:        opts.Token,
		clock:        clock,
		nullForUnset: opts.NullForUnset,
		mux:          http.NewServeMux(),
		limits:       newRateLimiter(opts),
		calls:        map[string]int{},
	}
	s.st = newStore(s.now())
	s.faults.set(Faults{})
	s.registerRoutes()
	return s
}

// now returns the clock time in UTC at HubSpot's millisecond precision.
func (s *Simulator) now() time.Time {
	return s.clock().UTC().Truncate(time.Millisecond)
}

// Objects returns every non-archived record of a type, sorted by numeric
// id. The type is a plural name, a singular name or a type id such as
// "0-1". An unknown type returns nil.
func (s *Simulator) Objects(objectType string) []Object {
	t, ok := lookupObjectType(objectType, true)
	if !ok {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	records := s.st.liveRecords(t)
	out := make([]Object, 0, len(records))
	for _, r := range records {
		out = append(out, exportObject(t, r))
	}
	return out
}

func exportObject(t objectType, r *record) Object {
	return Object{
		ObjectType: t.name,
		ID:         r.idString(),
		Properties: maps.Clone(r.props),
		CreatedAt:  r.createdAt,
		UpdatedAt:  r.updatedAt,
		Archived:   r.archived,
	}
}

// Associations returns the associations from one type to another between
// live records, sorted by from id, to id and type id. Every association is
// stored in both directions, so either order of the types finds it.
func (s *Simulator) Associations(fromType, toType string) []Association {
	from, okFrom := lookupObjectType(fromType, true)
	to, okTo := lookupObjectType(toType, true)
	if !okFrom || !okTo {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Association
	for _, e := range s.st.assoc.pair(from.name, to.name) {
		if s.st.edgeLive(e) {
			out = append(out, e.export())
		}
	}
	return out
}

// SetFaults replaces the fault settings, clamping values to their ranges,
// and reseeds the random draws with f.Seed.
func (s *Simulator) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.set(f)
	s.st.searchLag = time.Duration(s.faults.cfg.SearchLagMs) * time.Millisecond
}

// Faults returns the current fault settings, with FailNext counting the
// calls still to fail and ErrorStatuses filled with the defaults if unset.
func (s *Simulator) Faults() Faults {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.faults.cfg
	f.ErrorStatuses = slices.Clone(f.ErrorStatuses)
	return f
}

// Calls returns how many API calls each endpoint received after passing
// authentication, including calls rejected with 429 or an injected fault.
// Keys are the method and the v3/v4 path with the object types resolved
// to plural names and ids as placeholders, for example
// "POST /crm/v3/objects/deals/batch/read" or
// "GET /crm/v3/objects/contacts/{id}"; date-based paths count under the
// same key. Admin calls are not counted.
func (s *Simulator) Calls() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.calls)
}
