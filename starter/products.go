package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/workflows"
)

// productsCommand is `starter sync products`.
func productsCommand() *cobra.Command {
	var noWait, allowMassRemoval bool
	var sinks []string
	cmd := &cobra.Command{
		Use:   "products",
		Short: "Sync the SPS catalogue into HubSpot products, the Square catalog and the S3 mirror now, wait, and print the report",
		Long: "Runs the product sync the nightly schedule runs: one SPS pull, then every sink.\n" +
			"Starting it again on the same UTC day while it runs attaches to the running sync;\n" +
			"when that sync leaves out a sink --sinks selects, the command fails and names the sink.\n" +
			"Another open product sync, such as a scheduled run, makes the command fail and name it.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			in := workflows.ProductSyncInput{Sinks: sinks, AllowMassRemoval: allowMassRemoval}
			// The sinks are checked before dialing, so a typo fails fast.
			if _, err := in.SelectedSinks(); err != nil {
				return err
			}
			settings, err := config.Load(os.Getenv)
			if err != nil {
				return err
			}
			c, err := dialTemporal(settings)
			if err != nil {
				return err
			}
			defer c.Close()
			if err := rejectOtherProductSync(cmd.Context(), c, workflows.ProductSyncWorkflowID(time.Now())); err != nil {
				return err
			}

			run, err := workflows.StartProductSync(cmd.Context(), c, in)
			if err == nil {
				// The day's workflow id may belong to a run started
				// earlier with other sinks, which this start attached to.
				err = checkAttachedSinks(cmd.Context(), c, run, in)
			}
			return followRun(cmd, run, err, workflows.ProductSyncKind, noWait)
		},
	}
	cmd.Flags().StringSliceVar(&sinks, "sinks", nil,
		"comma-separated sinks to write: hubspot, square, mirror (default: all three)")
	cmd.Flags().BoolVar(&noWait, "no-wait", false, "print the workflow id and return without waiting")
	cmd.Flags().BoolVar(&allowMassRemoval, "allow-mass-removal", false,
		"remove the products SPS no longer lists even when they are more than 50 and more than 5% of the "+
			"synced products; use it only after checking that SPS really deleted them")
	return cmd
}

// checkAttachedSinks returns an error when run, the product sync that
// StartProductSync returned, leaves out a sink that in selects. That
// happens when the start attached to a run of the same UTC day that was
// started with other sinks and is still open. The sinks of run come from
// the input in its first history event.
func checkAttachedSinks(ctx context.Context, c client.Client, run client.WorkflowRun,
	in workflows.ProductSyncInput) error {
	events := c.GetWorkflowHistory(ctx, run.GetID(), run.GetRunID(), false,
		enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	if !events.HasNext() {
		return fmt.Errorf("read the history of product sync %s (run %s): it is empty", run.GetID(), run.GetRunID())
	}
	first, err := events.Next()
	if err != nil {
		return fmt.Errorf("read the history of product sync %s (run %s): %w", run.GetID(), run.GetRunID(), err)
	}
	var running workflows.ProductSyncInput
	attrs := first.GetWorkflowExecutionStartedEventAttributes()
	if err := converter.GetDefaultDataConverter().FromPayloads(attrs.GetInput(), &running); err != nil {
		return fmt.Errorf("decode the input of product sync %s (run %s): %w", run.GetID(), run.GetRunID(), err)
	}

	have, err := running.SelectedSinks()
	if err != nil {
		return fmt.Errorf("product sync %s (run %s): %w", run.GetID(), run.GetRunID(), err)
	}
	want, err := in.SelectedSinks()
	if err != nil {
		return err
	}
	var missing []string
	for _, sink := range want {
		if !slices.Contains(have, sink) {
			missing = append(missing, sink)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("product sync %s (run %s) is already running with sinks %s, so it does not write %s: "+
			"wait for it to finish, then run this command again", run.GetID(), run.GetRunID(),
			strings.Join(have, ", "), strings.Join(missing, ", "))
	}
	if in.AllowMassRemoval && !running.AllowMassRemoval {
		return fmt.Errorf("product sync %s (run %s) is already running without --allow-mass-removal: "+
			"wait for it to finish, then run this command again", run.GetID(), run.GetRunID())
	}
	return nil
}
