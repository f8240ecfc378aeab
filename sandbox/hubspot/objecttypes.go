package hubspot

// objectType describes one CRM object type the simulator serves.
type objectType struct {
	name         string // plural API name, the canonical key everywhere
	typeID       string // HubSpot's object type id, accepted in paths
	singular     string // singular name, accepted in association paths
	upper        string // upper-case singular name used in error messages
	lastModified string // property holding the last-modified timestamp
	// defaultProps are returned by reads and search when the request names
	// no properties.
	defaultProps []string
	// queryProps are matched by the free-text search query.
	queryProps []string
}

var objectTypes = []objectType{
	{
		name: "contacts", typeID: "0-1", singular: "contact", upper: "CONTACT",
		lastModified: "lastmodifieddate",
		defaultProps: []string{"firstname", "lastname", "email", "lastmodifieddate",
			"hs_object_id", "createdate"},
		queryProps: []string{"firstname", "lastname", "email", "phone", "mobilephone",
			"company", phoneSearchProp, mobileSearchProp},
	},
	{
		name: "companies", typeID: "0-2", singular: "company", upper: "COMPANY",
		lastModified: "hs_lastmodifieddate",
		defaultProps: []string{"name", "domain", "createdate", "hs_lastmodifieddate",
			"hs_object_id"},
		queryProps: []string{"name", "domain", "website", "phone"},
	},
	{
		name: "deals", typeID: "0-3", singular: "deal", upper: "DEAL",
		lastModified: "hs_lastmodifieddate",
		defaultProps: []string{"dealname", "amount", "closedate", "pipeline", "dealstage",
			"createdate", "hs_lastmodifieddate", "hs_object_id"},
		queryProps: []string{"dealname", "pipeline", "dealstage"},
	},
	{
		name: "line_items", typeID: "0-8", singular: "line_item", upper: "LINE_ITEM",
		lastModified: "hs_lastmodifieddate",
		defaultProps: []string{"name", "quantity", "price", "amount", "createdate",
			"hs_lastmodifieddate", "hs_object_id"},
		queryProps: []string{"name", "hs_sku"},
	},
	{
		name: "products", typeID: "0-7", singular: "product", upper: "PRODUCT",
		lastModified: "hs_lastmodifieddate",
		defaultProps: []string{"name", "description", "price", "createdate",
			"hs_lastmodifieddate", "hs_object_id"},
		queryProps: []string{"name", "description", "hs_sku", "price"},
	},
}

// lookupObjectType resolves a path segment to an object type. Plural names
// and type ids are accepted everywhere; singular names only where
// allowSingular is set, as HubSpot accepts them in association paths.
func lookupObjectType(segment string, allowSingular bool) (objectType, bool) {
	for _, t := range objectTypes {
		if segment == t.name || segment == t.typeID {
			return t, true
		}
		if allowSingular && segment == t.singular {
			return t, true
		}
	}
	return objectType{}, false
}

// alwaysProps are added to every read that names its own properties, as
// HubSpot does.
func (t objectType) alwaysProps() []string {
	return []string{"hs_object_id", "createdate", t.lastModified}
}
