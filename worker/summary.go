package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/report"
	"github.com/stonecity/sync/sandbox/devstack"
)

func newDependencies(stack *devstack.Stack) (activities.Dependencies, error) {
	return activities.NewDependencies(stack.Settings)
}

// printEndpoints lists where everything of the dev stack listens;
// metricsURL "" means the metrics endpoint is off.
func printEndpoints(stack *devstack.Stack, metricsURL string) {
	fmt.Println("Stone City sync dev stack")
	fmt.Printf("  Temporal frontend  %s (namespace %s)\n", stack.Temporal.FrontendAddress(), stack.Temporal.Namespace())
	if url := stack.Temporal.UIURL(); url != "" {
		fmt.Printf("  Temporal Web UI    %s\n", url)
	}
	fmt.Printf("  HubSpot simulator  %s  (admin %s)\n", stack.Sims.HubSpotURL, devstack.AdminURL(stack.Sims.HubSpotURL))
	fmt.Printf("  Square simulator   %s  (admin %s)\n", stack.Sims.SquareURL, devstack.AdminURL(stack.Sims.SquareURL))
	fmt.Printf("  SPS simulator      %s  (admin %s)\n", stack.Sims.SPSURL, devstack.AdminURL(stack.Sims.SPSURL))
	fmt.Printf("  S3 server          %s  (buckets %s, %s; admin %s)\n", stack.Sims.S3URL,
		devstack.DevMirrorBucket, devstack.DevSnapshotBucket, devstack.AdminURL(stack.Sims.S3URL))
	fmt.Printf("  Quote gateway      %s  (HUBSPOT_CLIENT_SECRET=%s)\n", stack.GatewayURL, devstack.DevHubSpotClientSecret)
	if metricsURL != "" {
		fmt.Printf("  Worker metrics     %s\n", metricsURL)
	}
	fmt.Println()
}

// printSummary writes one line per run, then each run's error, listed
// failures and records to review, and the Web UI address unless uiURL is
// "".
func printSummary(out io.Writer, reports []report.SyncReport, uiURL string) {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SYNC\tSTATUS\tCREATED\tUPDATED\tSKIPPED\tFAILED\tHUBSPOT CALLS (MIN)\tSQUARE CALLS\tSPS CALLS\tDURATION")
	for _, r := range reports {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d (%d)\t%d\t%d\t%.1fs\n", r.Kind, r.Status,
			r.Created, r.Updated, r.Skipped, r.Failed, r.HubSpotCalls, r.HubSpotBatchMinimum,
			apicalls.Total(r.APICalls, apicalls.Square), apicalls.Total(r.APICalls, apicalls.SPS),
			float64(r.DurationMs)/1000)
	}
	tw.Flush()

	for _, r := range reports {
		if r.Error != "" {
			fmt.Fprintf(out, "\n%s %s failed: %s\n", r.Kind, r.WorkflowID, r.Error)
		}
		printSinks(out, r)
		for _, f := range r.Failures {
			fmt.Fprintf(out, "  %s %s: %s\n", r.Kind, f.SourceID, f.Reason)
		}
		if r.FailuresNotListed > 0 {
			fmt.Fprintf(out, "  %s: %d more failed records not listed\n", r.Kind, r.FailuresNotListed)
		}
		for _, f := range r.Reviews {
			fmt.Fprintf(out, "  %s %s (review): %s\n", r.Kind, f.SourceID, f.Reason)
		}
	}
	if uiURL != "" {
		fmt.Fprintf(out, "\nInspect and replay the runs in the Temporal Web UI: %s\n", uiURL)
	}
}
