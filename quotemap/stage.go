package quotemap

import (
	"strings"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/config"
)

// Stage is a quote deal's stage in the HubSpot Quotes pipeline.
type Stage string

// Stages of the Quotes pipeline. StageUnknown means the quote's state maps
// to no stage, so the caller keeps the deal's current stage and reports it.
const (
	StageUnknown  Stage = ""
	StageQuoted   Stage = "Quoted"
	StageAccepted Stage = "Accepted"
	StageLost     Stage = "Lost"
)

// MapStage returns the deal stage for a quote. An SPS stage of "won" or
// "lost" wins over transactionStatus, because SPS leaves the status as it
// was when a quote is closed. Otherwise transactionStatus "Quoted" gives
// StageQuoted and "Accepted" gives StageAccepted. Comparisons ignore case
// and surrounding or repeated spaces. Any other state, including a null
// stage with an empty status, returns StageUnknown.
func MapStage(q sps.Quote) Stage {
	if q.Stage != nil {
		switch foldWord(*q.Stage) {
		case "won":
			return StageAccepted
		case "lost":
			return StageLost
		}
	}

	switch foldWord(q.TransactionStatus) {
	case "quoted":
		return StageQuoted
	case "accepted":
		return StageAccepted
	default:
		return StageUnknown
	}
}

// StageID returns the HubSpot stage id of s in portal p, and "" for
// StageUnknown or any other value.
func StageID(s Stage, p config.HubSpotPortal) string {
	switch s {
	case StageQuoted:
		return p.QuoteQuotedStageID
	case StageAccepted:
		return p.QuoteAcceptedStageID
	case StageLost:
		return p.QuoteLostStageID
	default:
		return ""
	}
}

// foldWord returns s in lower case, trimmed, with runs of whitespace
// collapsed to one space.
func foldWord(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
