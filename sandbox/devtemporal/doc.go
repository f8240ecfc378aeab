// Package devtemporal runs a real Temporal server (go.temporal.io/server
// v1.32.1 with SQLite persistence) and, optionally, the Temporal Web UI
// inside the current process, for the dev stack and the end-to-end tests.
//
// Every listener binds to a loopback address. The server's version check,
// which by default calls a Temporal-hosted endpoint, is switched off, and
// Start rejects an environment that would enable OTLP trace export. One
// SQLite database serves as both the default and the visibility store, with
// a single history shard. Start registers the namespace and its custom
// search attributes before the services start, because a namespace created
// through the API becomes usable only after the server's namespace cache
// refreshes.
//
// Shut down in this order: workers, clients, then Server.Stop, which stops
// the Web UI before the server.
package devtemporal
