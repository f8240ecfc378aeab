// Package sps is a Stone Profits (SPS) ERP API simulator: an http.Handler
// that the clients/sps client talks to. Tests mount it in httptest and the
// dev stack serves it on loopback.
//
// SPS publishes no API documentation, so the simulator implements the
// contract the sync is built against, with its known, assumed and proposed
// parts:
//
//	POST /v1/token/loginv1  {"username","password","authorizedNumber"} -> {"token","expiresIn"}
//	POST /v2/Customers      query customers; filters status, salesRepName
//	GET  /v2/Customers/{id} one customer
//	POST /v2/Quotes         query quotes; filter modifiedSince (RFC 3339, inclusive)
//	GET  /v2/Quotes/{id}    one quote
//	POST /v2/Products       query products; filter status
//
// Every /v2 request needs "Authorization: Bearer <token>" with a token from
// the login endpoint. A missing, unknown or expired token gets 401 with
// error code unauthorized, invalid_token or token_expired. Tokens expire
// Options.TokenTTL after login, measured by Options.Clock, and
// ExpireTokens ends them all at once. Wrong credentials get 401
// invalid_credentials, and the response never repeats them.
//
// A query body is {"filters":{...},"pageNumber":n,"pageSize":m}. Pages
// count from 1 (default 1) and hold at most MaxPageSize records: a larger
// pageSize is accepted and capped, and a missing one means MaxPageSize.
// Records come in ascending id order. The response is
// {"data":[...],"totalCount":n,"pageNumber":n,"pageSize":m}, where
// pageSize is the size actually used. The status and salesRepName filters
// match exactly but ignore case, and "" means no filter, so customers with
// an empty salesRepName are found only without that filter. Each query
// page is delayed by Options.PageLatency.
//
// POST /v2/Customers with {"customer":{...}} and POST /v2/Quotes with
// {"quote":{...}} are the proposed create forms, recognised by their body.
// A created customer gets the next id after the highest stored one and
// the code "C<id>". A created quote needs a stored customerID and lines
// whose sku names an active product (case and spaces ignored). A line
// without unitPrice takes the product's contractor price. The quote is
// numbered "Q-<n>" after the highest number, stored as Quoted with a null
// stage, and returned by quote queries. Both respond 201 with
// {"customer":{...}} or {"quote":{...}}, and 400 naming the missing
// customer or the line and its SKU. Every create needs an Idempotency-Key
// header: the same key and body on the same path replays the first 2xx
// response without creating, and the same key with another body gets 422
// idempotency_mismatch. CreateFaults can make a create store its record
// and then respond 503, as a lost response.
//
// Quote-status webhooks (proposed) go to Options.WebhookURL (loopback
// only): POST {"event":"quote.status_changed","eventId","quoteId",
// "status","occurredAt"}, signed with webhooksig.SignSPS and
// webhooksig.SPSTimestamp. The admin surface triggers them.
//
// Failures are {"error":"<code>","message":"<text>"} with 400 (invalid
// request, malformed JSON), 401, 404 (unknown record or endpoint), 405,
// 413 (body over 1 MiB), 422 (idempotency key reused), 429 (with
// Retry-After in seconds) and 5xx.
// Injected faults (see Faults) are decided before authentication or any
// read of the body, so they never change state.
//
// Records keep the values they were loaded with: "" in numeric and date
// fields, numbers sent as strings and a null stage come back as loaded
// (the clients/sps Decimal and Time types store them that way).
//
// The admin surface needs no authentication and is not part of the SPS
// API. Its errors use the same error body:
//
//	GET  /_admin/state          the full state, as Save writes it
//	POST /_admin/customers      [<Customer>...] upserted by id -> {"loaded": n}
//	POST /_admin/quotes         [<Quote>...] upserted by id -> {"loaded": n}
//	POST /_admin/products       [<Product>...] upserted by id -> {"loaded": n}
//	DELETE /_admin/products/{id}  remove one product, as deleting it in SPS does -> 204, or 404
//	GET  /_admin/calls          API requests per endpoint, {"POST /v2/Customers": 3}
//	GET  /_admin/faults         the fault settings (see Faults)
//	PUT  /_admin/faults         replace the fault settings; invalid values get 400
//	POST /_admin/expire-tokens  end every issued token -> {"expired": n}
//	GET  /_admin/create-faults  the create fault settings (see CreateFaults)
//	PUT  /_admin/create-faults  {"failAfterStore": n}
//	POST /_admin/quotes/{id}/status  {"status","occurredAt","deliveries","deliver"}:
//	                            change a quote's status and stage, then
//	                            deliver the event deliveries times unless
//	                            deliver is false
//	POST /_admin/webhooks/replay  {"quoteId","status","occurredAt","eventId","deliveries"}:
//	                            deliver an event without changing a quote
//
// Admin loads take records in the JSON shape the API returns, up to
// 64 MiB per request. A batch with an invalid record loads nothing.
package sps
