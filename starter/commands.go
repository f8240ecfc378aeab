package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"go.temporal.io/sdk/client"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/hubspotschema"
	"github.com/stonecity/sync/report"
	"github.com/stonecity/sync/schedules"
	"github.com/stonecity/sync/workflows"
)

func schedulesCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "schedules", Short: "Manage the sync schedules"}
	cmd.AddCommand(&cobra.Command{
		Use:   "apply",
		Short: "Create the sync schedules, or update them to the configured times (paused ones stay paused)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			settings, c, err := dialTemporal()
			if err != nil {
				return err
			}
			defer c.Close()
			results, err := schedules.Apply(cmd.Context(), c, schedules.Definitions(settings))
			for _, r := range results {
				fmt.Printf("schedule %s %s\n", r.ID, r.Action)
			}
			return err
		},
	})
	return cmd
}

func syncCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "sync", Short: "Run a sync now, or over a backfill window"}
	var since, until string
	var lookback int
	var noWait bool
	orders := &cobra.Command{
		Use:   "orders",
		Short: "Sync completed Square orders closed in a window into HubSpot, wait, and print the report",
		Long: "Without --since/--until the window is the configured lookback ending now.\n" +
			"Starting a window that is already running attaches to that run instead of starting another.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			settings, c, err := dialTemporal()
			if err != nil {
				return err
			}
			defer c.Close()
			if lookback == 0 {
				lookback = settings.Orders.LookbackHours
			}
			window, err := parseWindow(since, until, time.Duration(lookback)*time.Hour)
			if err != nil {
				return err
			}

			run, err := workflows.StartOrderSync(cmd.Context(), c, workflows.OrderSyncInput{
				Since: &window.Since, Until: &window.Until,
			})
			if err != nil {
				return fmt.Errorf("start order sync: %w", err)
			}
			fmt.Fprintf(os.Stderr, "order sync %s running (run %s)\n", run.GetID(), run.GetRunID())
			if noWait {
				return nil
			}
			return printReport(workflows.WaitReport(cmd.Context(), run, workflows.OrderSyncKind))
		},
	}
	orders.Flags().StringVar(&since, "since", "", "window start, RFC 3339 (for example 2026-11-01T00:00:00Z)")
	orders.Flags().StringVar(&until, "until", "", "window end, RFC 3339 (default now)")
	orders.Flags().IntVar(&lookback, "lookback-hours", 0, "window length when --since is not given (default ORDER_LOOKBACK_HOURS, 96)")
	orders.Flags().BoolVar(&noWait, "no-wait", false, "print the workflow id and return without waiting")
	cmd.AddCommand(orders)
	return cmd
}

func hubspotCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "hubspot", Short: "Set up or check the HubSpot schema the syncs write"}
	cmd.AddCommand(&cobra.Command{
		Use:   "setup",
		Short: "Create missing custom properties and lead status options; check pipelines and stages",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			settings, hub, err := hubSpotClient()
			if err != nil {
				return err
			}
			result, err := hubspotschema.Setup(cmd.Context(), hub, hubspotschema.All(settings.Portal))
			for _, p := range result.CreatedProperties {
				fmt.Println("created property", p)
			}
			for _, o := range result.AddedOptions {
				fmt.Println("added option", o)
			}
			if err == nil {
				fmt.Println("HubSpot schema is ready")
			}
			return err
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "check",
		Short: "Check the HubSpot schema without changing it, as every sync's preflight does",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			settings, hub, err := hubSpotClient()
			if err != nil {
				return err
			}
			if err := hubspotschema.Check(cmd.Context(), hub, hubspotschema.All(settings.Portal)); err != nil {
				return err
			}
			fmt.Println("HubSpot schema is ready")
			return nil
		},
	})
	return cmd
}

func dialTemporal() (config.Settings, client.Client, error) {
	settings, err := config.Load(os.Getenv)
	if err != nil {
		return settings, nil, err
	}
	c, err := client.Dial(client.Options{HostPort: settings.Temporal.Address, Namespace: settings.Temporal.Namespace})
	if err != nil {
		return settings, nil, fmt.Errorf("connect to Temporal at %s: %w", settings.Temporal.Address, err)
	}
	return settings, c, nil
}

func hubSpotClient() (config.Settings, *hubspot.Client, error) {
	settings, err := config.Load(os.Getenv)
	if err != nil {
		return settings, nil, err
	}
	if settings.HubSpot.Token == "" {
		return settings, nil, fmt.Errorf("missing credentials: set HUBSPOT_TOKEN in the environment")
	}
	c, err := activities.NewHubSpotClient(settings)
	return settings, c, err
}

// parseWindow resolves the --since/--until flags.
func parseWindow(since, until string, lookback time.Duration) (report.Window, error) {
	end := time.Now().UTC().Truncate(time.Minute)
	if until != "" {
		t, err := time.Parse(time.RFC3339, until)
		if err != nil {
			return report.Window{}, fmt.Errorf("invalid --until %q: use RFC 3339, for example 2026-12-04T11:00:00Z", until)
		}
		end = t.UTC()
	}
	start := end.Add(-lookback)
	if since != "" {
		t, err := time.Parse(time.RFC3339, since)
		if err != nil {
			return report.Window{}, fmt.Errorf("invalid --since %q: use RFC 3339, for example 2026-11-01T00:00:00Z", since)
		}
		start = t.UTC()
	}
	if !start.Before(end) {
		return report.Window{}, fmt.Errorf("invalid window: --since %s is not before --until %s",
			start.Format(time.RFC3339), end.Format(time.RFC3339))
	}
	return report.Window{Since: start, Until: end}, nil
}

func printReport(r report.SyncReport) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	fmt.Println(string(data))
	if r.Status != report.StatusSucceeded {
		return fmt.Errorf("%s %s: %s %s", r.Kind, r.WorkflowID, r.Status, r.Error)
	}
	return nil
}
