package workflows

import (
	"go.temporal.io/sdk/workflow"
)

// Registry is the part of a Temporal worker that registers workflows.
type Registry interface {
	RegisterWorkflowWithOptions(w interface{}, options workflow.RegisterOptions)
}

// Register registers every sync workflow under its contract name.
func Register(r Registry) {
	r.RegisterWorkflowWithOptions(OrderSync, workflow.RegisterOptions{Name: OrderSyncWorkflowName})
	r.RegisterWorkflowWithOptions(RematchQuotes, workflow.RegisterOptions{Name: RematchQuotesWorkflowName})
	r.RegisterWorkflowWithOptions(CustomerSync, workflow.RegisterOptions{Name: CustomerSyncWorkflowName})
	r.RegisterWorkflowWithOptions(CustomerSyncRep, workflow.RegisterOptions{Name: CustomerSyncRepWorkflowName})
	r.RegisterWorkflowWithOptions(QuoteSync, workflow.RegisterOptions{Name: QuoteSyncWorkflowName})
	r.RegisterWorkflowWithOptions(ProductSync, workflow.RegisterOptions{Name: ProductSyncWorkflowName})
	r.RegisterWorkflowWithOptions(QuoteStatus, workflow.RegisterOptions{Name: QuoteStatusWorkflowName})
	r.RegisterWorkflowWithOptions(QuoteBuilder, workflow.RegisterOptions{Name: QuoteBuilderWorkflowName})
}
