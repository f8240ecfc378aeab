package hubspot

import (
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strings"
	"time"
)

// writePlan is a validated write, ready to commit.
type writePlan struct {
	rec     *record           // the record to update; nil for a create
	id      int64             // the record id, reserved for a create
	changes map[string]string // normalised values; "" clears on update
	edges   []edge            // inline associations of a create
}

// batchClaims contains the unique values taken by earlier inputs of the same
// batch: property → value key → record id.
type batchClaims map[string]map[string]int64

func (c batchClaims) claim(property, value string, id int64) {
	if c[property] == nil {
		c[property] = map[string]int64{}
	}
	c[property][uniqueKey(property, value)] = id
}

// planCreate validates one create input. On success it reserves the new
// record's id and claims its unique values in claims.
func (st *store) planCreate(t objectType, values propertyValues, assocs []associationInput, claims batchClaims) (writePlan, *apiError) {
	changes, apiErr := st.validateProperties(t, values, nil, modeCreate)
	if apiErr != nil {
		return writePlan{}, apiErr
	}
	if apiErr := st.checkUnique(t, changes, 0, claims); apiErr != nil {
		return writePlan{}, apiErr
	}
	edges, apiErr := st.planEdges(t, assocs)
	if apiErr != nil {
		return writePlan{}, apiErr
	}

	id := st.reserveID()
	for i := range edges {
		edges[i].fromID = id
	}
	st.claimUnique(t, changes, id, claims)
	return writePlan{id: id, changes: changes, edges: edges}, nil
}

// planUpdate validates one update of an existing record and claims its new
// unique values.
func (st *store) planUpdate(t objectType, r *record, values propertyValues, claims batchClaims) (writePlan, *apiError) {
	changes, apiErr := st.validateProperties(t, values, r.props, modeUpdate)
	if apiErr != nil {
		return writePlan{}, apiErr
	}
	if apiErr := st.checkUnique(t, changes, r.id, claims); apiErr != nil {
		return writePlan{}, apiErr
	}
	st.claimUnique(t, changes, r.id, claims)
	return writePlan{rec: r, id: r.id, changes: changes}, nil
}

// commit applies a plan and returns the written record and whether it was
// created.
func (st *store) commit(t objectType, plan writePlan, now time.Time) (*record, bool) {
	if plan.rec != nil {
		st.update(t, plan.rec, plan.changes, now)
		return plan.rec, false
	}
	r := &record{id: plan.id, props: maps.Clone(plan.changes), createdAt: now, updatedAt: now}
	st.derive(t, r.id, r.props, now, now)
	st.insert(t, r, now)
	for _, e := range plan.edges {
		st.assoc.add(e)
	}
	return r, true
}

// validateProperties checks every written value of one input against its
// definition and returns the normalised values. Any problem rejects the
// whole input, and the error lists every problem found. current is nil on
// create.
func (st *store) validateProperties(t objectType, values propertyValues, current map[string]string, mode writeMode) (map[string]string, *apiError) {
	ps := st.props(t)
	changes := map[string]string{}
	var problems []propertyProblem
	for _, name := range slices.Sorted(maps.Keys(values)) {
		p, ok := ps.get(name)
		if !ok {
			problems = append(problems, problem(name, "PROPERTY_DOESNT_EXIST",
				fmt.Sprintf("Property %q does not exist", name)))
			continue
		}
		if p.readOnly() {
			problems = append(problems, problem(name, "READ_ONLY_VALUE",
				fmt.Sprintf("%s is a read only property; its value cannot be set.", name)))
			continue
		}
		value, found, ok := st.normalizeFor(t, p, values[name], mode)
		if !ok {
			problems = append(problems, found)
			continue
		}
		if mode == modeCreate && value == "" {
			continue
		}
		changes[name] = value
	}

	switch t.name {
	case "deals":
		if mode == modeCreate {
			st.defaultPipeline(changes)
		}
		problems = append(problems, st.dealProblems(current, changes, mode)...)
	case "contacts":
		problems = append(problems, st.lifecycleProblems(current, changes)...)
	case "line_items":
		problems = append(problems, lineItemProblems(changes)...)
	}
	if len(problems) > 0 {
		return nil, errPropertyValues(problems)
	}
	return changes, nil
}

// normalizeFor applies the per-type special cases before the generic value
// rules: contact emails, and deal pipeline and stage, which dealProblems
// checks against the pipelines.
func (st *store) normalizeFor(t objectType, p *Property, value string, mode writeMode) (string, propertyProblem, bool) {
	switch {
	case t.name == "contacts" && p.Name == emailProp:
		return normalizeEmail(value)
	case t.name == "deals" && (p.Name == pipelineProp || p.Name == dealStageProp):
		return value, propertyProblem{}, true
	default:
		return normalizeValue(p, value, mode)
	}
}

// defaultPipeline puts a new deal that names no pipeline into the
// account's default one ("default", else the first pipeline), as HubSpot
// does. The stage is still required and checked against that pipeline.
func (st *store) defaultPipeline(changes map[string]string) {
	if changes[pipelineProp] != "" || len(st.pipelines) == 0 {
		return
	}
	id := st.pipelines[0].ID
	if _, ok := st.findPipeline(defaultPipelineID); ok {
		id = defaultPipelineID
	}
	changes[pipelineProp] = id
}

