package hubspot

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// objectJSON is a record as the objects API returns it
// (SimplePublicObject, or SimplePublicUpsertObject when New is set).
type objectJSON struct {
	ID                    string                   `json:"id"`
	Properties            map[string]*string       `json:"properties"`
	PropertiesWithHistory map[string][]historyJSON `json:"propertiesWithHistory,omitempty"`
	CreatedAt             string                   `json:"createdAt"`
	UpdatedAt             string                   `json:"updatedAt"`
	Archived              bool                     `json:"archived"`
	ArchivedAt            string                   `json:"archivedAt,omitempty"`
	New                   *bool                    `json:"new,omitempty"`
}

// historyJSON is one entry of a property's value history.
type historyJSON struct {
	Value      string `json:"value"`
	Timestamp  string `json:"timestamp"`
	SourceType string `json:"sourceType"`
}

// batchResponse is the envelope of every batch response. numErrors and
// errors appear only on 207.
type batchResponse struct {
	Status      string      `json:"status"`
	Results     any         `json:"results"`
	NumErrors   int         `json:"numErrors,omitempty"`
	Errors      []errorBody `json:"errors,omitempty"`
	RequestedAt string      `json:"requestedAt"`
	StartedAt   string      `json:"startedAt"`
	CompletedAt string      `json:"completedAt"`
}

func pagingJSON(after string) map[string]any {
	return map[string]any{"next": map[string]string{"after": after}}
}

// propertySelection is the set of properties a read returns: every stored
// value (all), or the named ones, with unset ones as null when nulls is set.
type propertySelection struct {
	all   bool
	names []string
	nulls bool
}

// selectProperties resolves a read's requested properties: none requested
// means the type's defaults; otherwise the requested ones plus the id and
// timestamps HubSpot always adds.
func (s *Simulator) selectProperties(t objectType, requested []string) propertySelection {
	if len(requested) == 0 {
		return propertySelection{names: t.defaultProps, nulls: s.nullForUnset}
	}
	names := slices.Clone(requested)
	for _, name := range t.alwaysProps() {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return propertySelection{names: names, nulls: s.nullForUnset}
}

// allProperties is the selection for write results: every stored value.
var allProperties = propertySelection{all: true}

// renderProps picks the selected values. Requested names that are not
// properties of the type are ignored, as HubSpot does.
func (s *Simulator) renderProps(t objectType, props map[string]string, sel propertySelection) map[string]*string {
	out := map[string]*string{}
	if sel.all {
		for name, value := range props {
			out[name] = &value
		}
		return out
	}
	ps := s.st.props(t)
	for _, name := range sel.names {
		if value, ok := props[name]; ok {
			out[name] = &value
			continue
		}
		if _, known := ps.get(name); known && sel.nulls {
			out[name] = nil
		}
	}
	return out
}

func (s *Simulator) renderRecord(t objectType, r *record, sel propertySelection) objectJSON {
	obj := objectJSON{
		ID:         r.idString(),
		Properties: s.renderProps(t, r.props, sel),
		CreatedAt:  formatTime(r.createdAt),
		UpdatedAt:  formatTime(r.updatedAt),
		Archived:   r.archived,
	}
	if r.archived {
		obj.ArchivedAt = formatTime(r.updatedAt)
	}
	return obj
}

// renderHistory returns the current value of each named property as its
// only history entry.
// The simulator keeps no per-property history, so older values are
// missing.
func renderHistory(r *record, names []string) map[string][]historyJSON {
	out := map[string][]historyJSON{}
	for _, name := range names {
		if value, ok := r.props[name]; ok {
			out[name] = []historyJSON{{
				Value: value, Timestamp: formatTime(r.updatedAt), SourceType: "API",
			}}
		}
	}
	return out
}

// listParam reads a comma-separated query parameter that may also repeat.
func listParam(r *http.Request, name string) []string {
	var out []string
	for _, raw := range r.URL.Query()[name] {
		for part := range strings.SplitSeq(raw, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// pageParams reads limit (default def, at most maxLimit) and an integer
// after from the query string.
func pageParams(r *http.Request, def, maxLimit int) (int, int, *apiError) {
	limit := def
	if raw := r.URL.Query().Get("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 {
			return 0, 0, errValidation("limit %q must be a positive integer", raw)
		}
		if n > maxLimit {
			return 0, 0, errValidation("limit %d exceeds the maximum of %d", n, maxLimit)
		}
		limit = n
	}
	after := 0
	if raw := r.URL.Query().Get("after"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 0 {
			return 0, 0, errValidation("after %q must be a non-negative integer", raw)
		}
		after = n
	}
	return limit, after, nil
}

func boolParam(r *http.Request, name string) bool {
	return r.URL.Query().Get(name) == "true"
}
