package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strconv"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.uber.org/zap"

	"github.com/stonecity/sync/hubspotschema"
	"github.com/stonecity/sync/report"
	"github.com/stonecity/sync/sandbox/devstack"
	"github.com/stonecity/sync/schedules"
	"github.com/stonecity/sync/workflows"
)

// runDev boots the dev stack, runs one round of every sync and, unless
// --once, keeps the worker running until interrupted.
func runDev(ctx context.Context, f flags, logger *zap.Logger) error {
	var metricsHandler client.MetricsHandler
	metricsURL := ""
	if f.metrics >= 0 {
		h, srv, err := startMetrics(net.JoinHostPort("127.0.0.1", strconv.Itoa(f.metrics)), logger)
		if err != nil {
			return err
		}
		defer stopMetrics(srv, logger)
		metricsHandler, metricsURL = h, srv.URL()
	}
	stack, err := devstack.Start(ctx, devstack.Options{
		StateDir:     f.stateDir,
		Seed:         f.seed,
		Orders:       f.orders,
		FrontendPort: f.temporal,
		UIPort:       f.ui,
		HubSpotPort:  f.hubspot,
		SquarePort:   f.square,
		SPSPort:      f.sps,
		S3Port:       f.s3,
		GatewayPort:  f.gateway,
		// Like the real service, a few hundred milliseconds per page.
		SPSPageLatency: 300 * time.Millisecond,
		HubSpotFiles:   f.hubspotIn,
		SquareFiles:    f.squareIn,
		Logger:         logger,
		MetricsHandler: metricsHandler,
	})
	if err != nil {
		return err
	}
	defer func() {
		if err := stack.Stop(); err != nil {
			logger.Warn("Dev stack did not stop cleanly", zap.Error(err))
		}
	}()
	printEndpoints(stack, metricsURL)

	if err := prepareDev(ctx, stack, logger); err != nil {
		return err
	}
	w, err := stack.NewWorker(worker.Options{WorkerStopTimeout: stopTimeout})
	if err != nil {
		return err
	}
	if err := w.Start(); err != nil {
		return fmt.Errorf("start worker: %w", err)
	}
	defer w.Stop()

	reports := runRound(ctx, stack)
	printSummary(os.Stdout, reports, stack.Temporal.UIURL())
	if f.reportFile != "" {
		if err := writeReports(f.reportFile, reports); err != nil {
			return err
		}
	}

	if f.once {
		for _, r := range reports {
			if r.Status != report.StatusSucceeded {
				return fmt.Errorf("%s run %s: %s", r.Kind, r.WorkflowID, r.Status)
			}
		}
		return nil
	}
	fmt.Println("Worker running; schedules are active. Press Ctrl-C to stop.")
	<-ctx.Done()
	return nil
}

// prepareDev sets up the simulated HubSpot portal and the schedules, as an
// operator does once with the starter in production.
func prepareDev(ctx context.Context, stack *devstack.Stack, logger *zap.Logger) error {
	deps, err := newDependencies(stack)
	if err != nil {
		return err
	}
	result, err := hubspotschema.Setup(ctx, deps.HubSpot, hubspotschema.All(stack.Settings.Portal))
	if err != nil {
		return fmt.Errorf("HubSpot setup: %w", err)
	}
	logger.Info("HubSpot schema ready",
		zap.Strings("createdProperties", result.CreatedProperties),
		zap.Strings("addedOptions", result.AddedOptions))

	applied, err := schedules.Apply(ctx, stack.Client, schedules.Definitions(stack.Settings))
	if err != nil {
		return fmt.Errorf("apply schedules: %w", err)
	}
	for _, a := range applied {
		logger.Info("Schedule applied", zap.String("scheduleID", a.ID), zap.String("action", a.Action))
	}
	return nil
}

// runRound runs every implemented sync once, one after another, and
// returns their reports.
func runRound(ctx context.Context, stack *devstack.Stack) []report.SyncReport {
	since, until := stack.Backfill.Since, stack.Backfill.Until
	runs := []struct {
		kind  string
		start func() (client.WorkflowRun, error)
	}{
		{workflows.OrderSyncKind, func() (client.WorkflowRun, error) {
			return workflows.StartOrderSync(ctx, stack.Client, workflows.OrderSyncInput{Since: &since, Until: &until})
		}},
		{workflows.CustomerSyncKind, func() (client.WorkflowRun, error) {
			return workflows.StartCustomerSync(ctx, stack.Client, workflows.CustomerSyncInput{
				RepConcurrency: stack.Settings.Customers.RepConcurrency,
			})
		}},
		// Quote sync runs after customer sync, as the schedules order
		// them, so quotes find their companies.
		{workflows.QuoteSyncKind, func() (client.WorkflowRun, error) {
			return workflows.StartQuoteSync(ctx, stack.Client, workflows.QuoteSyncInput{Since: &since, Until: &until})
		}},
		{workflows.RematchQuotesKind, func() (client.WorkflowRun, error) {
			return workflows.StartRematchQuotes(ctx, stack.Client)
		}},
		{workflows.ProductSyncKind, func() (client.WorkflowRun, error) {
			return workflows.StartProductSync(ctx, stack.Client, workflows.ProductSyncInput{})
		}},
	}

	var reports []report.SyncReport
	for _, r := range runs {
		started := time.Now()
		run, err := r.start()
		if err != nil {
			reports = append(reports, report.SyncReport{
				Kind: r.kind, Status: report.StatusFailed, Error: err.Error(),
				Failures: []report.RecordFailure{}, StartedAt: started,
			})
			continue
		}
		rep, err := workflows.WaitReport(ctx, run, r.kind)
		if err != nil {
			// The worker is shutting down, so the later syncs do not
			// start.
			return reports
		}
		reports = append(reports, rep)
	}
	return reports
}

func writeReports(path string, reports []report.SyncReport) error {
	data, err := json.MarshalIndent(reports, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}
