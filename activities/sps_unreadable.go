package activities

import (
	"fmt"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/report"
)

// unreadableFailure is the failure of an SPS record that does not decode.
// It names the record by its id or, when the id cannot be read either, by
// its page and position, and names the field that does not decode.
func unreadableFailure(u sps.UnreadableRecord, pageNumber int) report.RecordFailure {
	if u.ID == 0 {
		return report.RecordFailure{SourceID: fmt.Sprintf("page %d, record %d", pageNumber, u.Index+1),
			Reason: "unreadable record without a readable id: " + u.Describe()}
	}
	return report.RecordFailure{SourceID: spsID(u.ID), Reason: "unreadable record: " + u.Describe()}
}
