// Package config holds the product's settings: HubSpot pipeline and stage
// ids, schedules, API endpoints and credentials. Defaults are Stone City's
// production values; every one can be overridden from the environment.
package config

// HubSpotPortal names the pipelines and stages of Stone City's HubSpot
// account that the syncs write to.
type HubSpotPortal struct {
	// SquarePipelineID is the "Square POS" deal pipeline.
	SquarePipelineID string `json:"squarePipelineId"`
	// SquareClosedWonStageID is that pipeline's only stage (closed won).
	SquareClosedWonStageID string `json:"squareClosedWonStageId"`
	// QuotesPipelineID is the "Quotes" deal pipeline fed from SPS.
	QuotesPipelineID string `json:"quotesPipelineId"`
	// QuoteQuotedStageID, QuoteAcceptedStageID and QuoteLostStageID are
	// the Quotes pipeline's stages.
	QuoteQuotedStageID   string `json:"quoteQuotedStageId"`
	QuoteAcceptedStageID string `json:"quoteAcceptedStageId"`
	QuoteLostStageID     string `json:"quoteLostStageId"`
}

// DefaultHubSpotPortal returns Stone City's production pipeline and stage
// ids.
func DefaultHubSpotPortal() HubSpotPortal {
	return HubSpotPortal{
		SquarePipelineID:       "889312001",
		SquareClosedWonStageID: "1338115383",
		QuotesPipelineID:       "895324173",
		QuoteQuotedStageID:     "1352031151",
		QuoteAcceptedStageID:   "1352031152",
		QuoteLostStageID:       "1352031153",
	}
}
