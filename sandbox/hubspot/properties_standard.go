package hubspot

import "time"

// propertyFlag adjusts a standard property definition.
type propertyFlag func(*Property)

func readOnlyValue(p *Property) { p.ModificationMetadata.ReadOnlyValue = true }

func calculated(p *Property) {
	p.Calculated = true
	p.ModificationMetadata.ReadOnlyValue = true
}

func uniqueValue(p *Property) { p.HasUniqueValue = true }

func withOptions(values ...string) propertyFlag {
	return func(p *Property) {
		for i := 0; i+1 < len(values); i += 2 {
			p.Options = append(p.Options, PropertyOption{
				Value: values[i], Label: values[i+1], DisplayOrder: len(p.Options),
			})
		}
	}
}

func standardProperty(group, name, label, typ, fieldType string, flags ...propertyFlag) *Property {
	p := &Property{
		Name: name, Label: label, Type: typ, FieldType: fieldType, GroupName: group,
		Options: []PropertyOption{}, HubspotDefined: true, FormField: true,
		ModificationMetadata: ModificationMetadata{ReadOnlyDefinition: true},
	}
	for _, flag := range flags {
		flag(p)
	}
	if typ == typeBool && len(p.Options) == 0 {
		withOptions("true", "Yes", "false", "No")(p)
	}
	return p
}

// leadStatusOptions are HubSpot's eight default hs_lead_status values.
var leadStatusOptions = withOptions(
	"NEW", "New", "OPEN", "Open", "IN_PROGRESS", "In Progress", "OPEN_DEAL", "Open Deal",
	"UNQUALIFIED", "Unqualified", "ATTEMPTED_TO_CONTACT", "Attempted to Contact",
	"CONNECTED", "Connected", "BAD_TIMING", "Bad Timing")

// lifecycleStages are the default lifecyclestage values in their forward
// order; the API moves a record only forward through them.
var lifecycleStages = []string{
	"subscriber", "Subscriber", "lead", "Lead", "marketingqualifiedlead", "Marketing Qualified Lead",
	"salesqualifiedlead", "Sales Qualified Lead", "opportunity", "Opportunity",
	"customer", "Customer", "evangelist", "Evangelist", "other", "Other",
}

// recordProperties are the system properties every object type has.
func recordProperties(group, lastModified string) []*Property {
	return []*Property{
		standardProperty(group, objectIDProp, "Record ID", typeNumber, "number",
			readOnlyValue, uniqueValue),
		standardProperty(group, createDateProp, "Create Date", typeDatetime, "date", readOnlyValue),
		standardProperty(group, lastModified, "Last Modified Date", typeDatetime, "date",
			readOnlyValue),
	}
}

func contactProperties() []*Property {
	g := "contactinformation"
	return append(recordProperties(g, "lastmodifieddate"),
		standardProperty(g, emailProp, "Email", typeString, "text"),
		standardProperty(g, "firstname", "First Name", typeString, "text"),
		standardProperty(g, "lastname", "Last Name", typeString, "text"),
		standardProperty(g, "phone", "Phone Number", typeString, "phonenumber"),
		standardProperty(g, "mobilephone", "Mobile Phone Number", typeString, "phonenumber"),
		standardProperty(g, "company", "Company Name", typeString, "text"),
		standardProperty(g, "website", "Website URL", typeString, "text"),
		standardProperty(g, "hs_lead_status", "Lead Status", typeEnumeration, "radio",
			leadStatusOptions),
		standardProperty(g, lifecycleProp, "Lifecycle Stage", typeEnumeration, "radio",
			withOptions(lifecycleStages...)),
		standardProperty(g, "hs_marketable_status", "Marketing contact status", typeEnumeration,
			"select", withOptions("true", "Marketing contact", "false", "Non-marketing contact"),
			readOnlyValue),
		standardProperty(g, phoneSearchProp, "Searchable phone number", typeString, "text",
			calculated),
		standardProperty(g, mobileSearchProp, "Searchable mobile number", typeString, "text",
			calculated),
	)
}

func companyProperties() []*Property {
	g := "companyinformation"
	return append(recordProperties(g, "hs_lastmodifieddate"),
		standardProperty(g, "name", "Company name", typeString, "text"),
		standardProperty(g, "domain", "Company Domain Name", typeString, "text"),
		standardProperty(g, "phone", "Phone Number", typeString, "phonenumber"),
		standardProperty(g, "city", "City", typeString, "text"),
		standardProperty(g, "state", "State/Region", typeString, "text"),
		standardProperty(g, "website", "Website URL", typeString, "text"),
	)
}

func dealProperties() []*Property {
	g := "dealinformation"
	return append(recordProperties(g, "hs_lastmodifieddate"),
		standardProperty(g, "dealname", "Deal Name", typeString, "text"),
		standardProperty(g, "amount", "Amount", typeNumber, "number"),
		// The options of pipeline and dealstage are filled from the
		// pipelines when the definition is served. Writes are checked
		// against the pipelines directly.
		standardProperty(g, pipelineProp, "Pipeline", typeEnumeration, "select"),
		standardProperty(g, dealStageProp, "Deal Stage", typeEnumeration, "radio"),
		standardProperty(g, "closedate", "Close Date", typeDatetime, "date"),
		standardProperty(g, "hs_is_closed", "Is Deal Closed?", typeBool, "booleancheckbox",
			calculated),
		standardProperty(g, "hs_is_closed_won", "Is Closed Won", typeBool, "booleancheckbox",
			calculated),
		standardProperty(g, "hs_is_closed_lost", "Is Closed Lost", typeBool, "booleancheckbox",
			calculated),
	)
}

func lineItemProperties() []*Property {
	g := "lineiteminformation"
	return append(recordProperties(g, "hs_lastmodifieddate"),
		standardProperty(g, "name", "Name", typeString, "text"),
		standardProperty(g, "quantity", "Quantity", typeNumber, "number"),
		standardProperty(g, "price", "Unit price", typeNumber, "number"),
		standardProperty(g, "amount", "Net price", typeNumber, "number", calculated),
		standardProperty(g, "hs_sku", "SKU", typeString, "text"),
		standardProperty(g, "hs_product_id", "Product ID", typeString, "text"),
	)
}

func productProperties() []*Property {
	g := "productinformation"
	return append(recordProperties(g, "hs_lastmodifieddate"),
		standardProperty(g, "name", "Name", typeString, "text"),
		standardProperty(g, "price", "Unit price", typeNumber, "number"),
		standardProperty(g, "hs_sku", "SKU", typeString, "text"),
		standardProperty(g, "description", "Description", typeString, "textarea"),
	)
}

// standardPropertySets returns fresh standard definitions for every object
// type, stamped with the given time.
func standardPropertySets(now time.Time) map[string]*propertySet {
	lists := map[string][]*Property{
		"contacts":   contactProperties(),
		"companies":  companyProperties(),
		"deals":      dealProperties(),
		"line_items": lineItemProperties(),
		"products":   productProperties(),
	}
	sets := make(map[string]*propertySet, len(lists))
	for typeName, list := range lists {
		set := newPropertySet()
		for i, p := range list {
			p.DisplayOrder = i
			p.CreatedAt = now
			p.UpdatedAt = now
			set.add(p)
		}
		sets[typeName] = set
	}
	return sets
}
