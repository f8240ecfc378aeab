package hubspot

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// State is the document Save writes and Load reads: every record
// (archived ones flagged), every association in both directions, the
// property definitions per object type, the deal pipelines and the next
// record id.
type State struct {
	NextID       int64                  `json:"nextId"`
	Objects      []Object               `json:"objects"`
	Associations []Association          `json:"associations"`
	Properties   map[string][]*Property `json:"properties"`
	Pipelines    []Pipeline             `json:"pipelines"`
}

// Save writes the full state as JSON.
func (s *Simulator) Save(w io.Writer) error {
	s.mu.Lock()
	state := s.st.export()
	s.mu.Unlock()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(state); err != nil {
		return fmt.Errorf("hubspot simulator: writing state: %w", err)
	}
	return nil
}

func (st *store) export() State {
	state := State{
		NextID:     st.nextID,
		Objects:    []Object{},
		Properties: map[string][]*Property{},
		Pipelines:  clonePipelines(st.pipelines),
	}
	for _, t := range objectTypes {
		ts := st.objects[t.name]
		for _, id := range ts.ids {
			state.Objects = append(state.Objects, exportObject(t, ts.records[id]))
		}
		for _, p := range st.properties[t.name].all() {
			state.Properties[t.name] = append(state.Properties[t.name], p.clone())
		}
		for _, to := range objectTypes {
			for _, e := range st.assoc.pair(t.name, to.name) {
				state.Associations = append(state.Associations, e.export())
			}
		}
	}
	return state
}

// Load replaces the whole state with a document written by Save. On error
// the previous state stays.
func (s *Simulator) Load(r io.Reader) error {
	var state State
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&state); err != nil {
		return fmt.Errorf("hubspot simulator: reading state: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := buildState(state, s.now(), s.st.searchLag)
	if err != nil {
		return fmt.Errorf("hubspot simulator: loading state: %w", err)
	}
	s.st = st
	return nil
}

func buildState(state State, now time.Time, searchLag time.Duration) (*store, error) {
	st := newStore(now)
	st.searchLag = searchLag
	for typeName, list := range state.Properties {
		t, ok := lookupObjectType(typeName, true)
		if !ok {
			return nil, fmt.Errorf("properties: object type %q is unknown", typeName)
		}
		for _, p := range list {
			if p == nil || p.Name == "" {
				return nil, fmt.Errorf("properties of %s: a definition has no name", t.name)
			}
			if apiErr := checkTypePair(p.Name, p.Type, p.FieldType); apiErr != nil {
				return nil, fmt.Errorf("properties of %s: %s", t.name, apiErr.body.Message)
			}
			st.properties[t.name].add(p.clone())
			if p.HasUniqueValue && p.Name != objectIDProp {
				st.unique[t.name][p.Name] = map[string]int64{}
			}
		}
	}
	if len(state.Pipelines) > 0 {
		st.pipelines = nil
	}
	if err := st.loadPortal(Portal{
		Objects: state.Objects, Associations: state.Associations, Pipelines: state.Pipelines,
	}, now); err != nil {
		return nil, err
	}
	st.nextID = max(st.nextID, state.NextID)
	return st, nil
}

// LoadPortal adds the portal's pipelines, records and associations, in
// that order. Records keep their ids and timestamps and are searchable at
// once. A pipeline with the id of an existing one replaces it. On error
// nothing is added. Errors name the record and the problem: an unknown
// object type or property, a non-numeric or duplicate id, an invalid value,
// a duplicate unique value, or a deal without a valid pipeline and stage.
// An association fails when its type does not fit or a record is missing.
func (s *Simulator) LoadPortal(p Portal) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := s.st.clone()
	if err := next.loadPortal(p, s.now()); err != nil {
		return fmt.Errorf("hubspot simulator: loading portal: %w", err)
	}
	s.st = next
	return nil
}

