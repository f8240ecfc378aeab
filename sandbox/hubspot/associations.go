package hubspot

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
)

// associationType is one HUBSPOT_DEFINED association type between the
// object types the simulator serves.
type associationType struct {
	id      int
	from    string // plural type names
	to      string
	inverse int    // the same link seen from the other side
	label   string // "" for the unlabeled default type
	// unlabeled is the unlabeled type a labeled one implies; HubSpot keeps
	// an unlabeled association under every label.
	unlabeled int
	// owner marks the side of a primary label that has at most one: a
	// contact or a deal has one primary company.
	owner bool
}

const hubspotDefined = "HUBSPOT_DEFINED"

var associationTypes = []associationType{
	{id: 3, from: "deals", to: "contacts", inverse: 4},
	{id: 4, from: "contacts", to: "deals", inverse: 3},
	{id: 341, from: "deals", to: "companies", inverse: 342},
	{id: 342, from: "companies", to: "deals", inverse: 341},
	{id: 5, from: "deals", to: "companies", inverse: 6, label: "Primary", unlabeled: 341, owner: true},
	{id: 6, from: "companies", to: "deals", inverse: 5, label: "Primary", unlabeled: 342},
	{id: 279, from: "contacts", to: "companies", inverse: 280},
	{id: 280, from: "companies", to: "contacts", inverse: 279},
	{id: 1, from: "contacts", to: "companies", inverse: 2, label: "Primary", unlabeled: 279, owner: true},
	{id: 2, from: "companies", to: "contacts", inverse: 1, label: "Primary", unlabeled: 280},
	{id: 19, from: "deals", to: "line_items", inverse: 20},
	{id: 20, from: "line_items", to: "deals", inverse: 19},
}

// associationTypeFrom finds a type id defined from the given object type.
func associationTypeFrom(from string, id int) (associationType, bool) {
	for _, at := range associationTypes {
		if at.from == from && at.id == id {
			return at, true
		}
	}
	return associationType{}, false
}

// defaultAssociationType is the unlabeled type between two object types.
func defaultAssociationType(from, to string) (associationType, bool) {
	for _, at := range associationTypes {
		if at.from == from && at.to == to && at.label == "" {
			return at, true
		}
	}
	return associationType{}, false
}

// edge is one directed association.
type edge struct {
	fromType string
	fromID   int64
	toType   string
	toID     int64
	typeID   int
}

func (e edge) reversed(typeID int) edge {
	return edge{fromType: e.toType, fromID: e.toID, toType: e.fromType, toID: e.fromID, typeID: typeID}
}

func (e edge) export() Association {
	return Association{
		FromType: e.fromType, FromID: strconv.FormatInt(e.fromID, 10),
		ToType: e.toType, ToID: strconv.FormatInt(e.toID, 10), TypeID: e.typeID,
	}
}

type typePair struct{ from, to string }

// associationStore contains every association in both directions:
// type pair → from id → to id → set of type ids.
type associationStore struct {
	byPair map[typePair]map[int64]map[int64]map[int]bool
}

func newAssociationStore() *associationStore {
	return &associationStore{byPair: map[typePair]map[int64]map[int64]map[int]bool{}}
}

func (as *associationStore) clone() *associationStore {
	c := newAssociationStore()
	for pair, byFrom := range as.byPair {
		for fromID, byTo := range byFrom {
			for toID, types := range byTo {
				for typeID := range types {
					c.put(edge{pair.from, fromID, pair.to, toID, typeID})
				}
			}
		}
	}
	return c
}

func (as *associationStore) put(e edge) {
	pair := typePair{e.fromType, e.toType}
	if as.byPair[pair] == nil {
		as.byPair[pair] = map[int64]map[int64]map[int]bool{}
	}
	if as.byPair[pair][e.fromID] == nil {
		as.byPair[pair][e.fromID] = map[int64]map[int]bool{}
	}
	if as.byPair[pair][e.fromID][e.toID] == nil {
		as.byPair[pair][e.fromID][e.toID] = map[int]bool{}
	}
	as.byPair[pair][e.fromID][e.toID][e.typeID] = true
}

func (as *associationStore) drop(e edge) {
	types := as.byPair[typePair{e.fromType, e.toType}][e.fromID][e.toID]
	delete(types, e.typeID)
	if len(types) == 0 {
		delete(as.byPair[typePair{e.fromType, e.toType}][e.fromID], e.toID)
	}
}