// lineItemProblems rejects a negative line item price, which HubSpot's
// line items guide forbids.
//
// NOTE: HubSpot documents the rule but not its error body; the code
// INVALID_NEGATIVE_PRICE is the simulator's own.
func lineItemProblems(changes map[string]string) []propertyProblem {
	price, ok := new(big.Rat).SetString(changes["price"])
	if changes["price"] == "" || !ok || price.Sign() >= 0 {
		return nil
	}
	return []propertyProblem{problem("price", "INVALID_NEGATIVE_PRICE",
		fmt.Sprintf("Price %s is negative, but a line item price must be 0 or more.", changes["price"]))}
}

// dealProblems enforces HubSpot's deal rules: dealname, pipeline and
// dealstage are required on create, pipeline and dealstage cannot be
// cleared, and the stage must belong to the pipeline.
func (st *store) dealProblems(current, changes map[string]string, mode writeMode) []propertyProblem {
	effective := func(name string) string {
		if v, ok := changes[name]; ok {
			return v
		}
		return current[name]
	}
	var problems []propertyProblem
	for _, name := range []string{"dealname", pipelineProp, dealStageProp} {
		v, written := changes[name]
		missing := mode == modeCreate && effective(name) == ""
		cleared := mode == modeUpdate && written && v == "" && name != "dealname"
		if missing || cleared {
			problems = append(problems, problem(name, "MISSING_REQUIRED_PROPERTY",
				fmt.Sprintf("%s is required on every deal", name)))
		}
	}
	_, pipelineWritten := changes[pipelineProp]
	_, stageWritten := changes[dealStageProp]
	pipelineID, stageID := effective(pipelineProp), effective(dealStageProp)
	if (!pipelineWritten && !stageWritten) || pipelineID == "" {
		return problems
	}

	p, ok := st.findPipeline(pipelineID)
	if !ok {
		var ids []string
		for _, known := range st.pipelines {
			ids = append(ids, known.ID)
		}
		return append(problems, problem(pipelineProp, "INVALID_OPTION", fmt.Sprintf(
			"%s was not one of the allowed options: [%s]", pipelineID, strings.Join(ids, ", "))))
	}
	if stageID == "" {
		return problems
	}
	if _, ok := st.findStage(pipelineID, stageID); !ok {
		var ids []string
		for _, s := range p.Stages {
			ids = append(ids, s.ID)
		}
		problems = append(problems, problem(dealStageProp, "INVALID_OPTION", fmt.Sprintf(
			"%s was not one of the allowed options: [%s]", stageID, strings.Join(ids, ", "))))
	}
	return problems
}

// lifecycleProblems rejects moving a contact's lifecyclestage backward; a
// contact moves back only by clearing the stage first.
//
// NOTE: HubSpot documents the forward-only rule but not its error body.
func (st *store) lifecycleProblems(current, changes map[string]string) []propertyProblem {
	next, written := changes[lifecycleProp]
	previous := current[lifecycleProp]
	if !written || next == "" || previous == "" {
		return nil
	}
	p, ok := st.properties["contacts"].get(lifecycleProp)
	if !ok {
		return nil
	}
	order := p.optionValues()
	if slices.Index(order, next) < slices.Index(order, previous) {
		return []propertyProblem{problem(lifecycleProp, "INVALID_LIFECYCLE_STAGE", fmt.Sprintf(
			"lifecyclestage cannot move backward from %s to %s; clear it with \"\" first",
			previous, next))}
	}
	return nil
}

// checkUnique rejects a write whose unique values belong to another live
// record or to an earlier input of the same batch.
func (st *store) checkUnique(t objectType, changes map[string]string, selfID int64, claims batchClaims) *apiError {
	for _, prop := range slices.Sorted(maps.Keys(st.unique[t.name])) {
		value := changes[prop]
		if value == "" {
			continue
		}
		key := uniqueKey(prop, value)
		holder, taken := st.unique[t.name][prop][key]
		fromBatch := false
		if !taken || holder == selfID {
			holder, taken = claims[prop][key]
			fromBatch = true
		}
		if !taken || holder == selfID {
			continue
		}
		var e *apiError
		if t.name == "contacts" && prop == emailProp {
			e = errContactExists(holder)
		} else {
			e = errUniqueValueConflict(t, prop, value, holder)
		}
		e.conflict = &uniqueConflict{property: prop, value: value, fromBatch: fromBatch}
		return e
	}
	return nil
}

// conflictWithinBatch rewrites a conflict with an earlier input of an
// all-or-nothing batch. That input is never written, so the id the
// conflict names would point at no record. earlier are the plans of the
// inputs before index, all of which passed.
func conflictWithinBatch(apiErr *apiError, earlier []writePlan, index int) *apiError {
	c := apiErr.conflict
	if c == nil || !c.fromBatch {
		return apiErr
	}
	key := uniqueKey(c.property, c.value)
	for i, plan := range earlier {
		if v, ok := plan.changes[c.property]; ok && uniqueKey(c.property, v) == key {
			return errDuplicateInBatch(c.property, i, index)
		}
	}
	return apiErr
}

func (st *store) claimUnique(t objectType, changes map[string]string, id int64, claims batchClaims) {
	for prop := range st.unique[t.name] {
		if value := changes[prop]; value != "" {
			claims.claim(prop, value, id)
		}
	}
}
