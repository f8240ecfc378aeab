package square

import (
	"fmt"
	"time"

	square "github.com/square/square-go-sdk"
)

// LoadOrders adds or replaces orders. arrivals maps an order id to the
// time it becomes visible to the API, which models offline Point of Sale
// orders that reach Square late. An order without an entry is visible at
// once. LoadOrders returns an error and loads nothing when an order lacks
// id or location_id or has a timestamp that is not RFC 3339. It does the
// same when an arrival names an order that is neither in orders nor
// already loaded.
func (s *Simulator) LoadOrders(orders []*square.Order, arrivals map[string]time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()

	prepared := make(map[string]*storedOrder, len(orders))
	for i, order := range orders {
		stored, err := newStoredOrder(order, time.Time{})
		if err != nil {
			return fmt.Errorf("load orders: orders[%d]: %w", i, err)
		}
		prepared[*stored.order.ID] = stored
	}
	for id, arrival := range arrivals {
		stored, ok := prepared[id]
		if !ok {
			existing, loaded := s.data.orders[id]
			if !loaded {
				return fmt.Errorf("load orders: arrival for order %s: no such order", id)
			}
			copied := *existing
			stored = &copied
			prepared[id] = stored
		}
		stored.arrival = arrival
	}

	for id, stored := range prepared {
		s.data.orders[id] = stored
	}
	return nil
}

// LoadCustomers adds or replaces customer profiles. A loaded id is no
// longer deleted. It returns an error, and loads nothing, when a customer
// lacks an id.
func (s *Simulator) LoadCustomers(customers []*square.Customer) error {
	s.mu.Lock()
	defer s.mu.Unlock()

	prepared := make([]*square.Customer, 0, len(customers))
	for i, customer := range customers {
		if customer.GetID() == nil || *customer.GetID() == "" {
			return fmt.Errorf("load customers: customers[%d]: id is missing", i)
		}
		copied, err := cloneJSON(customer)
		if err != nil {
			return fmt.Errorf("load customers: customer %s: copy: %w", *customer.ID, err)
		}
		prepared = append(prepared, copied)
	}

	for _, customer := range prepared {
		s.data.customers[*customer.ID] = customer
		delete(s.data.deleted, *customer.ID)
	}
	return nil
}

// DeleteCustomer removes a customer profile, as Square does when profiles
// are merged or deleted. Orders keep referencing the id, and retrieving it
// returns 404 NOT_FOUND. Deleting an unknown id records it as deleted.
func (s *Simulator) DeleteCustomer(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()

	delete(s.data.customers, id)
	s.data.deleted[id] = true
}

// LoadLocations adds or replaces locations. It returns an error, and
// loads nothing, when a location lacks an id.
func (s *Simulator) LoadLocations(locations []*square.Location) error {
	s.mu.Lock()
	defer s.mu.Unlock()

	prepared := make([]*square.Location, 0, len(locations))
	for i, location := range locations {
		if location.GetID() == nil || *location.GetID() == "" {
			return fmt.Errorf("load locations: locations[%d]: id is missing", i)
		}
		copied, err := cloneJSON(location)
		if err != nil {
			return fmt.Errorf("load locations: location %s: copy: %w", *location.ID, err)
		}
		prepared = append(prepared, copied)
	}

	for _, location := range prepared {
		s.data.locations[*location.ID] = location
	}
	return nil
}

// LoadCatalog adds or replaces catalog objects in the shape Square returns
// them: an ITEM carries its ITEM_VARIATIONs nested in item_data.variations,
// and BatchRetrieveCatalogObjects finds those variations by id too. It
// returns an error, and loads nothing, when an object or a nested
// variation lacks an id or has a type the SDK does not know.
func (s *Simulator) LoadCatalog(objects []*square.CatalogObject) error {
	s.mu.Lock()
	defer s.mu.Unlock()

	type preparedObject struct {
		id      string
		object  *square.CatalogObject
		entries map[string]*catalogEntry
	}
	// Objects without a version get one, because an update must send the
	// current version. Later writes get versions above every loaded one.
	version := max(s.data.catalogVersion+1, s.clock().UnixMilli())
	updatedAt := formatCatalogTime(s.clock())
	latest := s.data.catalogVersion
	prepared := make([]preparedObject, 0, len(objects))
	for i, object := range objects {
		id, err := catalogObjectID(object)
		if err != nil {
			return fmt.Errorf("load catalog: objects[%d]: %w", i, err)
		}
		copied, highest, err := versionedCopy(object, version, updatedAt)
		if err != nil {
			return fmt.Errorf("load catalog: object %s: copy: %w", id, err)
		}
		entries, err := catalogEntries(id, copied)
		if err != nil {
			return fmt.Errorf("load catalog: %w", err)
		}
		latest = max(latest, highest)
		prepared = append(prepared, preparedObject{id: id, object: copied, entries: entries})
	}

	s.data.catalogVersion = latest
	for _, p := range prepared {
		s.data.replaceCatalogObject(p.id, p.object, p.entries)
	}
	return nil
}

// replaceCatalogObject stores object under id with its index entries,
// dropping the entries of the object it replaces.
func (d *dataset) replaceCatalogObject(
	id string, object *square.CatalogObject, entries map[string]*catalogEntry,
) {
	for _, childID := range d.catalogChildren[id] {
		delete(d.catalogIndex, childID)
	}
	delete(d.catalogChildren, id)

	d.catalog[id] = object
	for entryID, entry := range entries {
		delete(d.catalogDeleted, entryID)
		d.catalogIndex[entryID] = entry
		if entry.parentID != "" {
			d.catalogChildren[id] = append(d.catalogChildren[id], entryID)
		}
	}
}
