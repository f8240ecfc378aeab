package hubspot

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
)

// maxUniqueProperties is HubSpot's cap on unique-value properties created
// per object type.
const maxUniqueProperties = 10

// validFieldTypes lists the fieldTypes each property type accepts.
// They are the pairs HubSpot's documentation and examples use, which may
// be fewer than HubSpot accepts.
var validFieldTypes = map[string][]string{
	typeString:      {"text", "textarea", "html", "phonenumber", "file"},
	typeNumber:      {"number", "calculation_equation"},
	typeDate:        {"date"},
	typeDatetime:    {"date"},
	typeEnumeration: {"select", "radio", "checkbox", "booleancheckbox"},
	typeBool:        {"booleancheckbox"},
	typePhoneNumber: {"phonenumber"},
}

var propertyNamePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,99}$`)

// renderProperty returns a definition as served, with the deal pipeline
// and stage options filled from the pipelines.
func (s *Simulator) renderProperty(t objectType, p *Property) *Property {
	out := p.clone()
	if t.name == "deals" && (p.Name == pipelineProp || p.Name == dealStageProp) {
		out.Options = s.st.pipelineOptions(p.Name)
	}
	return out
}

// handleListProperties serves GET /crm/v3/properties/{type}.
func (s *Simulator) handleListProperties(c *apiCall) (reply, *apiError) {
	results := []*Property{}
	for _, p := range s.st.props(c.objectType).all() {
		results = append(results, s.renderProperty(c.objectType, p))
	}
	return reply{status: http.StatusOK, body: map[string]any{"results": results}}, nil
}

// handleGetProperty serves GET /crm/v3/properties/{type}/{name}.
func (s *Simulator) handleGetProperty(c *apiCall) (reply, *apiError) {
	p, ok := s.st.props(c.objectType).get(c.r.PathValue("name"))
	if !ok {
		return reply{}, errPropertyNotFound(c.objectType, c.r.PathValue("name"))
	}
	return reply{status: http.StatusOK, body: s.renderProperty(c.objectType, p)}, nil
}

func errPropertyNotFound(t objectType, name string) *apiError {
	return errNotFound(fmt.Sprintf("Unable to find property %s for object type %s", name, t.typeID))
}

type propertyCreateRequest struct {
	Name                 string           `json:"name"`
	Label                string           `json:"label"`
	Type                 string           `json:"type"`
	FieldType            string           `json:"fieldType"`
	GroupName            string           `json:"groupName"`
	Description          string           `json:"description"`
	Options              []PropertyOption `json:"options"`
	DisplayOrder         int              `json:"displayOrder"`
	HasUniqueValue       bool             `json:"hasUniqueValue"`
	Hidden               bool             `json:"hidden"`
	FormField            bool             `json:"formField"`
	CalculationFormula   string           `json:"calculationFormula"`
	ExternalOptions      bool             `json:"externalOptions"`
	ReferencedObjectType string           `json:"referencedObjectType"`
	DataSensitivity      string           `json:"dataSensitivity"`
	CurrencyPropertyName string           `json:"currencyPropertyName"`
	ShowCurrencySymbol   bool             `json:"showCurrencySymbol"`
	NumberDisplayHint    string           `json:"numberDisplayHint"`
}

// handleCreateProperty serves POST /crm/v3/properties/{type} and responds
// 201 with the new definition.
func (s *Simulator) handleCreateProperty(c *apiCall) (reply, *apiError) {
	t := c.objectType
	var req propertyCreateRequest
	if apiErr := decodeBody(c.body, &req); apiErr != nil {
		return reply{}, apiErr
	}
	if apiErr := checkPropertyCreate(req); apiErr != nil {
		return reply{}, apiErr
	}
	ps := s.st.props(t)
	if _, exists := ps.get(req.Name); exists {
		return reply{}, errPropertyExists(req.Name)
	}
	if req.HasUniqueValue && ps.customUniqueCount() >= maxUniqueProperties {
		return reply{}, errValidation("%s already has %d unique value properties; "+
			"the maximum is %d", t.name, maxUniqueProperties, maxUniqueProperties)
	}

	p := &Property{
		Name: req.Name, Label: req.Label, Type: req.Type, FieldType: req.FieldType,
		GroupName: req.GroupName, Description: req.Description,
		Options: normalizeOptions(req.Type, req.FieldType, req.Options), DisplayOrder: req.DisplayOrder,
		HasUniqueValue: req.HasUniqueValue, Hidden: req.Hidden, FormField: req.FormField,
		Calculated: req.FieldType == "calculation_equation", ExternalOptions: req.ExternalOptions,
		ModificationMetadata: ModificationMetadata{Archivable: true},
		CreatedAt:            c.now, UpdatedAt: c.now,
	}
	ps.add(p)
	if p.HasUniqueValue {
		s.st.unique[t.name][p.Name] = map[string]int64{}
	}
	return reply{status: http.StatusCreated, body: s.renderProperty(t, p)}, nil
}

// checkPropertyCreate validates a new definition: required fields, the
// name format, the type–fieldType pair, options and hasUniqueValue.
func checkPropertyCreate(req propertyCreateRequest) *apiError {
	required := [][2]string{
		{"name", req.Name}, {"label", req.Label}, {"type", req.Type},
		{"fieldType", req.FieldType}, {"groupName", req.GroupName},
	}
	for _, field := range required {
		if field[1] == "" {
			return errValidation("property %q: %s is required", req.Name, field[0])
		}
	}
	if !propertyNamePattern.MatchString(req.Name) {
		return errValidation("property name %q is invalid: use lower-case letters, digits and "+
			"underscores, starting with a letter, at most 100 characters", req.Name)
	}
	if apiErr := checkTypePair(req.Name, req.Type, req.FieldType); apiErr != nil {
		return apiErr
	}
	if apiErr := checkOptionList(req.Name, req.Type, req.FieldType, req.Options); apiErr != nil {
		return apiErr
	}
	uniqueAllowed := (req.Type == typeString && req.FieldType == "text") ||
		(req.Type == typeNumber && req.FieldType == "number")
	if req.HasUniqueValue && !uniqueAllowed {
		return errValidation("property %s: hasUniqueValue needs a single-line text or number "+
			"property, not %s/%s", req.Name, req.Type, req.FieldType)
	}
	return nil
}

func checkTypePair(name, typ, fieldType string) *apiError {
	allowed, known := validFieldTypes[typ]
	if !known {
		return errValidation("property %s: type %q is not one of bool, date, datetime, "+
			"enumeration, number, phone_number, string", name, typ)
	}
	if !slices.Contains(allowed, fieldType) {
		return errValidation("property %s: fieldType %q is not valid for type %s; use one of %v",
			name, fieldType, typ, allowed)
	}
	return nil
}

// checkOptionList requires options on enumerations (a single checkbox gets
// true/false by default) with unique, non-empty values and labels.
func checkOptionList(name, typ, fieldType string, options []PropertyOption) *apiError {
	if typ == typeEnumeration && fieldType != "booleancheckbox" && len(options) == 0 {
		return errValidation("property %s: an enumeration needs at least one option", name)
	}
	seen := map[string]bool{}
	for _, o := range options {
		if o.Value == "" || o.Label == "" {
			return errValidation("property %s: every option needs a label and a value", name)
		}
		if seen[o.Value] {
			return errValidation("property %s: option value %q is duplicated", name, o.Value)
		}
		seen[o.Value] = true
	}
	return nil
}

// normalizeOptions gives booleans their true/false options and never
// returns nil, as HubSpot always sends an options array.
func normalizeOptions(typ, fieldType string, options []PropertyOption) []PropertyOption {
	if len(options) == 0 && (typ == typeBool || fieldType == "booleancheckbox") {
		return []PropertyOption{
			{Label: "Yes", Value: "true", DisplayOrder: 0},
			{Label: "No", Value: "false", DisplayOrder: 1},
		}
	}
	return append([]PropertyOption{}, options...)
}
