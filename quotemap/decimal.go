package quotemap

import (
	"strings"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/hubspotvalue"
)

// decimalKey returns d in canonical form for hashing:
// hubspotvalue.CanonicalNumber when it applies, else the trimmed text as
// sent, and "" when unset.
func decimalKey(d sps.Decimal) string {
	if canonical, ok := hubspotvalue.CanonicalNumber(d.String()); ok {
		return canonical
	}
	return strings.TrimSpace(d.String())
}
