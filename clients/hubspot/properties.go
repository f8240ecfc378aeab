package hubspot

import (
	"context"
	"net/http"
	"net/url"
)

// Property is a CRM property definition, encoded as HubSpot's properties
// API encodes it. Type is bool, date, datetime, enumeration, number,
// phone_number or string; FieldType is the form control (text, select,
// checkbox, booleancheckbox, date, number, ...).
type Property struct {
	Name        string   `json:"name"`
	Label       string   `json:"label"`
	Type        string   `json:"type"`
	FieldType   string   `json:"fieldType"`
	GroupName   string   `json:"groupName"`
	Description string   `json:"description"`
	Options     []Option `json:"options"`
	// HasUniqueValue marks a unique-value property; it can be set only
	// when the property is created and never changed.
	HasUniqueValue       bool                 `json:"hasUniqueValue"`
	Hidden               bool                 `json:"hidden"`
	FormField            bool                 `json:"formField"`
	DisplayOrder         int                  `json:"displayOrder"`
	Calculated           bool                 `json:"calculated"`
	ExternalOptions      bool                 `json:"externalOptions"`
	Archived             bool                 `json:"archived"`
	ModificationMetadata ModificationMetadata `json:"modificationMetadata"`
}

// ModificationMetadata lists what API callers may change about a property
// and its values.
type ModificationMetadata struct {
	Archivable         bool `json:"archivable"`
	ReadOnlyDefinition bool `json:"readOnlyDefinition"`
	// ReadOnlyValue means record writes cannot set the property, as for
	// hs_marketable_status.
	ReadOnlyValue bool `json:"readOnlyValue"`
}

// Option is one allowed value of an enumeration property. Record writes
// and search filters use Value, never Label.
type Option struct {
	Label        string `json:"label"`
	Value        string `json:"value"`
	DisplayOrder int    `json:"displayOrder"`
	Hidden       bool   `json:"hidden"`
	Description  string `json:"description,omitempty"`
}

// PropertyUpdate changes a property definition. An empty Label is left
// unchanged. Options, when non-nil, replaces the whole option list (HubSpot
// removes any option left out), so always send the full list.
type PropertyUpdate struct {
	Label   string
	Options []Option
}

// propertyCreate is the writable subset of Property sent on create.
type propertyCreate struct {
	Name           string   `json:"name"`
	Label          string   `json:"label"`
	Type           string   `json:"type"`
	FieldType      string   `json:"fieldType"`
	GroupName      string   `json:"groupName"`
	Description    string   `json:"description,omitempty"`
	Options        []Option `json:"options,omitempty"`
	HasUniqueValue bool     `json:"hasUniqueValue,omitempty"`
	Hidden         bool     `json:"hidden,omitempty"`
	FormField      bool     `json:"formField,omitempty"`
	DisplayOrder   int      `json:"displayOrder,omitempty"`
}

// propertiesRequest builds a request under the properties API. A non-empty
// name is escaped into the path and counted as the "{name}" template.
func (c *Client) propertiesRequest(method, objectType, name string, body any) request {
	base := c.propertiesPath + "/" + url.PathEscape(objectType)
	req := request{method: method, path: base, template: base, body: body}
	if name != "" {
		req.path += "/" + url.PathEscape(name)
		req.template += "/{name}"
	}
	return req
}

// ListProperties returns every property definition of objectType.
//
// HubSpot API: GET /crm/v3/properties/{objectType}
func (c *Client) ListProperties(ctx context.Context, objectType string) ([]Property, error) {
	req := c.propertiesRequest(http.MethodGet, objectType, "", nil)
	resp, err := c.do(ctx, req)
	if err != nil {
		return nil, err
	}

	var parsed struct {
		Results []Property `json:"results"`
	}
	if err := decodeJSON(req, resp.body, &parsed); err != nil {
		return nil, err
	}
	return parsed.Results, nil
}

// GetProperty returns one property definition; a missing property is a
// KindNotFound *Error.
//
// HubSpot API: GET /crm/v3/properties/{objectType}/{name}
func (c *Client) GetProperty(ctx context.Context, objectType, name string) (Property, error) {
	return c.sendProperty(ctx, c.propertiesRequest(http.MethodGet, objectType, name, nil))
}

// CreateProperty creates p and returns HubSpot's definition. A property
// with p.Name that already exists is a KindConflict *Error (409
// OBJECT_ALREADY_EXISTS).
//
// HubSpot API: POST /crm/v3/properties/{objectType}
func (c *Client) CreateProperty(ctx context.Context, objectType string, p Property) (Property, error) {
	body := propertyCreate{Name: p.Name, Label: p.Label, Type: p.Type, FieldType: p.FieldType,
		GroupName: p.GroupName, Description: p.Description, Options: p.Options,
		HasUniqueValue: p.HasUniqueValue, Hidden: p.Hidden, FormField: p.FormField,
		DisplayOrder: p.DisplayOrder}
	return c.sendProperty(ctx, c.propertiesRequest(http.MethodPost, objectType, "", body))
}

// UpdateProperty applies update to the property name and returns the new
// definition.
//
// HubSpot API: PATCH /crm/v3/properties/{objectType}/{name}
func (c *Client) UpdateProperty(ctx context.Context, objectType, name string,
	update PropertyUpdate) (Property, error) {
	body := map[string]any{}
	if update.Label != "" {
		body["label"] = update.Label
	}
	if update.Options != nil {
		body["options"] = update.Options
	}
	return c.sendProperty(ctx, c.propertiesRequest(http.MethodPatch, objectType, name, body))
}

func (c *Client) sendProperty(ctx context.Context, req request) (Property, error) {
	resp, err := c.do(ctx, req)
	if err != nil {
		return Property{}, err
	}

	var p Property
	if err := decodeJSON(req, resp.body, &p); err != nil {
		return Property{}, err
	}
	return p, nil
}