func (st *store) loadPortal(p Portal, now time.Time) error {
	for _, pipeline := range p.Pipelines {
		if err := validatePipeline(pipeline); err != nil {
			return err
		}
		st.putPipeline(pipeline)
	}
	for i, obj := range p.Objects {
		if err := st.loadObject(obj, now); err != nil {
			return fmt.Errorf("objects[%d]: %w", i, err)
		}
	}
	for i, a := range p.Associations {
		if err := st.loadAssociation(a); err != nil {
			return fmt.Errorf("associations[%d]: %w", i, err)
		}
	}
	return nil
}

// loadObject validates and stores one portal record. Read-only values such
// as hs_marketable_status may be loaded; system and calculated values are
// recomputed.
func (st *store) loadObject(obj Object, now time.Time) error {
	t, ok := lookupObjectType(obj.ObjectType, true)
	if !ok {
		return fmt.Errorf("record %s: objectType %q is unknown", obj.ID, obj.ObjectType)
	}
	id, err := strconv.ParseInt(obj.ID, 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("%s record: id %q is not a positive integer", t.name, obj.ID)
	}
	if _, exists := st.objects[t.name].records[id]; exists {
		return fmt.Errorf("%s %d: id already exists", t.name, id)
	}

	values, err := st.loadValues(t, obj)
	if err != nil {
		return fmt.Errorf("%s %d: %w", t.name, id, err)
	}
	if !obj.Archived {
		if apiErr := st.checkUnique(t, values, id, nil); apiErr != nil {
			return fmt.Errorf("%s %d: %s", t.name, id, apiErr.body.Message)
		}
	}

	created := obj.CreatedAt
	if created.IsZero() {
		created = now
	}
	updated := obj.UpdatedAt
	if updated.IsZero() {
		updated = created
	}
	r := &record{id: id, props: values, createdAt: created.UTC(), updatedAt: updated.UTC(),
		archived: obj.Archived}
	st.derive(t, id, r.props, r.createdAt, r.updatedAt)
	st.insert(t, r, time.Time{})
	return nil
}

// loadValues normalises a portal record's values like an update does.
func (st *store) loadValues(t objectType, obj Object) (map[string]string, error) {
	values := map[string]string{}
	var problems []string
	for _, name := range slices.Sorted(maps.Keys(obj.Properties)) {
		p, ok := st.props(t).get(name)
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("property %s does not exist", name))
			continue
		case p.Calculated || name == objectIDProp || name == createDateProp || name == t.lastModified:
			continue
		}
		value, found, ok := st.normalizeFor(t, p, obj.Properties[name], modeUpdate)
		if !ok {
			problems = append(problems, found.Message)
			continue
		}
		if value != "" {
			values[name] = value
		}
	}
	if t.name == "deals" {
		st.defaultPipeline(values)
		for _, pr := range st.dealProblems(nil, values, modeCreate) {
			problems = append(problems, pr.Name+": "+pr.Message)
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("invalid properties: %s", strings.Join(problems, "; "))
	}
	return values, nil
}

// loadAssociation validates and stores one portal association with its
// inverse.
func (st *store) loadAssociation(a Association) error {
	from, okFrom := lookupObjectType(a.FromType, true)
	to, okTo := lookupObjectType(a.ToType, true)
	if !okFrom || !okTo {
		return fmt.Errorf("association %s %s → %s %s: object type is unknown",
			a.FromType, a.FromID, a.ToType, a.ToID)
	}
	at, ok := associationTypeFrom(from.name, a.TypeID)
	if !ok || at.to != to.name {
		return fmt.Errorf("association %s %s → %s %s: type id %d does not fit %s to %s",
			from.name, a.FromID, to.name, a.ToID, a.TypeID, from.name, to.name)
	}
	fromID, errFrom := strconv.ParseInt(a.FromID, 10, 64)
	toID, errTo := strconv.ParseInt(a.ToID, 10, 64)
	_, fromExists := st.objects[from.name].records[fromID]
	_, toExists := st.objects[to.name].records[toID]
	if errFrom != nil || errTo != nil || !fromExists || !toExists {
		return fmt.Errorf("association %s %s → %s %s: a record does not exist",
			from.name, a.FromID, to.name, a.ToID)
	}
	st.assoc.add(edge{from.name, fromID, to.name, toID, at.id})
	return nil
}
