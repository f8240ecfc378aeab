package quotemap

import (
	"math"
	"strconv"
	"strings"

	"github.com/stonecity/sync/hubspotvalue"
)

// NextRevision returns the deal's sps_revision_count after a sync, given
// the deal's current count and content hash and the quote's new
// ContentHash. changed is true only when both hashes are non-empty and
// differ; then count is the current count plus one. When the deal has no
// hash yet (first sync, or a deal written before hashes existed) or the
// hashes are equal, count is the current count unchanged. A current count
// that is "", negative or not a whole number counts as 0. count is a
// decimal string such as "3", never "".
func NextRevision(currentCount string, currentHash, newHash string) (count string, changed bool) {
	current := parseCount(currentCount)

	currentHash = strings.TrimSpace(currentHash)
	newHash = strings.TrimSpace(newHash)
	if currentHash == "" || newHash == "" || currentHash == newHash {
		return strconv.FormatInt(current, 10), false
	}

	if current < math.MaxInt64 {
		current++
	}
	return strconv.FormatInt(current, 10), true
}

// parseCount reads a HubSpot number property as a revision count. HubSpot
// may return a whole number as "3" or "3.0", so the canonical form is
// parsed. Anything that is not a non-negative whole number gives 0.
func parseCount(value string) int64 {
	canonical, ok := hubspotvalue.CanonicalNumber(value)
	if !ok {
		return 0
	}

	n, err := strconv.ParseInt(canonical, 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
