// Package hubspot is an in-memory simulator of the HubSpot CRM API, served
// as an http.Handler for client tests, end-to-end tests and the dev stack.
//
// It serves contacts, companies, deals, line_items and products (also by
// type id 0-1, 0-2, 0-3, 0-8 and 0-7) under both the v3/v4 paths and the
// date-based ones (/crm/objects/2026-09/..., /crm/associations/2026-09/...,
// /crm/properties/2026-09/..., /crm/pipelines/2026-09/...; 2025-09 and
// 2026-03 are accepted too):
//
//   - objects: list, get (idProperty), create, update, archive, and
//     batch/read, batch/create, batch/update, batch/upsert, batch/archive
//   - search, with index lag
//   - properties: list, get, create, update
//   - pipelines: list, get
//   - associations v4: default and labeled PUT, DELETE, per-record GET,
//     batch/associate/default, batch/read, batch/archive
//
// By default it is as strict as HubSpot. It requires bearer auth and caps
// batches at 100 inputs. A batch create is all-or-nothing unless every
// input has an objectWriteTraceId. Contact email (409 on a duplicate) and
// hasUniqueValue properties (400 with category CONFLICT) are unique, and
// every written value is validated against its property definition. Search
// has HubSpot's limits. The ten-second, daily and search-per-second rate
// limits respond 429 with HubSpot's bodies and headers, and with
// Retry-After only when Faults.RetryAfterSeconds is set. Request bodies over 10 MB get 413, and
// unknown JSON fields get 400.
//
// # Admin API
//
// Paths under /_admin/ need no token, are not counted by Calls and take
// and return JSON:
//
//	GET  /_admin/state           the Save document (see State)
//	PUT  /_admin/state           replace the whole state with a Save document
//	POST /_admin/portal          load a Portal (records in HubSpot's object
//	                             JSON shape plus objectType), as LoadPortal;
//	                             returns the counts loaded
//	GET  /_admin/objects/{type}  the live records of one type, as Objects
//	GET  /_admin/calls           API calls per endpoint, as Calls
//	GET  /_admin/faults          the current Faults
//	PUT  /_admin/faults          replace the Faults; out-of-range values get 400
//
// Admin errors are {"status":"error","message":"..."} with 400 or 404.
//
// # Known gaps
//
// Objects reads ignore the associations query parameter, search matches
// the free-text query as a substring rather than by tokens, property
// history contains only the current value, and there are no tickets, custom
// objects, property groups, or writes to pipelines.
package hubspot
