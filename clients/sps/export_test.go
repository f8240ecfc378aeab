package sps

import "time"

// SetClock replaces the clock a Client uses for token refresh and
// Retry-After dates.
func SetClock(c *Client, now func() time.Time) { c.now = now }
