package productmap

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strconv"
)

// contentHashVersion starts every hashed input. Changing the hashed fields
// must change it, so every product is written once more after the change.
const contentHashVersion = "product-content-v1"

// ContentHash returns a stable hex SHA-256 of every field a sink receives:
// id, SKU, key, the text fields, the active flag and both prices. A change
// of any of them changes the hash. ModifiedDate is left out, so a record
// that SPS saved again without a change hashes the same. Each field is
// written with its length in front, so moving text from one field to the
// next also changes the hash.
func ContentHash(p Product) string {
	h := sha256.New()
	writeField(h, contentHashVersion)
	writeField(h, strconv.FormatInt(p.ID, 10))
	for _, text := range []string{
		p.SKU, p.Key, p.Name, p.Description, p.Category, p.Subcategory, p.Type, p.Color,
		p.Finish, p.Thickness, p.Dimensions, p.Supplier, p.Brand, p.Origin, p.ImageURL,
	} {
		writeField(h, text)
	}
	writeField(h, strconv.FormatBool(p.Active))
	writeField(h, centsKey(p.WholesaleCents))
	writeField(h, centsKey(p.ContractorCents))
	return hex.EncodeToString(h.Sum(nil))
}

// writeField writes s with its length in front.
func writeField(h hash.Hash, s string) {
	// hash.Hash.Write never returns an error.
	_, _ = h.Write([]byte(strconv.Itoa(len(s)) + ":" + s + ";"))
}

// centsKey returns the cents as decimal text, "none" when nil, so that no
// price and a price of 0 hash differently.
func centsKey(cents *int64) string {
	if cents == nil {
		return "none"
	}
	return strconv.FormatInt(*cents, 10)
}
