package hubspot

import "net/http"

// propertyUpdateRequest is a PATCH body; absent fields keep their value.
type propertyUpdateRequest struct {
	Label                *string          `json:"label"`
	Type                 *string          `json:"type"`
	FieldType            *string          `json:"fieldType"`
	GroupName            *string          `json:"groupName"`
	Description          *string          `json:"description"`
	Options              []PropertyOption `json:"options"`
	DisplayOrder         *int             `json:"displayOrder"`
	Hidden               *bool            `json:"hidden"`
	FormField            *bool            `json:"formField"`
	CalculationFormula   *string          `json:"calculationFormula"`
	CurrencyPropertyName *string          `json:"currencyPropertyName"`
	ShowCurrencySymbol   *bool            `json:"showCurrencySymbol"`
	NumberDisplayHint    *string          `json:"numberDisplayHint"`
	// HasUniqueValue is read only to reject a change with a clear message.
	HasUniqueValue *bool `json:"hasUniqueValue"`
}

// handleUpdateProperty serves PATCH /crm/v3/properties/{type}/{name}.
// options, when present, replace the whole list; hasUniqueValue cannot
// change, and HubSpot-defined properties keep their type, fieldType and
// group.
func (s *Simulator) handleUpdateProperty(c *apiCall) (reply, *apiError) {
	t := c.objectType
	var req propertyUpdateRequest
	if apiErr := decodeBody(c.body, &req); apiErr != nil {
		return reply{}, apiErr
	}
	current, ok := s.st.props(t).get(c.r.PathValue("name"))
	if !ok {
		return reply{}, errPropertyNotFound(t, c.r.PathValue("name"))
	}
	if apiErr := checkPropertyUpdate(t, current, req); apiErr != nil {
		return reply{}, apiErr
	}

	next := current.clone()
	applyPropertyUpdate(next, req)
	if apiErr := checkTypePair(next.Name, next.Type, next.FieldType); apiErr != nil {
		return reply{}, apiErr
	}
	if req.Options != nil || req.Type != nil || req.FieldType != nil {
		if apiErr := checkOptionList(next.Name, next.Type, next.FieldType, next.Options); apiErr != nil {
			return reply{}, apiErr
		}
		next.Options = normalizeOptions(next.Type, next.FieldType, next.Options)
	}
	next.UpdatedAt = c.now
	s.st.props(t).add(next)
	return reply{status: http.StatusOK, body: s.renderProperty(t, next)}, nil
}

func checkPropertyUpdate(t objectType, current *Property, req propertyUpdateRequest) *apiError {
	if req.HasUniqueValue != nil && *req.HasUniqueValue != current.HasUniqueValue {
		return errValidation("property %s: hasUniqueValue can be set only when the property "+
			"is created", current.Name)
	}
	if current.HubspotDefined {
		changed := (req.Type != nil && *req.Type != current.Type) ||
			(req.FieldType != nil && *req.FieldType != current.FieldType) ||
			(req.GroupName != nil && *req.GroupName != current.GroupName)
		if changed {
			return errValidation("property %s is HubSpot-defined; its type, fieldType and "+
				"groupName cannot be changed", current.Name)
		}
	}
	if t.name == "deals" && (current.Name == pipelineProp || current.Name == dealStageProp) &&
		req.Options != nil {
		return errValidation("the options of %s come from the deal pipelines; change the "+
			"pipelines instead", current.Name)
	}
	return nil
}

func applyPropertyUpdate(p *Property, req propertyUpdateRequest) {
	setString := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	setString(&p.Label, req.Label)
	setString(&p.Type, req.Type)
	setString(&p.FieldType, req.FieldType)
	setString(&p.GroupName, req.GroupName)
	setString(&p.Description, req.Description)
	if req.Options != nil {
		p.Options = append([]PropertyOption{}, req.Options...)
	}
	if req.DisplayOrder != nil {
		p.DisplayOrder = *req.DisplayOrder
	}
	if req.Hidden != nil {
		p.Hidden = *req.Hidden
	}
	if req.FormField != nil {
		p.FormField = *req.FormField
	}
	if req.FieldType != nil && !p.HubspotDefined {
		p.Calculated = *req.FieldType == "calculation_equation"
	}
}
