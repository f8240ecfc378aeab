package hubspot

import "time"

// Property is a property definition in the shape the properties API
// returns it.
type Property struct {
	Name                 string               `json:"name"`
	Label                string               `json:"label"`
	Type                 string               `json:"type"`
	FieldType            string               `json:"fieldType"`
	Description          string               `json:"description"`
	GroupName            string               `json:"groupName"`
	Options              []PropertyOption     `json:"options"`
	DisplayOrder         int                  `json:"displayOrder"`
	Calculated           bool                 `json:"calculated"`
	ExternalOptions      bool                 `json:"externalOptions"`
	HasUniqueValue       bool                 `json:"hasUniqueValue"`
	Hidden               bool                 `json:"hidden"`
	HubspotDefined       bool                 `json:"hubspotDefined"`
	FormField            bool                 `json:"formField"`
	ModificationMetadata ModificationMetadata `json:"modificationMetadata"`
	CreatedAt            time.Time            `json:"createdAt"`
	UpdatedAt            time.Time            `json:"updatedAt"`
	Archived             bool                 `json:"archived"`
}

// PropertyOption is one allowed value of an enumeration property. Writes
// and search filters use Value, never Label.
type PropertyOption struct {
	Label        string `json:"label"`
	Value        string `json:"value"`
	Description  string `json:"description"`
	DisplayOrder int    `json:"displayOrder"`
	Hidden       bool   `json:"hidden"`
}

// ModificationMetadata states what the API may change about a property.
// ReadOnlyValue properties reject writes of their value.
type ModificationMetadata struct {
	Archivable         bool `json:"archivable"`
	ReadOnlyDefinition bool `json:"readOnlyDefinition"`
	ReadOnlyValue      bool `json:"readOnlyValue"`
}

// readOnly reports whether writes of the property's value are rejected.
func (p *Property) readOnly() bool {
	return p.ModificationMetadata.ReadOnlyValue || p.Calculated
}

func (p *Property) hasOption(value string) bool {
	for _, o := range p.Options {
		if o.Value == value {
			return true
		}
	}
	return false
}

func (p *Property) optionValues() []string {
	values := make([]string, len(p.Options))
	for i, o := range p.Options {
		values[i] = o.Value
	}
	return values
}

func (p *Property) clone() *Property {
	c := *p
	c.Options = append([]PropertyOption(nil), p.Options...)
	return &c
}

// Names of calculated and specially handled standard properties.
const (
	phoneSearchProp  = "hs_searchable_calculated_phone_number"
	mobileSearchProp = "hs_searchable_calculated_mobile_number"
	emailProp        = "email"
	objectIDProp     = "hs_object_id"
	createDateProp   = "createdate"
	lifecycleProp    = "lifecyclestage"
	pipelineProp     = "pipeline"
	dealStageProp    = "dealstage"
)

// Property type and field type names.
const (
	typeString      = "string"
	typeNumber      = "number"
	typeDate        = "date"
	typeDatetime    = "datetime"
	typeEnumeration = "enumeration"
	typeBool        = "bool"
	typePhoneNumber = "phone_number"
)

// propertySet is the property definitions of one object type, in
// definition order.
type propertySet struct {
	byName map[string]*Property
	order  []string
}

func newPropertySet() *propertySet {
	return &propertySet{byName: map[string]*Property{}}
}

func (ps *propertySet) get(name string) (*Property, bool) {
	p, ok := ps.byName[name]
	return p, ok
}

func (ps *propertySet) add(p *Property) {
	if _, exists := ps.byName[p.Name]; !exists {
		ps.order = append(ps.order, p.Name)
	}
	ps.byName[p.Name] = p
}

func (ps *propertySet) all() []*Property {
	list := make([]*Property, 0, len(ps.order))
	for _, name := range ps.order {
		list = append(list, ps.byName[name])
	}
	return list
}

func (ps *propertySet) clone() *propertySet {
	c := newPropertySet()
	for _, p := range ps.all() {
		c.add(p.clone())
	}
	return c
}

// uniqueNames lists the properties whose values must be unique per object
// type: hasUniqueValue properties, and email on contacts.
func (ps *propertySet) uniqueNames(t objectType) []string {
	var names []string
	for _, p := range ps.all() {
		if p.HasUniqueValue && p.Name != objectIDProp {
			names = append(names, p.Name)
		}
	}
	if t.name == "contacts" {
		names = append(names, emailProp)
	}
	return names
}

// customUniqueCount counts the unique properties created through the API,
// which HubSpot caps at maxUniqueProperties per object type.
func (ps *propertySet) customUniqueCount() int {
	count := 0
	for _, p := range ps.byName {
		if p.HasUniqueValue && !p.HubspotDefined {
			count++
		}
	}
	return count
}
