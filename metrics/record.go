package metrics

import (
	"time"

	"go.temporal.io/sdk/client"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/report"
)

// RecordRun records the end of one sync run on h: RunsTotal with status,
// RecordsTotal with the report's created, updated, skipped and failed
// counts, APICallsTotal and APIRateLimitedTotal per service, RunDuration
// from rep.StartedAt to endedAt, and LastSuccessTimestamp when status is
// StatusSucceeded. Workflows pass workflow.GetMetricsHandler(ctx), which
// records nothing while a workflow replays, so each run is counted once.
// RecordRun reads no clock, so it is safe in workflow code. A run without
// a start time records no duration.
func RecordRun(h client.MetricsHandler, rep report.SyncReport, status string, endedAt time.Time) {
	h = h.WithTags(map[string]string{LabelSync: rep.Kind})
	h.WithTags(map[string]string{LabelStatus: status}).Counter(RunsTotal).Inc(1)

	outcomes := []struct {
		outcome string
		count   int
	}{
		{OutcomeCreated, rep.Created},
		{OutcomeUpdated, rep.Updated},
		{OutcomeSkipped, rep.Skipped},
		{OutcomeFailed, rep.Failed},
	}
	for _, o := range outcomes {
		h.WithTags(map[string]string{LabelOutcome: o.outcome}).Counter(RecordsTotal).Inc(int64(o.count))
	}

	for _, c := range callsPerService(rep.APICalls) {
		service := h.WithTags(map[string]string{LabelService: c.Service})
		service.Counter(APICallsTotal).Inc(int64(c.Calls))
		service.Counter(APIRateLimitedTotal).Inc(int64(c.RateLimited))
	}

	if !rep.StartedAt.IsZero() && !endedAt.Before(rep.StartedAt) {
		h.Timer(RunDuration).Record(endedAt.Sub(rep.StartedAt))
	}
	if status == StatusSucceeded {
		h.Gauge(LastSuccessTimestamp).Update(float64(endedAt.UnixMilli()) / 1000)
	}
}

// callsPerService sums counts over endpoints, one entry per service in
// service order.
func callsPerService(counts []apicalls.Count) []apicalls.Count {
	var out []apicalls.Count
	index := map[string]int{}
	for _, c := range counts {
		i, ok := index[c.Service]
		if !ok {
			i = len(out)
			index[c.Service] = i
			out = append(out, apicalls.Count{Service: c.Service})
		}
		out[i].Calls += c.Calls
		out[i].RateLimited += c.RateLimited
	}
	apicalls.Sort(out)
	return out
}
