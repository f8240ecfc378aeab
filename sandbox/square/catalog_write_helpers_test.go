package square

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/require"
)

// variationJSON is an ITEM_VARIATION. An empty itemID leaves item_id out,
// and a version of 0 leaves version out.
func variationJSON(id, itemID, sku string, version int64) string {
	fields := []string{`"type":"ITEM_VARIATION"`, fmt.Sprintf(`"id":%q`, id)}
	if version != 0 {
		fields = append(fields, fmt.Sprintf(`"version":%d`, version))
	}
	data := []string{fmt.Sprintf(`"name":%q`, sku), fmt.Sprintf(`"sku":%q`, sku),
		`"pricing_type":"FIXED_PRICING"`, `"price_money":{"amount":12500,"currency":"USD"}`}
	if itemID != "" {
		data = append(data, fmt.Sprintf(`"item_id":%q`, itemID))
	}
	fields = append(fields, `"item_variation_data":{`+strings.Join(data, ",")+`}`)
	return "{" + strings.Join(fields, ",") + "}"
}

// itemJSON is an ITEM with the given nested variations; a version of 0
// leaves version out.
func itemJSON(id, name string, version int64, variations ...string) string {
	versionField := ""
	if version != 0 {
		versionField = fmt.Sprintf(`"version":%d,`, version)
	}
	return fmt.Sprintf(`{"type":"ITEM","id":%q,%s"item_data":{"name":%q,"variations":[%s]}}`,
		id, versionField, name, strings.Join(variations, ","))
}

// catalogObjects decodes catalog object JSON with the SDK types.
func catalogObjects(t *testing.T, raws ...string) []*square.CatalogObject {
	t.Helper()
	objects := make([]*square.CatalogObject, 0, len(raws))
	for _, raw := range raws {
		object := new(square.CatalogObject)
		require.NoError(t, json.Unmarshal([]byte(raw), object), raw)
		objects = append(objects, object)
	}
	return objects
}

// upsertRequest builds a BatchUpsertCatalogObjects request with one batch
// per argument.
func upsertRequest(key string, batches ...[]*square.CatalogObject) *square.BatchUpsertCatalogObjectsRequest {
	req := &square.BatchUpsertCatalogObjectsRequest{IdempotencyKey: key}
	for _, objects := range batches {
		req.Batches = append(req.Batches, &square.CatalogObjectBatch{Objects: objects})
	}
	return req
}

// simpleItems returns n items "#item-<i>" with one variation each, SKU
// <prefix>-<i>.
func simpleItems(t *testing.T, prefix string, n int) []*square.CatalogObject {
	t.Helper()
	raws := make([]string, 0, n)
	for i := range n {
		raws = append(raws, itemJSON(fmt.Sprintf("#item-%d", i), fmt.Sprintf("Item %d", i), 0,
			variationJSON(fmt.Sprintf("#var-%d", i), "", fmt.Sprintf("%s-%04d", prefix, i), 0)))
	}
	return catalogObjects(t, raws...)
}

// versionOf reads the version of an ITEM or ITEM_VARIATION.
func versionOf(t *testing.T, object *square.CatalogObject) int64 {
	t.Helper()
	head, err := readCatalogHead(object)
	require.NoError(t, err)
	require.NotNil(t, head.Version, "object %s has no version", head.ID)
	return *head.Version
}

// carraraVersion is the version of ITEM0CARRARA in testdata/catalog.json.
const carraraVersion = 1746093600000

// carraraUpdate is the full ITEM0CARRARA at its fixture version, renamed,
// with both variations or only the 2 cm one.
func carraraUpdate(name string, version int64, withThreeCM bool) string {
	variations := []string{variationJSON("VAR0CARRARA2CM", "ITEM0CARRARA", "CAR-2CM", carraraVersion)}
	if withThreeCM {
		variations = append(variations, variationJSON("VAR0CARRARA3CM", "ITEM0CARRARA", "CAR-3CM", carraraVersion))
	}
	return itemJSON("ITEM0CARRARA", name, version, variations...)
}
