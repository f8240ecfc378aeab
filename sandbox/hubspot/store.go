package hubspot

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// record is one stored CRM record.
type record struct {
	id        int64
	props     map[string]string // set values only; never contains ""
	createdAt time.Time
	updatedAt time.Time
	archived  bool
	// versions is the search index history, oldest first. Search reads the
	// newest version written at least the index lag ago.
	versions []indexedVersion
}

// indexedVersion is the state of a record as stored in the search index.
type indexedVersion struct {
	at        time.Time // when the write happened
	props     map[string]string
	updatedAt time.Time
}

func (r *record) idString() string { return strconv.FormatInt(r.id, 10) }

func (r *record) clone() *record {
	c := *r
	c.props = maps.Clone(r.props)
	c.versions = slices.Clone(r.versions)
	return &c
}

// typeStore contains the records of one object type.
type typeStore struct {
	records map[int64]*record
	ids     []int64 // every record id, archived included, ascending
}

// store is the whole simulated portal. The Simulator's mutex guards it.
type store struct {
	nextID     int64
	objects    map[string]*typeStore
	properties map[string]*propertySet
	// unique maps type → property → value key → id of the live record
	// holding that value.
	unique    map[string]map[string]map[string]int64
	assoc     *associationStore
	pipelines []Pipeline
	searchLag time.Duration
}

func newStore(now time.Time) *store {
	st := &store{
		nextID:     1,
		objects:    map[string]*typeStore{},
		properties: standardPropertySets(now),
		unique:     map[string]map[string]map[string]int64{},
		assoc:      newAssociationStore(),
		pipelines:  []Pipeline{defaultDealPipeline()},
	}
	for _, t := range objectTypes {
		st.objects[t.name] = &typeStore{records: map[int64]*record{}}
		st.unique[t.name] = map[string]map[string]int64{}
		for _, name := range st.properties[t.name].uniqueNames(t) {
			st.unique[t.name][name] = map[string]int64{}
		}
	}
	return st
}

func (st *store) clone() *store {
	c := &store{
		nextID:     st.nextID,
		objects:    make(map[string]*typeStore, len(st.objects)),
		properties: make(map[string]*propertySet, len(st.properties)),
		unique:     make(map[string]map[string]map[string]int64, len(st.unique)),
		assoc:      st.assoc.clone(),
		pipelines:  clonePipelines(st.pipelines),
		searchLag:  st.searchLag,
	}
	for name, ts := range st.objects {
		records := make(map[int64]*record, len(ts.records))
		for id, r := range ts.records {
			records[id] = r.clone()
		}
		c.objects[name] = &typeStore{records: records, ids: slices.Clone(ts.ids)}
	}
	for name, ps := range st.properties {
		c.properties[name] = ps.clone()
	}
	for name, byProp := range st.unique {
		c.unique[name] = make(map[string]map[string]int64, len(byProp))
		for prop, values := range byProp {
			c.unique[name][prop] = maps.Clone(values)
		}
	}
	return c
}

func (st *store) props(t objectType) *propertySet { return st.properties[t.name] }

// liveRecord returns the non-archived record with the given id string.
func (st *store) liveRecord(t objectType, id string) (*record, bool) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return nil, false
	}
	r, ok := st.objects[t.name].records[n]
	if !ok || r.archived {
		return nil, false
	}
	return r, true
}

// archivedRecord returns the archived record with the given id string.
func (st *store) archivedRecord(t objectType, id string) (*record, bool) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return nil, false
	}
	r, ok := st.objects[t.name].records[n]
	if !ok || !r.archived {
		return nil, false
	}
	return r, true
}

// uniqueKey is the index key of a unique value: emails match
// case-insensitively, other values exactly.
func uniqueKey(property, value string) string {
	if property == emailProp {
		return strings.ToLower(strings.TrimSpace(value))
	}
	return value
}

// isUnique reports whether the property identifies records: a unique
// property, email on contacts, or the record id.
func (st *store) isUnique(t objectType, property string) bool {
	if property == objectIDProp {
		return true
	}
	_, ok := st.unique[t.name][property]
	return ok
}