// add stores an association of a validated type with its inverse and, for
// a label, the unlabeled association it implies. A new primary label
// replaces the owner's previous one.
func (as *associationStore) add(e edge) {
	at, _ := associationTypeFrom(e.fromType, e.typeID)
	if at.label != "" && !at.owner {
		e = e.reversed(at.inverse)
		at, _ = associationTypeFrom(e.fromType, e.typeID)
	}
	if at.owner {
		for toID, types := range as.targets(e.fromType, e.fromID, e.toType) {
			if types[at.id] {
				old := edge{e.fromType, e.fromID, e.toType, toID, at.id}
				as.drop(old)
				as.drop(old.reversed(at.inverse))
			}
		}
	}
	as.put(e)
	as.put(e.reversed(at.inverse))
	if at.unlabeled != 0 {
		plain, _ := associationTypeFrom(e.fromType, at.unlabeled)
		u := edge{e.fromType, e.fromID, e.toType, e.toID, plain.id}
		as.put(u)
		as.put(u.reversed(plain.inverse))
	}
}

// removeBetween deletes every association between two records, both
// directions.
func (as *associationStore) removeBetween(fromType string, fromID int64, toType string, toID int64) {
	delete(as.byPair[typePair{fromType, toType}][fromID], toID)
	delete(as.byPair[typePair{toType, fromType}][toID], fromID)
}

// targets returns to id → type ids for one record; callers must not
// modify the result.
func (as *associationStore) targets(fromType string, fromID int64, toType string) map[int64]map[int]bool {
	return as.byPair[typePair{fromType, toType}][fromID]
}

// pair lists the edges from one type to another, sorted.
func (as *associationStore) pair(fromType, toType string) []edge {
	byFrom := as.byPair[typePair{fromType, toType}]
	var out []edge
	for _, fromID := range slices.Sorted(maps.Keys(byFrom)) {
		for _, toID := range slices.Sorted(maps.Keys(byFrom[fromID])) {
			for _, typeID := range slices.Sorted(maps.Keys(byFrom[fromID][toID])) {
				out = append(out, edge{fromType, fromID, toType, toID, typeID})
			}
		}
	}
	return out
}

// edgeLive reports whether both ends of an association are live records.
func (st *store) edgeLive(e edge) bool {
	from, okFrom := st.objects[e.fromType].records[e.fromID]
	to, okTo := st.objects[e.toType].records[e.toID]
	return okFrom && okTo && !from.archived && !to.archived
}

// associationInput is one inline association of a create input.
type associationInput struct {
	To struct {
		ID string `json:"id"`
	} `json:"to"`
	Types []associationSpec `json:"types"`
}

// associationSpec names an association type by category and id.
type associationSpec struct {
	AssociationCategory string `json:"associationCategory"`
	AssociationTypeID   int    `json:"associationTypeId"`
}

// planEdges validates inline associations: each type must be a
// HUBSPOT_DEFINED type from this object type, and its target must exist.
// The edges' fromID is left for the caller to set.
func (st *store) planEdges(t objectType, inputs []associationInput) ([]edge, *apiError) {
	var edges []edge
	for _, in := range inputs {
		if len(in.Types) == 0 {
			return nil, errValidation("association to %s has no types", in.To.ID)
		}
		for _, spec := range in.Types {
			at, ok := associationTypeFrom(t.name, spec.AssociationTypeID)
			if !ok || spec.AssociationCategory != hubspotDefined {
				return nil, errInvalidAssociationType(t, spec)
			}
			target, _ := lookupObjectType(at.to, false)
			r, ok := st.liveRecord(target, in.To.ID)
			if !ok {
				return nil, errAssociationTarget(target, in.To.ID)
			}
			edges = append(edges, edge{fromType: t.name, toType: at.to, toID: r.id, typeID: at.id})
		}
	}
	return edges, nil
}

// errInvalidAssociationType rejects a type id that does not start at the
// object type.
// HubSpot does not document the body for a bad inline association, so
// the status and category are the simulator's choice.
func errInvalidAssociationType(t objectType, spec associationSpec) *apiError {
	return errValidation("association type %d (%s) is not a valid association type from %s",
		spec.AssociationTypeID, spec.AssociationCategory, t.name)
}

func errAssociationTarget(target objectType, id string) *apiError {
	e := errValidation("association target %s %s does not exist", target.singular, id)
	e.body.Context = map[string][]string{"toObjectId": {id}}
	return e
}

func errNoDefaultType(from, to objectType) *apiError {
	return newAPIError(http.StatusBadRequest, categoryValidation,
		fmt.Sprintf("There is no default association type from %s to %s", from.name, to.name))
}
