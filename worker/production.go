package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.uber.org/zap"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/logging"
	"github.com/stonecity/sync/workflows"
)

// stopTimeout is how long a stopping worker lets running activities
// finish. Most activities read one page or write one batch and finish
// well within it. A longer one is canceled and retried on another worker,
// and that is safe because every write is idempotent.
const stopTimeout = 20 * time.Second

// runProduction polls the task queue of the configured cluster until ctx
// ends.
func runProduction(ctx context.Context, logger *zap.Logger) error {
	settings, err := config.Load(os.Getenv)
	if err != nil {
		return err
	}
	if err := settings.RequireCredentials(); err != nil {
		return err
	}
	deps, err := activities.NewDependencies(settings)
	if err != nil {
		return err
	}

	opts := client.Options{
		HostPort:  settings.Temporal.Address,
		Namespace: settings.Temporal.Namespace,
		Logger:    logging.Temporal(logger.Named("temporal")),
	}
	if settings.Metrics.Addr != "" {
		h, srv, err := startMetrics(settings.Metrics.Addr, logger)
		if err != nil {
			return err
		}
		defer stopMetrics(srv, logger)
		opts.MetricsHandler = h
	}
	c, err := client.Dial(opts)
	if err != nil {
		return fmt.Errorf("connect to Temporal at %s: %w", settings.Temporal.Address, err)
	}
	defer c.Close()
	if err := checkSearchAttributes(ctx, c, settings.Temporal.Namespace); err != nil {
		return err
	}

	w := worker.New(c, workflows.TaskQueue, worker.Options{WorkerStopTimeout: stopTimeout})
	workflows.Register(w)
	activities.Register(w, deps)
	logger.Info("Worker polling", zap.String("taskQueue", workflows.TaskQueue),
		zap.String("temporalAddress", settings.Temporal.Address), zap.String("namespace", settings.Temporal.Namespace))
	if err := w.Start(); err != nil {
		return fmt.Errorf("start worker: %w", err)
	}
	<-ctx.Done()
	w.Stop()
	logger.Info("Worker stopped")
	return nil
}

// checkSearchAttributes fails when the namespace lacks a custom search
// attribute the workflows set, because an unknown attribute would fail
// every workflow task instead. The error gives the command that creates
// each missing attribute, in name order.
func checkSearchAttributes(ctx context.Context, c client.Client, namespace string) error {
	resp, err := c.OperatorService().ListSearchAttributes(ctx,
		&operatorservice.ListSearchAttributesRequest{Namespace: namespace})
	if err != nil {
		return fmt.Errorf("list search attributes of namespace %s: %w", namespace, err)
	}

	names := make([]string, 0, len(workflows.SearchAttributeTypes))
	for name := range workflows.SearchAttributeTypes {
		names = append(names, name)
	}
	sort.Strings(names)
	var missing []string
	for _, name := range names {
		if _, ok := resp.GetCustomAttributes()[name]; !ok {
			missing = append(missing, fmt.Sprintf("namespace %s has no search attribute %s; create it with "+
				"`temporal operator search-attribute create --namespace %s --name %s --type %s`",
				namespace, name, namespace, name, typeName(workflows.SearchAttributeTypes[name].String())))
		}
	}
	if len(missing) > 0 {
		return errors.New(strings.Join(missing, "; "))
	}
	return nil
}

func typeName(enum string) string {
	switch enum {
	case "Keyword", "INDEXED_VALUE_TYPE_KEYWORD":
		return "Keyword"
	case "Int", "INDEXED_VALUE_TYPE_INT":
		return "Int"
	default:
		return enum
	}
}
