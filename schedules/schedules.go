// Package schedules creates and updates the Temporal schedules of the
// sync workflows, one schedule per sync, idempotently.
package schedules

import (
	"context"
	"errors"
	"fmt"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/workflows"
)

// CatchupWindow is how late a missed run may still start, for example
// after the cluster was down over the scheduled time.
const CatchupWindow = 6 * time.Hour

// Definition is one sync schedule.
type Definition struct {
	ID       string
	Kind     string
	Cron     string
	Workflow string
	Input    any
}

// Definitions returns the schedules of the implemented syncs.
func Definitions(s config.Settings) []Definition {
	return []Definition{{
		ID:       workflows.OrderSyncScheduleID,
		Kind:     workflows.OrderSyncKind,
		Cron:     s.Orders.Schedule,
		Workflow: workflows.OrderSyncWorkflowName,
		Input:    workflows.OrderSyncInput{LookbackHours: s.Orders.LookbackHours},
	}, {
		ID:       workflows.CustomerSyncScheduleID,
		Kind:     workflows.CustomerSyncKind,
		Cron:     s.Customers.Schedule,
		Workflow: workflows.CustomerSyncWorkflowName,
		Input:    workflows.CustomerSyncInput{RepConcurrency: s.Customers.RepConcurrency},
	}, {
		ID:       workflows.QuoteSyncScheduleID,
		Kind:     workflows.QuoteSyncKind,
		Cron:     s.Quotes.Schedule,
		Workflow: workflows.QuoteSyncWorkflowName,
		Input:    workflows.QuoteSyncInput{LookbackHours: s.Quotes.LookbackHours},
	}, {
		ID:       workflows.ProductSyncScheduleID,
		Kind:     workflows.ProductSyncKind,
		Cron:     s.Products.Schedule,
		Workflow: workflows.ProductSyncWorkflowName,
		Input:    workflows.ProductSyncInput{},
	}}
}

// Result is the action Apply took on one schedule.
type Result struct {
	ID     string
	Action string // "created" or "updated"
}

// Apply creates each schedule, or updates its spec, action and policies
// if it exists. A paused schedule stays paused. Overlap policy SKIP: a run
// still going makes the next one skip, so two runs never overlap.
func Apply(ctx context.Context, c client.Client, defs []Definition) ([]Result, error) {
	var results []Result
	for _, d := range defs {
		action, err := apply(ctx, c, d)
		if err != nil {
			return results, fmt.Errorf("schedule %s: %w", d.ID, err)
		}
		results = append(results, Result{ID: d.ID, Action: action})
	}
	return results, nil
}

func apply(ctx context.Context, c client.Client, d Definition) (string, error) {
	spec := client.ScheduleSpec{CronExpressions: []string{d.Cron}}
	action := &client.ScheduleWorkflowAction{
		// Temporal appends "-<nominal time>" to this id for each run.
		ID:        d.ID,
		Workflow:  d.Workflow,
		Args:      []any{d.Input},
		TaskQueue: workflows.TaskQueue,
		TypedSearchAttributes: temporal.NewSearchAttributes(
			temporal.NewSearchAttributeKeyKeyword(workflows.SearchAttributeSyncKind).ValueSet(d.Kind)),
	}

	_, err := c.ScheduleClient().Create(ctx, client.ScheduleOptions{
		ID:            d.ID,
		Spec:          spec,
		Action:        action,
		Overlap:       enumspb.SCHEDULE_OVERLAP_POLICY_SKIP,
		CatchupWindow: CatchupWindow,
		Note:          "Managed by `starter schedules apply`; edits here are overwritten.",
	})
	if err == nil {
		return "created", nil
	}
	var exists *serviceerror.AlreadyExists
	if !errors.Is(err, temporal.ErrScheduleAlreadyRunning) && !errors.As(err, &exists) {
		return "", err
	}

	handle := c.ScheduleClient().GetHandle(ctx, d.ID)
	err = handle.Update(ctx, client.ScheduleUpdateOptions{
		DoUpdate: func(in client.ScheduleUpdateInput) (*client.ScheduleUpdate, error) {
			sched := in.Description.Schedule
			sched.Spec = &spec
			sched.Action = action
			if sched.Policy == nil {
				sched.Policy = &client.SchedulePolicies{}
			}
			sched.Policy.Overlap = enumspb.SCHEDULE_OVERLAP_POLICY_SKIP
			sched.Policy.CatchupWindow = CatchupWindow
			return &client.ScheduleUpdate{Schedule: &sched}, nil
		},
	})
	if err != nil {
		return "", err
	}
	return "updated", nil
}
