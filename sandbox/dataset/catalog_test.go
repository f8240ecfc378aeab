package dataset

import (
	"encoding/json"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCatalogObjectsCarryType(t *testing.T) {
	for _, obj := range fullDataset(t).Square.Catalog {
		raw, err := json.Marshal(obj)
		require.NoError(t, err)

		var generic struct {
			ID       string `json:"id"`
			Type     string `json:"type"`
			ItemData struct {
				Variations []struct {
					ID   string `json:"id"`
					Type string `json:"type"`
				} `json:"variations"`
			} `json:"item_data"`
		}
		require.NoError(t, json.Unmarshal(raw, &generic))
		assert.Equal(t, "ITEM", generic.Type, "catalog object %s", generic.ID)
		require.NotEmpty(t, generic.ItemData.Variations, "item %s variations", generic.ID)
		for _, v := range generic.ItemData.Variations {
			assert.Equal(t, "ITEM_VARIATION", v.Type, "variation %s of item %s", v.ID, generic.ID)
		}

		var decoded square.CatalogObject
		require.NoError(t, json.Unmarshal(raw, &decoded), "item %s decodes with the SDK", generic.ID)
		again, err := json.Marshal(&decoded)
		require.NoError(t, err)
		assert.Equal(t, string(raw), string(again), "item %s round trip", generic.ID)
	}
}

func TestCatalogContents(t *testing.T) {
	catalog := fullDataset(t).Square.Catalog
	assert.GreaterOrEqual(t, len(catalog), 180, "items")
	assert.LessOrEqual(t, len(catalog), 220, "items")

	skus := map[string]bool{}
	for _, obj := range catalog {
		require.NotNil(t, obj.Item, "catalog object is an ITEM")
		item := obj.Item
		assert.NotEmpty(t, str(item.ItemData.Name), "item %s name", item.ID)
		assert.LessOrEqual(t, len(item.ItemData.Variations), 3, "item %s variations", item.ID)

		for _, v := range item.ItemData.Variations {
			data := v.ItemVariation.ItemVariationData
			sku := str(data.Sku)
			assert.Regexp(t, `^[A-Z]{3,4}(-[A-Z0-9]+)+$`, sku, "variation %s sku", v.ItemVariation.ID)
			assert.False(t, skus[sku], "duplicate sku %s", sku)
			skus[sku] = true
			assert.Equal(t, item.ID, str(data.ItemID), "variation %s item_id", v.ItemVariation.ID)
			assert.Positive(t, amount(t, sku+" price", data.PriceMoney), "variation %s price", sku)
		}
	}

	assert.True(t, skus["GRN-ABS-BLK-3CM"], "the Absolute Black 3 cm slab SKU")
}
