package square

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func skuQuery(exact, prefix string) *square.CatalogQuery {
	q := &square.CatalogQuery{}
	if exact != "" {
		q.ExactQuery = &square.CatalogQueryExact{AttributeName: "sku", AttributeValue: exact}
	}
	if prefix != "" {
		q.PrefixQuery = &square.CatalogQueryPrefix{AttributeName: "sku", AttributePrefix: prefix}
	}
	return q
}

func TestSearchCatalog(t *testing.T) {
	variations := []square.CatalogObjectType{square.CatalogObjectTypeItemVariation}
	tests := []struct {
		name        string
		req         *square.SearchCatalogObjectsRequest
		wantObjects []string
		wantRelated []string
	}{
		{"default types skip variations", &square.SearchCatalogObjectsRequest{},
			[]string{"CAT0MARBLE", "ITEM0CARRARA"}, []string{}},
		{"items only", &square.SearchCatalogObjectsRequest{
			ObjectTypes: []square.CatalogObjectType{square.CatalogObjectTypeItem}},
			[]string{"ITEM0CARRARA"}, []string{}},
		{"exact sku ignores case", &square.SearchCatalogObjectsRequest{ObjectTypes: variations,
			Query: skuQuery("car-3cm", "")}, []string{"VAR0CARRARA3CM"}, []string{}},
		{"exact sku is whole value", &square.SearchCatalogObjectsRequest{ObjectTypes: variations,
			Query: skuQuery("CAR-3", "")}, []string{}, []string{}},
		{"prefix sku", &square.SearchCatalogObjectsRequest{ObjectTypes: variations,
			Query: skuQuery("", "car-")}, []string{"VAR0CARRARA2CM", "VAR0CARRARA3CM"}, []string{}},
		{"sku with related item", &square.SearchCatalogObjectsRequest{ObjectTypes: variations,
			Query: skuQuery("CAR-2CM", ""), IncludeRelatedObjects: square.Bool(true)},
			[]string{"VAR0CARRARA2CM"}, []string{"ITEM0CARRARA"}},
		{"name on items", &square.SearchCatalogObjectsRequest{Query: &square.CatalogQuery{
			PrefixQuery: &square.CatalogQueryPrefix{AttributeName: "name", AttributePrefix: "carrara"}}},
			[]string{"ITEM0CARRARA"}, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sim := newFixtureSim(t, newTestClock(fixtureNow))
			srv := newServer(t, sim)

			resp, err := sdkClient(srv.URL).Catalog.Search(context.Background(), tc.req)

			require.NoError(t, err)
			assert.Equal(t, tc.wantObjects, catalogIDs(t, resp.Objects))
			assert.Equal(t, tc.wantRelated, catalogIDs(t, resp.RelatedObjects))
			assert.Nil(t, resp.Cursor)
		})
	}
}

func TestSearchCatalogDeletedObjects(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	sdk := sdkClient(srv.URL)
	_, err := sdk.Catalog.BatchDelete(context.Background(),
		&square.BatchDeleteCatalogObjectsRequest{ObjectIDs: []string{"VAR0CARRARA3CM"}})
	require.NoError(t, err)
	query := func(includeDeleted bool) *square.SearchCatalogObjectsRequest {
		return &square.SearchCatalogObjectsRequest{Query: skuQuery("", "CAR"), IncludeDeletedObjects: square.Bool(includeDeleted),
			ObjectTypes: []square.CatalogObjectType{square.CatalogObjectTypeItemVariation}}
	}

	hidden, err := sdk.Catalog.Search(context.Background(), query(false))
	require.NoError(t, err)
	shown, err := sdk.Catalog.Search(context.Background(), query(true))
	require.NoError(t, err)

	assert.Equal(t, []string{"VAR0CARRARA2CM"}, catalogIDs(t, hidden.Objects))
	assert.Equal(t, []string{"VAR0CARRARA2CM", "VAR0CARRARA3CM"}, catalogIDs(t, shown.Objects))
	assert.True(t, *shown.Objects[1].ItemVariation.IsDeleted)
}

