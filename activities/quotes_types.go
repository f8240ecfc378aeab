package activities

import (
	"time"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/report"
)

// QuoteActivities syncs SPS quotes into HubSpot deals in the Quotes
// pipeline.
type QuoteActivities struct {
	HubSpot *hubspot.Client
	SPS     *sps.Client
	// Portal supplies the Quotes pipeline and stage ids.
	Portal config.HubSpotPortal
}

// QuotePageInput selects one page of SPS quotes modified in Window.
type QuotePageInput struct {
	// Window bounds modifiedDate. Quotes modified after Window.Until are
	// left for the next run.
	Window report.Window `json:"window"`
	// Page is the SPS page number, from 1. Pages hold sps.MaxPageSize
	// quotes.
	Page int `json:"page"`
	// SyncedAt is written to sps_last_synced on every deal that changes.
	SyncedAt time.Time `json:"syncedAt"`
}

// QuotePageResult is the outcome of one page of quotes.
type QuotePageResult struct {
	// Quotes is the number of quotes on the page modified in the window.
	Quotes int `json:"quotes"`
	// Deferred is the number of quotes on the page modified after
	// Window.Until, which the next run syncs.
	Deferred int `json:"deferred,omitempty"`
	// NextPage is the next page number, or 0 after the last page.
	NextPage int `json:"nextPage"`

	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// Skipped counts quotes left alone for a reason in SkipReasons, such
	// as an unknown status on a deal that is otherwise up to date.
	Skipped     int                    `json:"skipped"`
	SkipReasons []report.ReasonCount   `json:"skipReasons,omitempty"`
	Failures    []report.RecordFailure `json:"failures,omitempty"`
	Objects     []report.ObjectWrites  `json:"objects,omitempty"`
	Stages      []report.StageCount    `json:"stages,omitempty"`
	APICalls    []apicalls.Count       `json:"apiCalls"`
}
