package quotemap

import (
	"strconv"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/normalize"
)

// DealName returns the deal name for a quote:
// "{number} — {customer} ({jobName})". The number is the opportunity number,
// else the transaction number, else "SPS quote <id>". The " — {customer}"
// part is left out when the customer is blank, and the " ({jobName})" part
// when the job name is blank. Whitespace in each part is collapsed.
func DealName(q sps.Quote) string {
	name := normalize.PersonName(q.OpportunityNumber)
	if name == "" {
		name = normalize.PersonName(q.TransactionNumber)
	}
	if name == "" {
		name = "SPS quote " + strconv.FormatInt(q.ID, 10)
	}

	if customer := normalize.PersonName(q.Customer); customer != "" {
		name += " — " + customer
	}
	if job := normalize.PersonName(q.JobName); job != "" {
		name += " (" + job + ")"
	}
	return name
}