// lookup finds a live record by a unique property value; hs_object_id looks
// up by record id.
func (st *store) lookup(t objectType, property, value string) (*record, bool) {
	if property == "" || property == objectIDProp {
		return st.liveRecord(t, value)
	}
	id, ok := st.unique[t.name][property][uniqueKey(property, value)]
	if !ok {
		return nil, false
	}
	return st.liveRecord(t, strconv.FormatInt(id, 10))
}

// liveRecords returns the non-archived records of a type by ascending id.
func (st *store) liveRecords(t objectType) []*record {
	ts := st.objects[t.name]
	list := make([]*record, 0, len(ts.ids))
	for _, id := range ts.ids {
		if r := ts.records[id]; !r.archived {
			list = append(list, r)
		}
	}
	return list
}

// insert adds a new record, indexes its unique values and records its
// first search version.
func (st *store) insert(t objectType, r *record, indexedAt time.Time) {
	ts := st.objects[t.name]
	ts.records[r.id] = r
	pos, _ := slices.BinarySearch(ts.ids, r.id)
	ts.ids = slices.Insert(ts.ids, pos, r.id)
	if r.id >= st.nextID {
		st.nextID = r.id + 1
	}
	if !r.archived {
		st.indexUnique(t, r)
	}
	st.addVersion(r, indexedAt)
}

func (st *store) indexUnique(t objectType, r *record) {
	for prop, values := range st.unique[t.name] {
		if v, ok := r.props[prop]; ok {
			values[uniqueKey(prop, v)] = r.id
		}
	}
}

func (st *store) unindexUnique(t objectType, r *record) {
	for prop, values := range st.unique[t.name] {
		if v, ok := r.props[prop]; ok && values[uniqueKey(prop, v)] == r.id {
			delete(values, uniqueKey(prop, v))
		}
	}
}

// update applies changed values ("" clears) and recomputes derived
// properties. It reports whether any stored value changed.
func (st *store) update(t objectType, r *record, changes map[string]string, now time.Time) bool {
	next := maps.Clone(r.props)
	for name, value := range changes {
		if value == "" {
			delete(next, name)
		} else {
			next[name] = value
		}
	}
	st.derive(t, r.id, next, r.createdAt, r.updatedAt)
	if maps.Equal(next, r.props) {
		return false
	}

	st.unindexUnique(t, r)
	r.props = next
	r.updatedAt = now
	st.derive(t, r.id, r.props, r.createdAt, r.updatedAt)
	st.indexUnique(t, r)
	st.addVersion(r, now)
	return true
}

// archive hides a record from reads, search and uniqueness checks.
func (st *store) archive(t objectType, r *record, now time.Time) {
	st.unindexUnique(t, r)
	r.archived = true
	r.updatedAt = now
}

// addVersion records the current state for search and drops versions that
// search can no longer see under the current index lag.
func (st *store) addVersion(r *record, at time.Time) {
	r.versions = append(r.versions, indexedVersion{
		at: at, props: maps.Clone(r.props), updatedAt: r.updatedAt,
	})
	cutoff := at.Add(-st.searchLag)
	keepFrom := 0
	for i, v := range r.versions {
		if !v.at.After(cutoff) {
			keepFrom = i
		}
	}
	r.versions = r.versions[keepFrom:]
}

// searchVersion returns the indexed state that search reads at now: the
// newest version written at least the index lag ago. Archived records have
// none.
func (st *store) searchVersion(r *record, now time.Time) (indexedVersion, bool) {
	if r.archived {
		return indexedVersion{}, false
	}
	cutoff := now.Add(-st.searchLag)
	for i := len(r.versions) - 1; i >= 0; i-- {
		if !r.versions[i].at.After(cutoff) {
			return r.versions[i], true
		}
	}
	return indexedVersion{}, false
}

// reserveID takes the next record id from the counter shared by all types.
func (st *store) reserveID() int64 {
	id := st.nextID
	st.nextID++
	return id
}
