package square

import (
	"cmp"
	"net/http"
	"slices"

	square "github.com/square/square-go-sdk"
)

// listLocations serves GET /v2/locations, sorted by name as Square lists
// them (then by id, for locations with equal names).
func (s *Simulator) listLocations(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	locations := make([]*square.Location, 0, len(s.data.locations))
	for _, location := range s.data.locations {
		locations = append(locations, location)
	}
	s.mu.Unlock()

	slices.SortFunc(locations, func(a, b *square.Location) int {
		return cmp.Or(
			cmp.Compare(deref(a.Name), deref(b.Name)),
			cmp.Compare(deref(a.ID), deref(b.ID)),
		)
	})
	writeJSON(w, http.StatusOK, &square.ListLocationsResponse{Locations: locations})
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
