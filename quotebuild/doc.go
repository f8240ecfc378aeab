// Package quotebuild holds the rules of the quote builder, which turns a
// HubSpot deal and a submission from its deal card into an SPS customer
// and quote. It validates submissions, derives the idempotency keys of the
// SPS creates, and maps HubSpot deal, company and contact properties to
// SPS create bodies. It is pure: it performs no I/O.
package quotebuild
