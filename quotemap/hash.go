package quotemap

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strconv"
	"time"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/normalize"
)

// contentHashVersion starts every hashed input. Changing the hashed fields
// must change it, and then every deal counts one revision on its next sync.
const contentHashVersion = "quote-content-v1"

// ContentHash returns a stable hex SHA-256 of the quote fields whose change
// makes a new revision: total, the lines in order (sku, description,
// quantity, unitPrice), expiryDate, jobName, customerID and
// projectTypeValue. Numbers are hashed in canonical form, so "1500" and
// "1500.00" give the same hash. Text is hashed with whitespace collapsed,
// and expiryDate as an instant, so "2026-12-31" equals
// "2026-12-31T00:00:00Z". The id, modifiedDate, transactionStatus, stage,
// sales rep and names are left out, because a status change is not a
// revision. The result is never "".
func ContentHash(q sps.Quote) string {
	h := sha256.New()
	writeField(h, contentHashVersion)
	writeField(h, decimalKey(q.Total))
	writeField(h, expiryKey(q.ExpiryDate))
	writeField(h, normalize.PersonName(q.JobName))
	writeField(h, decimalKey(q.CustomerID))
	writeField(h, normalize.PersonName(q.ProjectTypeValue))

	writeField(h, strconv.Itoa(len(q.Lines)))
	for _, line := range q.Lines {
		writeField(h, normalize.PersonName(line.SKU))
		writeField(h, normalize.PersonName(line.Description))
		writeField(h, decimalKey(line.Quantity))
		writeField(h, decimalKey(line.UnitPrice))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// writeField writes s with its length in front, so no two field lists
// produce the same byte stream.
func writeField(h hash.Hash, s string) {
	// hash.Hash.Write never returns an error.
	_, _ = h.Write([]byte(strconv.Itoa(len(s)) + ":" + s + ";"))
}

// expiryKey returns the expiry date as an RFC 3339 instant in UTC, and ""
// when unset.
func expiryKey(t sps.Time) string {
	if !t.IsSet() {
		return ""
	}
	return t.Time().UTC().Format(time.RFC3339Nano)
}
