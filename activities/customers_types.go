package activities

import (
	"time"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/report"
)

// ClassUnreadable is the class of a customer record that does not decode,
// a failure of the run.
const ClassUnreadable = "unreadable"

// CustomerRecord is one SPS customer as customer sync carries it between
// activities: classified, with the HubSpot properties it maps to. Retail
// and skipped customers carry only their id, class and reason.
type CustomerRecord struct {
	ID int64 `json:"id"`
	// Class is a customermap class, or ClassUnreadable for a record
	// that does not decode, whose Reason names the field.
	Class  string `json:"class"`
	Reason string `json:"reason,omitempty"`
	// SourceID names an unreadable record in the report: its id, or its
	// page and position when the id cannot be read (ID is 0 then).
	SourceID string `json:"sourceId,omitempty"`
	// Content is the hex SHA-256 of an unreadable record whose id cannot
	// be read, so the same record read by two children counts once.
	Content string `json:"content,omitempty"`
	RepKey  string `json:"repKey,omitempty"`
	// NameKey and Domain are the match keys for pre-existing companies.
	NameKey string `json:"nameKey,omitempty"`
	Domain  string `json:"domain,omitempty"`
	// Company and Contact are the properties to write on the company and
	// on its contacts.
	Company map[string]string `json:"company,omitempty"`
	Contact map[string]string `json:"contact,omitempty"`
}

// RepGroup is one sales rep: its normalised key and every spelling of the
// name SPS used for it in the discovery probe.
type RepGroup struct {
	Key   string   `json:"key"`
	Names []string `json:"names"`
}

// DiscoverRepsResult is the outcome of the rep discovery probe.
type DiscoverRepsResult struct {
	TotalActive int              `json:"totalActive"`
	Reps        []RepGroup       `json:"reps"`
	APICalls    []apicalls.Count `json:"apiCalls"`
}

// CustomerPageInput selects one page of active SPS customers: those of
// one rep spelling, or (Sweep) every active customer whose salesRepName is
// not exactly one of CoveredNames.
type CustomerPageInput struct {
	SalesRepName string    `json:"salesRepName,omitempty"`
	Sweep        bool      `json:"sweep,omitempty"`
	CoveredNames []string  `json:"coveredNames,omitempty"`
	Page         int       `json:"page"`
	SyncedAt     time.Time `json:"syncedAt"`
}

// CustomerPageResult is one page of classified customers.
type CustomerPageResult struct {
	Records []CustomerRecord `json:"records"`
	// NextPage is the next page number, or 0 after the last page.
	NextPage int              `json:"nextPage"`
	APICalls []apicalls.Count `json:"apiCalls"`
}

// MatchInput is a request for the HubSpot companies of up to 100 b2b
// customers.
type MatchInput struct {
	// IndexKey scopes the cached index of pre-existing companies to one
	// run, so every batch of the run matches against the same snapshot.
	IndexKey  string           `json:"indexKey"`
	Customers []CustomerRecord `json:"customers"`
}

// CompanyMatch is the company found for one customer and the rule that
// found it.
type CompanyMatch struct {
	ID        int64  `json:"id"`
	CompanyID string `json:"companyId,omitempty"`
	// By is "sps_customer_id", "name", "domain" or "" (no match).
	By string `json:"by,omitempty"`
	// Ambiguous lists the companies an ambiguous name or domain matched.
	Ambiguous []string `json:"ambiguous,omitempty"`
}

// MatchResult lists the matches of a batch, in input order.
type MatchResult struct {
	Matches  []CompanyMatch      `json:"matches"`
	Stages   []report.StageCount `json:"stages,omitempty"`
	APICalls []apicalls.Count    `json:"apiCalls"`
}

// CustomerWriteInput is a batch of up to 100 b2b customers with the
// company each one writes to ("" creates one).
type CustomerWriteInput struct {
	Customers  []CustomerRecord `json:"customers"`
	CompanyIDs []string         `json:"companyIds"`
}

// CustomerWriteResult is the outcome of one write batch.
type CustomerWriteResult struct {
	Created   int                    `json:"created"`
	Updated   int                    `json:"updated"`
	Unchanged int                    `json:"unchanged"`
	Failures  []report.RecordFailure `json:"failures,omitempty"`
	Objects   []report.ObjectWrites  `json:"objects,omitempty"`
	Stages    []report.StageCount    `json:"stages,omitempty"`
	APICalls  []apicalls.Count       `json:"apiCalls"`
}
