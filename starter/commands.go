package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
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
			settings, err := config.Load(os.Getenv)
			if err != nil {
				return err
			}
			c, err := dialTemporal(settings)
			if err != nil {
				return err
			}
			defer c.Close()
			results, err := schedules.Apply(cmd.Context(), c, schedules.Definitions(settings))
			for _, r := range results {
				fmt.Fprintf(cmd.OutOrStdout(), "schedule %s %s\n", r.ID, r.Action)
			}
			return err
		},
	})
	return cmd
}

func syncCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "sync", Short: "Run a sync now, or over a backfill window"}
	orders := windowSyncCommand(windowSync{
		use:          "orders",
		short:        "Sync completed Square orders closed in a window into HubSpot, wait, and print the report",
		since:        "window start, RFC 3339 (for example 2026-11-01T00:00:00Z)",
		lookbackHelp: "window length when --since is not given (default ORDER_LOOKBACK_HOURS, 96)",
		lookback:     func(s config.Settings) int { return s.Orders.LookbackHours },
		kind:         workflows.OrderSyncKind,
		start: func(ctx context.Context, c client.Client, w report.Window) (client.WorkflowRun, error) {
			return workflows.StartOrderSync(ctx, c, workflows.OrderSyncInput{Since: &w.Since, Until: &w.Until})
		},
	})
	quotes := windowSyncCommand(windowSync{
		use:          "quotes",
		short:        "Sync SPS quotes modified in a window into HubSpot deals, wait, and print the report",
		since:        "window start (modified quotes), RFC 3339",
		lookbackHelp: "window length when --since is not given (default QUOTE_LOOKBACK_HOURS, 25)",
		lookback:     func(s config.Settings) int { return s.Quotes.LookbackHours },
		kind:         workflows.QuoteSyncKind,
		start: func(ctx context.Context, c client.Client, w report.Window) (client.WorkflowRun, error) {
			return workflows.StartQuoteSync(ctx, c, workflows.QuoteSyncInput{Since: &w.Since, Until: &w.Until})
		},
	})
	cmd.AddCommand(orders, customersCommand(), quotes, productsCommand())
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
				fmt.Fprintln(cmd.OutOrStdout(), "created property", p)
			}
			for _, o := range result.AddedOptions {
				fmt.Fprintln(cmd.OutOrStdout(), "added option", o)
			}
			if err == nil {
				fmt.Fprintln(cmd.OutOrStdout(), "HubSpot schema is ready")
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
			fmt.Fprintln(cmd.OutOrStdout(), "HubSpot schema is ready")
			return nil
		},
	})
	return cmd
}

func dialTemporal(settings config.Settings) (client.Client, error) {
	c, err := client.Dial(client.Options{HostPort: settings.Temporal.Address, Namespace: settings.Temporal.Namespace})
	if err != nil {
		return nil, fmt.Errorf("connect to Temporal at %s: %w", settings.Temporal.Address, err)
	}
	return c, nil
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

// printReport writes r as indented JSON to out and returns an error
// naming the run unless it succeeded.
func printReport(out io.Writer, r report.SyncReport) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("encode report of %s: %w", r.WorkflowID, err)
	}
	fmt.Fprintln(out, string(data))

	switch r.Status {
	case report.StatusSucceeded:
		return nil
	case report.StatusFailedRecords:
		return fmt.Errorf("%s %s: %s: %d records failed", r.Kind, r.WorkflowID, r.Status, r.Failed)
	default:
		return fmt.Errorf("%s %s: %s: %s", r.Kind, r.WorkflowID, r.Status, r.Error)
	}
}

