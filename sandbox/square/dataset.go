package square

import (
	"encoding/json"
	"fmt"
	"time"

	square "github.com/square/square-go-sdk"
)

// dataset is the seller account's data. The Simulator's mutex guards it.
// Stored objects are private copies and are never modified after loading.
type dataset struct {
	orders    map[string]*storedOrder
	customers map[string]*square.Customer
	// deleted holds ids of customers removed by DeleteCustomer, which
	// orders may still reference.
	deleted   map[string]bool
	locations map[string]*square.Location
	// catalog contains the objects as loaded, with variations nested in
	// their items. catalogIndex finds every object by id, variations too.
	catalog      map[string]*square.CatalogObject
	catalogIndex map[string]*catalogEntry
	// catalogChildren lists the nested variation ids of each item.
	catalogChildren map[string][]string
	// catalogDeleted contains deleted catalog objects by id, with
	// is_deleted true. A deleted item keeps its variations nested, and
	// each of them is also listed under its own id.
	catalogDeleted map[string]*square.CatalogObject
	// catalogVersion is the latest version given to a catalog write, and
	// catalogSeq counts the server ids generated so far.
	catalogVersion int64
	catalogSeq     int64
	// catalogReplies contains the stored response of every successful
	// BatchUpsertCatalogObjects request, by idempotency key.
	catalogReplies map[string]*catalogReply
}

// storedOrder is an order with its timestamps parsed once at load.
type storedOrder struct {
	order   *square.Order
	arrival time.Time // zero: visible from the start
	// created, updated and closed are zero when the order lacks the field.
	created, updated, closed time.Time
}

// catalogEntry is one retrievable catalog object. parentID is the item of
// a nested variation.
type catalogEntry struct {
	object   *square.CatalogObject
	parentID string
}

func newDataset() *dataset {
	return &dataset{
		orders:       map[string]*storedOrder{},
		customers:    map[string]*square.Customer{},
		deleted:      map[string]bool{},
		locations:    map[string]*square.Location{},
		catalog:      map[string]*square.CatalogObject{},
		catalogIndex: map[string]*catalogEntry{},

		catalogChildren: map[string][]string{},
		catalogDeleted:  map[string]*square.CatalogObject{},
		catalogReplies:  map[string]*catalogReply{},
	}
}

// cloneJSON deep-copies v through its JSON encoding, which is also the
// form the API serves it in.
func cloneJSON[T any](v *T) (*T, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	out := new(T)
	if err := json.Unmarshal(raw, out); err != nil {
		return nil, err
	}
	return out, nil
}

// newStoredOrder copies order and parses its timestamps.
func newStoredOrder(order *square.Order, arrival time.Time) (*storedOrder, error) {
	if order == nil {
		return nil, fmt.Errorf("order is null")
	}
	id := order.GetID()
	if id == nil || *id == "" {
		return nil, fmt.Errorf("order for location %q: id is missing", order.GetLocationID())
	}
	if order.GetLocationID() == "" {
		return nil, fmt.Errorf("order %s: location_id is missing", *id)
	}
	copied, err := cloneJSON(order)
	if err != nil {
		return nil, fmt.Errorf("order %s: copy: %w", *id, err)
	}

	stored := &storedOrder{order: copied, arrival: arrival}
	fields := []struct {
		name  string
		value *string
		dst   *time.Time
	}{
		{"created_at", order.GetCreatedAt(), &stored.created},
		{"updated_at", order.GetUpdatedAt(), &stored.updated},
		{"closed_at", order.GetClosedAt(), &stored.closed},
	}
	for _, f := range fields {
		if f.value == nil {
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, *f.value)
		if err != nil {
			return nil, fmt.Errorf("order %s: %s %q is not RFC 3339: %w", *id, f.name, *f.value, err)
		}
		*f.dst = t
	}
	return stored, nil
}

// catalogObjectID reads the id of any catalog object variant. It fails
// for an object of an unknown type, which the SDK decodes with every
// variant empty.
func catalogObjectID(object *square.CatalogObject) (string, error) {
	if object == nil {
		return "", fmt.Errorf("catalog object is null")
	}
	raw, err := json.Marshal(object)
	if err != nil {
		return "", fmt.Errorf("catalog object of type %q: %w", object.Type, err)
	}
	var head struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return "", fmt.Errorf("catalog object of type %q: %w", object.Type, err)
	}
	if head.ID == "" {
		return "", fmt.Errorf("catalog object of type %q: id is missing", object.Type)
	}
	return head.ID, nil
}

// catalogEntries lists object and, for an item, its nested variations,
// keyed by id.
func catalogEntries(id string, object *square.CatalogObject) (map[string]*catalogEntry, error) {
	entries := map[string]*catalogEntry{id: {object: object}}
	if object.Item == nil || object.Item.ItemData == nil {
		return entries, nil
	}
	for i, variation := range object.Item.ItemData.Variations {
		variationID, err := catalogObjectID(variation)
		if err != nil {
			return nil, fmt.Errorf("item %s: variations[%d]: %w", id, i, err)
		}
		entries[variationID] = &catalogEntry{object: variation, parentID: id}
	}
	return entries, nil
}
