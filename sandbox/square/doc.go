// Package square is a Square Connect API simulator: an http.Handler that
// the official square-go-sdk v1.5.0 can talk to through
// option.WithBaseURL. Tests mount it in httptest and the dev stack serves
// it on loopback.
//
// It serves the endpoints the sync reads, in Square's wire format, with
// request and response bodies decoded and encoded by the SDK's own types:
//
//	POST /v2/orders/search           SearchOrders
//	GET  /v2/customers/{customer_id} RetrieveCustomer
//	POST /v2/customers/bulk-retrieve BulkRetrieveCustomers
//	GET  /v2/locations               ListLocations
//	POST /v2/catalog/batch-retrieve  BatchRetrieveCatalogObjects
//	POST /v2/catalog/batch-upsert    BatchUpsertCatalogObjects
//	POST /v2/catalog/batch-delete    BatchDeleteCatalogObjects
//	POST /v2/catalog/search          SearchCatalogObjects
//
// Every API request needs "Authorization: Bearer <token>" (401 otherwise)
// and, when it sends Square-Version, the one version the simulator accepts
// (400 otherwise). Responses echo Square-Version. Failures use Square's
// envelope {"errors":[{"category","code","detail","field"}]}.
//
// SearchOrders enforces Square's documented rules:
//   - 1 to 10 known location_ids, and limit 1 to 1000 (default 500);
//   - a state_filter lists at least one state;
//   - date_time_filter sets one field, and sort_field names the same one;
//   - CLOSED_AT sorting needs a state filter of only COMPLETED and CANCELED;
//   - time ranges include both ends, and an absent end_at is frozen at the
//     first request of a cursor;
//   - the default sort is CREATED_AT DESC, with ties broken by order id.
//
// Catalog writes follow Square's documented rules:
//   - One write (upsert or delete) runs at a time per seller, and another
//     write arriving meanwhile gets 429 RATE_LIMITED (see
//     SetCatalogWriteLatency and SetCatalogWriteHook).
//   - An upsert needs an idempotency_key of 1 to 128 characters. The same
//     key and body replay the first response without writing. The same
//     key with another body gets 400 IDEMPOTENCY_KEY_REUSED.
//   - An upsert takes at most 1,000 objects per batch and 10,000 per
//     request, nested variations included. Ids starting with # get
//     server ids, resolve within their batch and come back in id_mappings.
//   - An update sends the current version and the full object. A stale or
//     missing version gets 409 CONFLICT, and any rejected object fails the
//     whole request with nothing written.
//   - An ITEM has 1 to 250 variations, a name of at most 512 characters
//     and a description of at most 4,096.
//   - A delete takes at most 200 ids and cascades from an item to its
//     variations. Deleted objects stay readable with
//     include_deleted_objects.
//
// Cursors are opaque, bound to the exact request they continue, and are
// omitted on the last page. An order with a future arrival time (per
// Options.Clock) is invisible, which models Point of Sale orders taken
// offline that reach Square up to 72 hours late.
//
// The admin surface needs no authentication and is not part of Square's
// API:
//
//	POST /_admin/orders     {"orders":[<Order>...],"arrivals":{"<order id>":"<RFC 3339>"}}
//	POST /_admin/customers  {"customers":[<Customer>...]}
//	POST /_admin/locations  {"locations":[<Location>...]}
//	POST /_admin/catalog    {"objects":[<CatalogObject>...]}
//	GET  /_admin/catalog    live items, {"count":n,"variations":n,"items":[...]}, or with ?sku= one item
//	GET  /_admin/state      the full state, as Save writes it
//	GET  /_admin/calls      API calls per endpoint, {"POST /v2/orders/search": 3}
//	GET  /_admin/faults     the fault settings (see Faults)
//	PUT  /_admin/faults     replace the fault settings; invalid values get 400
//
// Loaded objects are in the JSON shape Square returns. Loading an object
// whose id is already present replaces it. A successful load responds
// with {"loaded": <count>}.
package square
