package productmap

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Object names of the S3 mirror.
const (
	// MirrorPrefix starts the object name of every product document.
	MirrorPrefix = "by-sku/"
	// MirrorIndexKey is the object name of the index. It lies outside
	// MirrorPrefix, so a listing of the product documents never includes it
	// and no product key can collide with it.
	MirrorIndexKey = "index.json"

	mirrorSuffix = ".json"
)

// MirrorKey returns the object name of the document of key:
// "by-sku/<escaped key>.json". The escape keeps ASCII letters, digits,
// "-", "_" and "." and writes every other byte as "%XX" with upper-case
// hex, so the name has no "/", no space and no control character, and
// KeyFromMirrorKey reverses it.
func MirrorKey(key string) string {
	var b strings.Builder
	b.Grow(len(MirrorPrefix) + len(key) + len(mirrorSuffix))
	b.WriteString(MirrorPrefix)
	for i := 0; i < len(key); i++ {
		c := key[i]
		if isSafeKeyByte(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&0x0f])
	}
	b.WriteString(mirrorSuffix)
	return b.String()
}

const upperHex = "0123456789ABCDEF"

func isSafeKeyByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
		c == '-' || c == '_' || c == '.'
}

// KeyFromMirrorKey returns the product key of a document's object name;
// ok is false for any name MirrorKey does not produce, the index included.
func KeyFromMirrorKey(object string) (key string, ok bool) {
	escaped, ok := strings.CutPrefix(object, MirrorPrefix)
	if !ok {
		return "", false
	}
	escaped, ok = strings.CutSuffix(escaped, mirrorSuffix)
	if !ok {
		return "", false
	}

	var b strings.Builder
	for i := 0; i < len(escaped); i++ {
		c := escaped[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		if i+2 >= len(escaped) {
			return "", false
		}
		hi, lo := strings.IndexByte(upperHex, escaped[i+1]), strings.IndexByte(upperHex, escaped[i+2])
		if hi < 0 || lo < 0 {
			return "", false
		}
		b.WriteByte(byte(hi<<4 | lo))
		i += 2
	}

	key = b.String()
	if MirrorKey(key) != object {
		return "", false
	}
	return key, true
}

// IndexEntry is one product in the mirror's index.
type IndexEntry struct {
	SKU      string `json:"sku"`
	Key      string `json:"key"`
	Name     string `json:"name"`
	Category string `json:"category"`
	// Object is the object name of the product's document.
	Object string `json:"object"`
}

// IndexEntryFor returns the index entry of p, with the name and category
// of its mirror document.
func IndexEntryFor(p Product) IndexEntry {
	d := MirrorDocumentFor(p)
	return IndexEntry{SKU: d.SKU, Key: d.Key, Name: d.Name, Category: d.Category, Object: MirrorKey(p.Key)}
}

// mirrorIndex is the JSON shape of the index object.
type mirrorIndex struct {
	Count    int          `json:"count"`
	Products []IndexEntry `json:"products"`
}

// MirrorIndexJSON returns the canonical bytes of the index:
// {"count": n, "products": [...]} with the entries sorted by Key, then
// Object. Names and categories go through ScrubPrices, so an entry built
// by hand cannot carry a price either. The same entries in any order give
// the same bytes.
func MirrorIndexJSON(entries []IndexEntry) []byte {
	sorted := make([]IndexEntry, len(entries))
	for i, e := range entries {
		e.Name = ScrubPrices(e.Name)
		e.Category = ScrubPrices(e.Category)
		sorted[i] = e
	}
	slices.SortFunc(sorted, func(a, b IndexEntry) int {
		return cmp.Or(strings.Compare(a.Key, b.Key), strings.Compare(a.Object, b.Object),
			strings.Compare(a.SKU, b.SKU), strings.Compare(a.Name, b.Name), strings.Compare(a.Category, b.Category))
	})
	return canonicalJSON(mirrorIndex{Count: len(sorted), Products: sorted})
}

// ParseMirrorIndex returns the entries of an index MirrorIndexJSON wrote.
func ParseMirrorIndex(body []byte) ([]IndexEntry, error) {
	var index mirrorIndex
	if err := json.Unmarshal(body, &index); err != nil {
		return nil, fmt.Errorf("decode the mirror index: %w", err)
	}
	return index.Products, nil
}