func TestSearchCatalogPages(t *testing.T) {
	sim := New(Options{Token: testToken})
	srv := newServer(t, sim)
	resp := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert", upsertRequest("page", simpleItems(t, "PG", 25)))
	require.Equal(t, http.StatusOK, resp.status)
	req := &square.SearchCatalogObjectsRequest{
		ObjectTypes: []square.CatalogObjectType{square.CatalogObjectTypeItem}, Limit: square.Int(10),
	}

	var pages []int
	seen := map[string]bool{}
	for {
		page, err := sdkClient(srv.URL).Catalog.Search(context.Background(), req)
		require.NoError(t, err)
		pages = append(pages, len(page.Objects))
		for _, id := range catalogIDs(t, page.Objects) {
			assert.False(t, seen[id], "item %s returned twice", id)
			seen[id] = true
		}
		if page.Cursor == nil {
			break
		}
		req.Cursor = page.Cursor
	}

	assert.Equal(t, []int{10, 10, 5}, pages)
	assert.Len(t, seen, 25)
}

func TestSearchCatalogLimitIsAdvisory(t *testing.T) {
	sim := New(Options{Token: testToken})
	srv := newServer(t, sim)
	resp := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert", upsertRequest("page", simpleItems(t, "ADV", 150)))
	require.Equal(t, http.StatusOK, resp.status)
	tests := []struct {
		limit    int
		wantPage int
	}{{0, 100}, {-5, 100}, {1001, 100}, {120, 120}, {1000, 150}}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.limit), func(t *testing.T) {
			page, err := sdkClient(srv.URL).Catalog.Search(context.Background(), &square.SearchCatalogObjectsRequest{
				ObjectTypes: []square.CatalogObjectType{square.CatalogObjectTypeItem}, Limit: square.Int(tc.limit),
			})

			require.NoError(t, err)
			assert.Len(t, page.Objects, tc.wantPage)
		})
	}
}

func TestSearchCatalogRejects(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	first, err := sdkClient(srv.URL).Catalog.Search(context.Background(),
		&square.SearchCatalogObjectsRequest{Limit: square.Int(1)})
	require.NoError(t, err)
	require.NotNil(t, first.Cursor)
	tests := []struct {
		name      string
		req       any
		wantCode  square.ErrorCode
		wantField string
	}{
		{"cursor of another request", &square.SearchCatalogObjectsRequest{Limit: square.Int(2), Cursor: first.Cursor},
			square.ErrorCodeInvalidCursor, "cursor"},
		{"garbage cursor", &square.SearchCatalogObjectsRequest{Cursor: square.String("!!")},
			square.ErrorCodeInvalidCursor, "cursor"},
		{"unknown object type", `{"object_types":["SPACESHIP"]}`, square.ErrorCodeInvalidEnumValue, "object_types[0]"},
		{"text query", `{"query":{"text_query":{"keywords":["granite"]}}}`, square.ErrorCodeBadRequest, "query"},
		{"unsearchable attribute", `{"query":{"exact_query":{"attribute_name":"color","attribute_value":"red"}}}`,
			square.ErrorCodeInvalidValue, "query"},
		{"deleted with category path", `{"include_deleted_objects":true,"include_category_path_to_root":true}`,
			square.ErrorCodeConflictingParameters, "include_deleted_objects"},
		{"bad begin_time", `{"begin_time":"yesterday"}`, square.ErrorCodeInvalidTime, "begin_time"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := call(t, srv.URL, http.MethodPost, "/v2/catalog/search", tc.req)

			require.Equal(t, http.StatusBadRequest, resp.status, "body: %s", resp.body)
			e := resp.firstError(t)
			assert.Equal(t, tc.wantCode, e.Code)
			assert.Equal(t, tc.wantField, deref(e.GetField()))
		})
	}
}

func TestSearchCatalogBeginTime(t *testing.T) {
	clock := newTestClock(fixtureNow)
	sim := newFixtureSim(t, clock)
	srv := newServer(t, sim)
	resp := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert", upsertRequest("new", simpleItems(t, "BT", 1)))
	require.Equal(t, http.StatusOK, resp.status)

	page, err := sdkClient(srv.URL).Catalog.Search(context.Background(), &square.SearchCatalogObjectsRequest{
		BeginTime: square.String("2025-06-01T00:00:00Z"),
	})

	require.NoError(t, err)
	require.Len(t, page.Objects, 1, "the fixture objects are from May")
	assert.Equal(t, "Item 0", deref(page.Objects[0].Item.ItemData.Name))
}