func customersCommand() *cobra.Command {
	var noWait bool
	var concurrency int
	cmd := &cobra.Command{
		Use:   "customers",
		Short: "Sync active SPS B2B customers into HubSpot companies now, wait, and print the report",
		Long: "Runs the customer sync the daily schedule runs: every active SPS customer, b2b-only.\n" +
			"Starting it again within the same minute attaches to the running sync.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			settings, err := config.Load(os.Getenv)
			if err != nil {
				return err
			}
			c, err := dialTemporal(settings)
			if err != nil {
				return err
			}
			defer c.Close()
			if concurrency == 0 {
				concurrency = settings.Customers.RepConcurrency
			}
			run, err := workflows.StartCustomerSync(cmd.Context(), c, workflows.CustomerSyncInput{
				RepConcurrency: concurrency,
			})
			return followRun(cmd, run, err, workflows.CustomerSyncKind, noWait)
		},
	}
	cmd.Flags().IntVar(&concurrency, "rep-concurrency", 0,
		"per-rep child workflows running at once (default CUSTOMER_SYNC_REP_CONCURRENCY, 4)")
	cmd.Flags().BoolVar(&noWait, "no-wait", false, "print the workflow id and return without waiting")
	return cmd
}

// followRun reports a started sync run and, unless noWait, waits for it
// and prints its report; startErr is the error of starting it.
func followRun(cmd *cobra.Command, run client.WorkflowRun, startErr error, kind string, noWait bool) error {
	if startErr != nil {
		return fmt.Errorf("start %s: %w", kind, startErr)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "%s %s running (run %s)\n", kind, run.GetID(), run.GetRunID())
	if noWait {
		return nil
	}
	rep, err := workflows.WaitReport(cmd.Context(), run, kind)
	if err != nil {
		return err
	}
	return printReport(cmd.OutOrStdout(), rep)
}

// windowSync describes a sync command that runs over a time window.
type windowSync struct {
	use, short, since, lookbackHelp string
	// lookback is the configured window length in hours.
	lookback func(config.Settings) int
	kind     string
	start    func(context.Context, client.Client, report.Window) (client.WorkflowRun, error)
}

// windowSyncCommand builds a sync command with --since, --until,
// --lookback-hours and --no-wait.
func windowSyncCommand(w windowSync) *cobra.Command {
	var since, until string
	var lookback int
	var noWait bool
	cmd := &cobra.Command{
		Use:   w.use,
		Short: w.short,
		Long: "Without --since/--until the window is the configured lookback ending now.\n" +
			"Starting a window that is already running attaches to that run instead of starting another.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			settings, err := config.Load(os.Getenv)
			if err != nil {
				return err
			}
			hours := lookback
			if hours == 0 {
				hours = w.lookback(settings)
			}
			// The flags are checked before dialing, so a typo fails fast.
			window, err := parseWindow(since, until, hours, time.Now())
			if err != nil {
				return err
			}
			c, err := dialTemporal(settings)
			if err != nil {
				return err
			}
			defer c.Close()

			run, err := w.start(cmd.Context(), c, window)
			return followRun(cmd, run, err, w.kind, noWait)
		},
	}
	cmd.Flags().StringVar(&since, "since", "", w.since)
	cmd.Flags().StringVar(&until, "until", "", "window end, RFC 3339 (default now)")
	cmd.Flags().IntVar(&lookback, "lookback-hours", 0, w.lookbackHelp)
	cmd.Flags().BoolVar(&noWait, "no-wait", false, "print the workflow id and return without waiting")
	return cmd
}

func rematchQuotesCommand() *cobra.Command {
	var noWait bool
	cmd := &cobra.Command{
		Use:   "rematch-quotes",
		Short: "Link quote deals without a company to the company that now has their SPS customer id",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			settings, err := config.Load(os.Getenv)
			if err != nil {
				return err
			}
			c, err := dialTemporal(settings)
			if err != nil {
				return err
			}
			defer c.Close()

			run, err := workflows.StartRematchQuotes(cmd.Context(), c)
			return followRun(cmd, run, err, workflows.RematchQuotesKind, noWait)
		},
	}
	cmd.Flags().BoolVar(&noWait, "no-wait", false, "print the workflow id and return without waiting")
	return cmd
}
