package activities

import (
	"context"
	"fmt"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/customermap"
)

var contactMetadataProps = []string{
	customermap.PropSPSCustomerID, customermap.PropSPSCustomerType,
	customermap.PropSPSPriceLevel, customermap.PropSPSSalesRep, leadStatusProp,
}

// updateContacts writes the SPS metadata, and lead status SPS_B2B if
// blank, on the contacts of the batch's companies; only values that differ
// are written. A contact linked to the companies of two customers takes
// the metadata of the lower SPS id.
func (w *customerWrite) updateContacts(ctx context.Context) error {
	var companyIDs []string
	ownerOfCompany := map[string]int64{}
	for _, c := range w.in.Customers { // ascending SPS id
		companyID := w.companyOf[c.ID]
		if _, failed := w.failed[c.ID]; companyID == "" || failed {
			continue
		}
		if _, seen := ownerOfCompany[companyID]; !seen {
			ownerOfCompany[companyID] = c.ID
			companyIDs = append(companyIDs, companyID)
		}
	}
	if len(companyIDs) == 0 {
		return nil
	}

	var contactsOf map[string][]string
	err := w.stages.measure("companies: read contact associations", len(companyIDs), func() (err error) {
		contactsOf, err = w.a.HubSpot.BatchReadAssociations(ctx, objectCompanies, objectContacts, companyIDs)
		return err
	})
	if err != nil {
		return fmt.Errorf("read company contacts: %w", err)
	}

	ownerOfContact := map[string]int64{}
	var contactIDs []string
	for _, companyID := range companyIDs {
		for _, contactID := range contactsOf[companyID] {
			if _, taken := ownerOfContact[contactID]; !taken {
				ownerOfContact[contactID] = ownerOfCompany[companyID]
				contactIDs = append(contactIDs, contactID)
			}
		}
	}
	if len(contactIDs) == 0 {
		return nil
	}

	have, err := w.read(ctx, "contacts: read", objectContacts, contactIDs, contactMetadataProps)
	if err != nil {
		return fmt.Errorf("read contacts: %w", err)
	}
	var inputs []hubspot.UpdateInput
	for _, contactID := range contactIDs {
		current, ok := have[contactID]
		if !ok {
			continue // archived since the association was read
		}
		want := copyProps(w.record(ownerOfContact[contactID]).Contact)
		if current[leadStatusProp] == "" {
			want[leadStatusProp] = customermap.LeadStatusSPSB2B
		}
		if changes := customermap.ChangedProperties(want, current); len(changes) > 0 {
			inputs = append(inputs, hubspot.UpdateInput{ID: contactID, Properties: changes})
		}
	}
	return w.writeContacts(ctx, inputs, ownerOfContact)
}

func (w *customerWrite) writeContacts(ctx context.Context, inputs []hubspot.UpdateInput, owner map[string]int64) error {
	for start := 0; start < len(inputs); start += hubspot.MaxBatchSize {
		batch := inputs[start:min(start+hubspot.MaxBatchSize, len(inputs))]
		var res hubspot.BatchWriteResult
		err := w.stages.measure("contacts: update", len(batch), func() (err error) {
			res, err = w.a.HubSpot.BatchUpdate(ctx, objectContacts, batch)
			return err
		})
		if err != nil {
			return fmt.Errorf("update contacts: %w", err)
		}
		w.wrote(objectContacts, 0, len(res.Objects))
		for _, e := range res.Errors {
			for _, contactID := range e.IDs {
				id := owner[contactID]
				activity.GetLogger(ctx).Warn("HubSpot rejected a contact update", "spsCustomerID", id,
					"hubspotID", contactID, "error", e.Message)
				w.failed[id] = "contact " + contactID + " update: " + describeInputError(e)
			}
		}
	}
	return nil
}
