package hubspot

import "time"

// Object is a CRM record in the shape HubSpot returns it: every property
// value is a string. The admin API and the dataset generator load records
// in this shape; ObjectType is the plural API name ("contacts",
// "companies", "deals", "line_items", "products").
type Object struct {
	ObjectType string            `json:"objectType,omitempty"`
	ID         string            `json:"id"`
	Properties map[string]string `json:"properties"`
	CreatedAt  time.Time         `json:"createdAt"`
	UpdatedAt  time.Time         `json:"updatedAt"`
	Archived   bool              `json:"archived,omitempty"`
}

// Association links two records with a HUBSPOT_DEFINED association type
// id, for example 279 for contact to company.
type Association struct {
	FromType string `json:"fromType"`
	FromID   string `json:"fromId"`
	ToType   string `json:"toType"`
	ToID     string `json:"toId"`
	TypeID   int    `json:"typeId"`
}

// Pipeline is a deal pipeline with its stages, as the pipelines API
// returns it.
type Pipeline struct {
	ID           string  `json:"id"`
	Label        string  `json:"label"`
	DisplayOrder int     `json:"displayOrder"`
	Stages       []Stage `json:"stages"`
}

// Stage is one pipeline stage. Probability is 0.0 to 1.0 in steps of 0.1.
type Stage struct {
	ID           string  `json:"id"`
	Label        string  `json:"label"`
	DisplayOrder int     `json:"displayOrder"`
	Probability  float64 `json:"probability"`
	IsClosed     bool    `json:"isClosed"`
}

// Portal is a starting state for the simulator: records, associations and
// the deal pipelines of the account. Standard properties and the default
// "Sales Pipeline" are always present and need not be listed.
type Portal struct {
	Objects      []Object      `json:"objects"`
	Associations []Association `json:"associations"`
	Pipelines    []Pipeline    `json:"pipelines"`
}
