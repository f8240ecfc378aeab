package square

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const carraraItem = `{"type":"ITEM","id":"ITEM1","version":1746093600000,"item_data":{
	"name":"Carrara Marble Slab","variations":[
	{"type":"ITEM_VARIATION","id":"VAR1","item_variation_data":{"item_id":"ITEM1","name":"2 cm","sku":"CAR-2CM",
	 "pricing_type":"FIXED_PRICING","price_money":{"amount":185000,"currency":"USD"}}}]}}`

func loadCatalog(t *testing.T, h *harness, objects ...string) {
	t.Helper()
	var decoded []*square.CatalogObject
	for _, raw := range objects {
		object := new(square.CatalogObject)
		require.NoError(t, json.Unmarshal([]byte(raw), object))
		decoded = append(decoded, object)
	}
	require.NoError(t, h.sim.LoadCatalog(decoded))
}

func TestBatchRetrieveCatalogObjects(t *testing.T) {
	h := setup(t)
	loadCatalog(t, h, carraraItem, `{"type":"CATEGORY","id":"CAT1","category_data":{"name":"Marble"}}`)

	objects, err := h.client.BatchRetrieveCatalogObjects(context.Background(), []string{"VAR1", "NOPE", "ITEM1", "VAR1"})

	require.NoError(t, err)
	require.Len(t, objects, 2)
	require.NotNil(t, objects["VAR1"].ItemVariation)
	assert.Equal(t, "CAR-2CM", *objects["VAR1"].ItemVariation.ItemVariationData.Sku)
	assert.Equal(t, int64(185000), *objects["VAR1"].ItemVariation.ItemVariationData.PriceMoney.Amount)
	require.NotNil(t, objects["ITEM1"].Item)
	assert.Len(t, objects["ITEM1"].Item.ItemData.Variations, 1)
}

func TestBatchRetrieveCatalogObjectsSplitsAtThousand(t *testing.T) {
	h := setup(t)
	var objects []string
	var wanted []string
	for i := range 1500 {
		id := fmt.Sprintf("CAT%04d", i)
		wanted = append(wanted, id)
		if i%2 == 0 {
			objects = append(objects, fmt.Sprintf(`{"type":"CATEGORY","id":%q,"category_data":{"name":"c"}}`, id))
		}
	}
	loadCatalog(t, h, objects...)

	got, err := h.client.BatchRetrieveCatalogObjects(context.Background(), wanted)

	require.NoError(t, err)
	assert.Len(t, got, 750)
	assert.Equal(t, 2, h.sim.Calls()["POST /v2/catalog/batch-retrieve"])
}

func TestListLocations(t *testing.T) {
	h := setup(t)

	locations, err := h.client.ListLocations(context.Background())

	require.NoError(t, err)
	require.Len(t, locations, 2)
	assert.Equal(t, mainLocation, *locations[0].ID)
	assert.Equal(t, yardLocation, *locations[1].ID)
}

func TestCatalogObjectIDUnknownType(t *testing.T) {
	object := new(square.CatalogObject)
	require.NoError(t, json.Unmarshal([]byte(`{"type":"HOVERCRAFT","id":"H1"}`), object))

	_, ok := catalogObjectID(object)

	assert.False(t, ok)
}
