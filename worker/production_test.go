package main

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/sdk/client"

	"github.com/stonecity/sync/sandbox/devtemporal"
	"github.com/stonecity/sync/workflows"
)

func TestTypeName(t *testing.T) {
	tests := []struct {
		name string
		enum enumspb.IndexedValueType
		want string
	}{
		{name: "keyword", enum: enumspb.INDEXED_VALUE_TYPE_KEYWORD, want: "Keyword"},
		{name: "int", enum: enumspb.INDEXED_VALUE_TYPE_INT, want: "Int"},
		{name: "other kept", enum: enumspb.INDEXED_VALUE_TYPE_BOOL, want: enumspb.INDEXED_VALUE_TYPE_BOOL.String()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, typeName(tc.enum.String()))
		})
	}
}

func TestTypeNameOfProtoNames(t *testing.T) {
	assert.Equal(t, "Keyword", typeName("INDEXED_VALUE_TYPE_KEYWORD"))
	assert.Equal(t, "Int", typeName("INDEXED_VALUE_TYPE_INT"))
}

func TestCheckSearchAttributes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	srv, err := devtemporal.Start(ctx, devtemporal.Options{UIPort: devtemporal.NoUI})
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, srv.Stop()) })
	c, err := client.Dial(client.Options{HostPort: srv.FrontendAddress(), Namespace: srv.Namespace()})
	require.NoError(t, err)
	defer c.Close()

	err = checkSearchAttributes(ctx, c, srv.Namespace())

	require.Error(t, err)
	assert.Equal(t, "namespace default has no search attribute FailedRecords; create it with "+
		"`temporal operator search-attribute create --namespace default --name FailedRecords --type Int`; "+
		"namespace default has no search attribute SyncKind; create it with "+
		"`temporal operator search-attribute create --namespace default --name SyncKind --type Keyword`",
		err.Error())

	_, err = c.OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
		Namespace:        srv.Namespace(),
		SearchAttributes: workflows.SearchAttributeTypes,
	})
	require.NoError(t, err)

	assert.NoError(t, checkSearchAttributes(ctx, c, srv.Namespace()))
}
