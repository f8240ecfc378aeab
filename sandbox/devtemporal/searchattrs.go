package devtemporal

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
)

// ensureSearchAttributes registers every attribute in want that the
// namespace lacks and fails when one exists with another type. Attributes
// are normally pre-registered with the namespace. This path serves a
// database file created before an attribute was added to the options.
func ensureSearchAttributes(
	ctx context.Context, c client.Client, namespace string, want map[string]enumspb.IndexedValueType,
) error {
	if len(want) == 0 {
		return nil
	}
	listed, err := c.OperatorService().ListSearchAttributes(ctx,
		&operatorservice.ListSearchAttributesRequest{Namespace: namespace})
	if err != nil {
		return fmt.Errorf("devtemporal: list search attributes of %q: %w", namespace, err)
	}

	missing := map[string]enumspb.IndexedValueType{}
	for _, name := range slices.Sorted(maps.Keys(want)) {
		wantType := want[name]
		if _, system := listed.GetSystemAttributes()[name]; system {
			return fmt.Errorf("devtemporal: search attribute %q is a built-in attribute", name)
		}
		gotType, ok := listed.GetCustomAttributes()[name]
		if !ok {
			missing[name] = wantType
			continue
		}
		if gotType != wantType {
			return fmt.Errorf("devtemporal: search attribute %q of namespace %q has type %s, want %s",
				name, namespace, gotType, wantType)
		}
	}
	if len(missing) == 0 {
		return nil
	}

	_, err = c.OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
		Namespace:        namespace,
		SearchAttributes: missing,
	})
	if err != nil {
		return fmt.Errorf("devtemporal: add search attributes %v to %q: %w",
			slices.Sorted(maps.Keys(missing)), namespace, err)
	}

	return awaitQueryable(ctx, c, namespace, missing)
}

// awaitQueryable waits until a visibility query on each attribute is
// accepted. Attributes added through the API become usable only after the
// frontend's namespace cache refreshes, every 2 s by default.
//
// NOTE: the history service refreshes its own namespace cache on the same
// interval but not in step, so for up to that interval after Start returns
// it may still reject a workflow that sets a newly added attribute.
func awaitQueryable(
	ctx context.Context, c client.Client, namespace string, attrs map[string]enumspb.IndexedValueType,
) error {
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		request := &workflowservice.CountWorkflowExecutionsRequest{
			Namespace: namespace,
			Query:     fmt.Sprintf("`%s` IS NULL", name),
		}
		for {
			_, err := c.WorkflowService().CountWorkflowExecutions(ctx, request)
			if err == nil {
				break
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("devtemporal: search attribute %q not queryable in %q: %w",
					name, namespace, errors.Join(ctx.Err(), err))
			case <-time.After(pollInterval * 5):
			}
		}
	}

	return nil
}
