package square

import (
	"strings"
	"time"

	square "github.com/square/square-go-sdk"
)

// parseDateTime reads the one timestamp range of date_time_filter.
func (q *orderQuery) parseDateTime(filter *square.SearchOrdersDateTimeFilter) *square.Error {
	if filter == nil {
		return nil
	}
	const field = "query.filter.date_time_filter"
	ranges := []struct {
		sortField square.SearchOrdersSortField
		value     *square.TimeRange
	}{
		{square.SearchOrdersSortFieldCreatedAt, filter.CreatedAt},
		{square.SearchOrdersSortFieldUpdatedAt, filter.UpdatedAt},
		{square.SearchOrdersSortFieldClosedAt, filter.ClosedAt},
	}
	var chosen *square.TimeRange
	for _, r := range ranges {
		if r.value == nil {
			continue
		}
		if chosen != nil {
			return invalidRequest(square.ErrorCodeConflictingParameters, field,
				"date_time_filter allows only one of created_at, updated_at and closed_at.")
		}
		chosen, q.rangeField = r.value, r.sortField
	}
	if chosen == nil {
		return invalidRequest(square.ErrorCodeMissingRequiredParameter, field,
			"date_time_filter requires one of created_at, updated_at and closed_at.")
	}

	name := field + "." + strings.ToLower(string(q.rangeField))
	var e *square.Error
	if q.start, e = parseTimeBound(chosen.StartAt, name+".start_at"); e != nil {
		return e
	}
	if q.end, e = parseTimeBound(chosen.EndAt, name+".end_at"); e != nil {
		return e
	}
	q.openEnd = q.end == nil
	if q.start != nil && q.end != nil && q.start.After(*q.end) {
		return invalidRequest(square.ErrorCodeInvalidTimeRange, name,
			"start_at %s is after end_at %s.", *chosen.StartAt, *chosen.EndAt)
	}
	return nil
}

func parseTimeBound(value *string, field string) (*time.Time, *square.Error) {
	if value == nil {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339Nano, *value)
	if err != nil {
		return nil, invalidRequest(square.ErrorCodeInvalidTime, field, "%q is not an RFC 3339 timestamp.", *value)
	}
	return &t, nil
}

func (q *orderQuery) parseSort(sort *square.SearchOrdersSort) *square.Error {
	if sort == nil {
		return nil
	}
	if _, err := square.NewSearchOrdersSortFieldFromString(string(sort.SortField)); err != nil {
		return invalidRequest(square.ErrorCodeInvalidEnumValue, "query.sort.sort_field",
			"%q is not a sort field (CREATED_AT, UPDATED_AT, CLOSED_AT).", sort.SortField)
	}
	q.sortField = sort.SortField
	if sort.SortOrder == nil {
		return nil
	}
	switch *sort.SortOrder {
	case square.SortOrderAsc:
		q.descending = false
	case square.SortOrderDesc:
		q.descending = true
	default:
		return invalidRequest(square.ErrorCodeInvalidSortOrder, "query.sort.sort_order",
			"%q is not a sort order (ASC, DESC).", *sort.SortOrder)
	}
	return nil
}

// checkSortRules applies Square's two cross-field rules: a time range
// must be sorted by its own field, and CLOSED_AT sorting needs a state
// filter of closed states only.
func (q *orderQuery) checkSortRules() *square.Error {
	if q.rangeField != "" && q.sortField != q.rangeField {
		return invalidRequest(square.ErrorCodeInvalidValue, "query.sort.sort_field",
			"date_time_filter.%s requires sort_field %s; got %s.",
			strings.ToLower(string(q.rangeField)), q.rangeField, q.sortField)
	}
	if q.sortField != square.SearchOrdersSortFieldClosedAt {
		return nil
	}
	if q.states == nil {
		return invalidRequest(square.ErrorCodeMissingRequiredParameter, "query.filter.state_filter",
			"sort_field CLOSED_AT requires a state_filter with only COMPLETED or CANCELED.")
	}
	for state := range q.states {
		if !closedStates[state] {
			return invalidRequest(square.ErrorCodeInvalidValue, "query.filter.state_filter.states",
				"sort_field CLOSED_AT allows only COMPLETED and CANCELED states; got %s.", state)
		}
	}
	return nil
}
