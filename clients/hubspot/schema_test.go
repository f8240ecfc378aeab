package hubspot

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/apicalls"
)

const leadStatusJSON = `{"name":"hs_lead_status","label":"Lead Status","type":"enumeration","fieldType":"radio",
"groupName":"contactinformation","description":"","hasUniqueValue":false,"hidden":false,"formField":true,
"displayOrder":-1,"calculated":false,"externalOptions":false,"archived":false,
"modificationMetadata":{"archivable":true,"readOnlyDefinition":true,"readOnlyValue":false},
"options":[{"label":"New","value":"NEW","displayOrder":0,"hidden":false},
{"label":"Square POS","value":"SQUARE_POS","displayOrder":1,"hidden":false,"description":"From Square"}],
"createdAt":"2019-08-06T02:41:52.512Z","updatedAt":"2026-11-01T10:00:00Z"}`

func TestGetProperty(t *testing.T) {
	rec := fixed(http.StatusOK, nil, leadStatusJSON)
	client := setup(t, rec, nil)
	calls := apicalls.NewRecorder()

	p, err := client.GetProperty(apicalls.WithRecorder(context.Background(), calls), "contacts", "hs_lead_status")
	require.NoError(t, err)

	assert.Equal(t, "hs_lead_status", p.Name)
	assert.Equal(t, "enumeration", p.Type)
	assert.Equal(t, "radio", p.FieldType)
	assert.True(t, p.ModificationMetadata.ReadOnlyDefinition)
	assert.False(t, p.ModificationMetadata.ReadOnlyValue)
	assert.Equal(t, []Option{
		{Label: "New", Value: "NEW", DisplayOrder: 0},
		{Label: "Square POS", Value: "SQUARE_POS", DisplayOrder: 1, Description: "From Square"},
	}, p.Options)

	assert.Equal(t, "/crm/v3/properties/contacts/hs_lead_status", rec.Requests()[0].Path)
	assert.Equal(t, "GET /crm/v3/properties/contacts/{name}", calls.Counts()[0].Endpoint)
}

func TestListProperties(t *testing.T) {
	client := setup(t, fixed(http.StatusOK, nil, `{"results":[`+leadStatusJSON+`]}`), nil)

	properties, err := client.ListProperties(context.Background(), "contacts")
	require.NoError(t, err)

	require.Len(t, properties, 1)
	assert.Equal(t, "hs_lead_status", properties[0].Name)
}

func TestCreatePropertyBody(t *testing.T) {
	rec := fixed(http.StatusCreated, nil, `{"name":"square_order_id","label":"Square order ID","type":"string",`+
		`"fieldType":"text","groupName":"dealinformation","hasUniqueValue":true}`)
	client := setup(t, rec, nil)

	p, err := client.CreateProperty(context.Background(), "deals", Property{Name: "square_order_id",
		Label: "Square order ID", Type: "string", FieldType: "text", GroupName: "dealinformation",
		HasUniqueValue: true, ModificationMetadata: ModificationMetadata{ReadOnlyValue: true}})
	require.NoError(t, err)
	assert.True(t, p.HasUniqueValue)

	body := rec.Requests()[0].Body
	assert.Equal(t, map[string]any{"name": "square_order_id", "label": "Square order ID", "type": "string",
		"fieldType": "text", "groupName": "dealinformation", "hasUniqueValue": true}, body)
	assert.Equal(t, http.MethodPost, rec.Requests()[0].Method)
	assert.Equal(t, "/crm/v3/properties/deals", rec.Requests()[0].Path)
}

func TestUpdatePropertyBody(t *testing.T) {
	tests := []struct {
		name   string
		update PropertyUpdate
		want   map[string]any
	}{
		{name: "options replace the list",
			update: PropertyUpdate{Options: []Option{{Label: "New", Value: "NEW"}}},
			want: map[string]any{"options": []any{map[string]any{"label": "New", "value": "NEW",
				"displayOrder": float64(0), "hidden": false}}}},
		{name: "empty options clear the list", update: PropertyUpdate{Options: []Option{}},
			want: map[string]any{"options": []any{}}},
		{name: "nil options keep the list", update: PropertyUpdate{Label: "Lead status"},
			want: map[string]any{"label": "Lead status"}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := fixed(http.StatusOK, nil, leadStatusJSON)
			client := setup(t, rec, nil)

			_, err := client.UpdateProperty(context.Background(), "contacts", "hs_lead_status", tt.update)
			require.NoError(t, err)

			assert.Equal(t, http.MethodPatch, rec.Requests()[0].Method)
			assert.Equal(t, tt.want, rec.Requests()[0].Body)
		})
	}
}

func TestListPipelines(t *testing.T) {
	body := `{"results":[{"id":"default","label":"Sales Pipeline","displayOrder":0,"archived":false,` +
		`"createdAt":"1970-01-01T00:00:00Z","stages":[` +
		`{"id":"appointmentscheduled","label":"Appointment Scheduled","displayOrder":0,` +
		`"metadata":{"probability":"0.2","isClosed":"false"},"archived":false},` +
		`{"id":"closedwon","label":"Closed Won","displayOrder":5,"metadata":{"probability":1.0,"isClosed":true}}]},` +
		`{"id":889312001,"label":"Square POS","stages":[{"id":1338115383,"label":"Closed won","metadata":{}}]}]}`
	rec := fixed(http.StatusOK, nil, body)
	client := setup(t, rec, nil)

	pipelines, err := client.ListPipelines(context.Background(), "deals")
	require.NoError(t, err)

	require.Len(t, pipelines, 2)
	assert.Equal(t, "default", pipelines[0].ID)
	require.Len(t, pipelines[0].Stages, 2)
	assert.Equal(t, map[string]string{"probability": "0.2", "isClosed": "false"}, pipelines[0].Stages[0].Metadata)
	assert.Equal(t, map[string]string{"probability": "1.0", "isClosed": "true"}, pipelines[0].Stages[1].Metadata)
	assert.Equal(t, "889312001", pipelines[1].ID, "numeric pipeline id")
	assert.Equal(t, "1338115383", pipelines[1].Stages[0].ID, "numeric stage id")
	assert.Equal(t, "/crm/v3/pipelines/deals", rec.Requests()[0].Path)
}
