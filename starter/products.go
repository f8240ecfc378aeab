package main

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/workflows"
)

// productsCommand is `starter sync products`.
func productsCommand() *cobra.Command {
	var noWait bool
	var sinks []string
	cmd := &cobra.Command{
		Use:   "products",
		Short: "Sync the SPS catalogue into HubSpot products, the Square catalog and the S3 mirror now, wait, and print the report",
		Long: "Runs the product sync the nightly schedule runs: one SPS pull, then every sink.\n" +
			"Starting it again on the same UTC day while it runs attaches to the running sync.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			in := workflows.ProductSyncInput{Sinks: sinks}
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

			run, err := workflows.StartProductSync(cmd.Context(), c, in)
			return followRun(cmd, run, err, workflows.ProductSyncKind, noWait)
		},
	}
	cmd.Flags().StringSliceVar(&sinks, "sinks", nil,
		"comma-separated sinks to write: hubspot, square, mirror (default: all three)")
	cmd.Flags().BoolVar(&noWait, "no-wait", false, "print the workflow id and return without waiting")
	return cmd
}
