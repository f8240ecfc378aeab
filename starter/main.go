// Command starter operates Stone City sync on a Temporal cluster: it
// applies the schedules, runs a sync now or over a backfill window, and
// sets up or checks the HubSpot schema. It reads the same environment as
// the worker (see the README).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if err := newRootCommand().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "starter:", err)
		os.Exit(1)
	}
}

// newRootCommand returns the starter's command tree.
func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "starter",
		Short:         "Operate Stone City sync: schedules, syncs and backfills, HubSpot setup",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(schedulesCommand(), syncCommand(), hubspotCommand(), rematchQuotesCommand(), quoteBuilderCommand())
	return root
}
