package hubspotschema

import (
	"context"
	"errors"
	"fmt"

	"github.com/stonecity/sync/clients/hubspot"
)

// SetupResult lists the properties and options Setup created.
type SetupResult struct {
	CreatedProperties []string `json:"createdProperties"`
	AddedOptions      []string `json:"addedOptions"`
}

// Setup creates missing custom properties and adds missing enumeration
// options, then checks the result. It is idempotent: a second run changes
// nothing, and a property another run creates at the same time is left to
// the final check. Options are written as the full list (HubSpot replaces the list
// on update), existing options first, so no option in use is removed.
// Problems Setup cannot fix (wrong type, missing unique flag, missing
// pipeline or stage) are returned by the final check.
func Setup(ctx context.Context, c *hubspot.Client, req Requirements) (SetupResult, error) {
	var result SetupResult
	for _, object := range objectsOf(req) {
		existing, err := c.ListProperties(ctx, object)
		if err != nil {
			return result, fmt.Errorf("read HubSpot %s properties: %w", object, err)
		}
		byName := make(map[string]hubspot.Property, len(existing))
		for _, p := range existing {
			byName[p.Name] = p
		}

		for _, want := range req.Properties {
			if want.Object != object {
				continue
			}
			if err := ensureProperty(ctx, c, want, byName, &result); err != nil {
				return result, err
			}
		}
	}

	err := Check(ctx, c, req)
	var schemaErr *Error
	if errors.As(err, &schemaErr) {
		return result, fmt.Errorf("setup could not fix everything: %w", err)
	}
	return result, err
}

func ensureProperty(ctx context.Context, c *hubspot.Client, want Property,
	existing map[string]hubspot.Property, result *SetupResult) error {
	have, ok := existing[want.Name]
	if !ok {
		if want.Type == "" {
			return fmt.Errorf("HubSpot standard %s property %s is missing; the portal is not a standard CRM portal",
				want.Object, want.Name)
		}
		_, err := c.CreateProperty(ctx, want.Object, newProperty(want))
		var hubErr *hubspot.Error
		if errors.As(err, &hubErr) && hubErr.Kind == hubspot.KindConflict {
			// Another setup created it after the list was read; the final
			// check verifies its definition.
			return nil
		}
		if err != nil {
			return fmt.Errorf("create HubSpot %s property %s: %w", want.Object, want.Name, err)
		}
		result.CreatedProperties = append(result.CreatedProperties, want.Object+"."+want.Name)
		return nil
	}

	missing := missingOptions(want.Options, have.Options)
	if len(missing) == 0 {
		return nil
	}
	options := append([]hubspot.Option(nil), have.Options...)
	for _, v := range missing {
		options = append(options, hubspot.Option{Label: optionLabel(v), Value: v, DisplayOrder: len(options)})
		result.AddedOptions = append(result.AddedOptions, want.Object+"."+want.Name+"="+v)
	}
	// NOTE: an option added in HubSpot between the read above and this
	// update is removed, because the update replaces the whole list.
	if _, err := c.UpdateProperty(ctx, want.Object, want.Name, hubspot.PropertyUpdate{Options: options}); err != nil {
		return fmt.Errorf("add options to HubSpot %s property %s: %w", want.Object, want.Name, err)
	}
	return nil
}

func newProperty(want Property) hubspot.Property {
	p := hubspot.Property{
		Name:           want.Name,
		Label:          want.Label,
		Type:           want.Type,
		FieldType:      want.FieldType,
		GroupName:      groupNames[want.Object],
		Description:    "Written by Stone City sync.",
		HasUniqueValue: want.Unique,
	}
	if want.Type == "bool" {
		p.Options = []hubspot.Option{
			{Label: "Yes", Value: "true", DisplayOrder: 0},
			{Label: "No", Value: "false", DisplayOrder: 1},
		}
	}
	for i, v := range want.Options {
		p.Options = append(p.Options, hubspot.Option{Label: optionLabel(v), Value: v, DisplayOrder: i})
	}
	return p
}

// optionLabels are the labels of the product's lead status values.
var optionLabels = map[string]string{
	"NEW":         "New",
	"QUOTE":       "Quote",
	"SALES_ORDER": "Sales order",
	"UNQUALIFIED": "Unqualified",
	"SQUARE_POS":  "Square POS",
	"SPS_B2B":     "SPS B2B",
}

func optionLabel(value string) string {
	if label, ok := optionLabels[value]; ok {
		return label
	}
	return value
}
