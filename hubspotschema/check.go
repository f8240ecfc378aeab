package hubspotschema

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/stonecity/sync/clients/hubspot"
)

// Problem is one way a portal falls short of the requirements.
type Problem struct {
	Object  string `json:"object"`
	Name    string `json:"name"`
	Message string `json:"message"`
	// Fixable reports whether Setup can fix it; a wrong type or unique flag
	// must be fixed by hand in HubSpot.
	Fixable bool `json:"fixable"`
}

// Error lists the problems Check found.
type Error struct {
	Problems []Problem
}

// Error names every problem and the command that fixes the fixable ones.
func (e *Error) Error() string {
	msgs := make([]string, len(e.Problems))
	fixable := false
	for i, p := range e.Problems {
		msgs[i] = p.Message
		fixable = fixable || p.Fixable
	}
	msg := "HubSpot schema is not ready: " + strings.Join(msgs, "; ")
	if fixable {
		msg += ". Run `" + SetupCommand + "` to create what is missing"
	}
	return msg
}

// Check reads the live schema and returns an *Error naming every missing
// or mismatched property, option, pipeline and stage, or nil.
func Check(ctx context.Context, c *hubspot.Client, req Requirements) error {
	problems, err := Inspect(ctx, c, req)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return &Error{Problems: problems}
	}
	return nil
}

// Inspect returns the problems of the portal against req; an error means
// the schema could not be read.
func Inspect(ctx context.Context, c *hubspot.Client, req Requirements) ([]Problem, error) {
	var problems []Problem
	for _, object := range objectsOf(req) {
		existing, err := c.ListProperties(ctx, object)
		if err != nil {
			return nil, fmt.Errorf("read HubSpot %s properties: %w", object, err)
		}
		byName := make(map[string]hubspot.Property, len(existing))
		for _, p := range existing {
			byName[p.Name] = p
		}
		for _, want := range req.Properties {
			if want.Object == object {
				problems = append(problems, propertyProblems(want, byName)...)
			}
		}
	}

	if len(req.Pipelines) > 0 {
		pipelines, err := c.ListPipelines(ctx, "deals")
		if err != nil {
			return nil, fmt.Errorf("read HubSpot deal pipelines: %w", err)
		}
		problems = append(problems, pipelineProblems(req.Pipelines, pipelines)...)
	}
	return problems, nil
}

func propertyProblems(want Property, existing map[string]hubspot.Property) []Problem {
	have, ok := existing[want.Name]
	if !ok {
		return []Problem{{Object: want.Object, Name: want.Name, Fixable: want.Type != "",
			Message: fmt.Sprintf("%s property %s is missing", want.Object, want.Name)}}
	}

	var problems []Problem
	if want.Type != "" && (have.Type != want.Type || have.FieldType != want.FieldType) {
		problems = append(problems, Problem{Object: want.Object, Name: want.Name, Message: fmt.Sprintf(
			"%s property %s is %s/%s, expected %s/%s; change it in HubSpot's property settings",
			want.Object, want.Name, have.Type, have.FieldType, want.Type, want.FieldType)})
	}
	if want.Unique && !have.HasUniqueValue {
		problems = append(problems, Problem{Object: want.Object, Name: want.Name, Message: fmt.Sprintf(
			"%s property %s must have unique values, and HubSpot cannot add that to an existing property; "+
				"archive it and run setup again", want.Object, want.Name)})
	}
	for _, option := range missingOptions(want.Options, have.Options) {
		problems = append(problems, Problem{Object: want.Object, Name: want.Name, Fixable: true,
			Message: fmt.Sprintf("%s property %s has no option %s", want.Object, want.Name, option)})
	}
	return problems
}

func missingOptions(want []string, have []hubspot.Option) []string {
	present := make(map[string]bool, len(have))
	for _, o := range have {
		present[o.Value] = true
	}
	var missing []string
	for _, v := range want {
		if !present[v] {
			missing = append(missing, v)
		}
	}
	return missing
}

func pipelineProblems(want []Pipeline, have []hubspot.Pipeline) []Problem {
	byID := make(map[string]hubspot.Pipeline, len(have))
	for _, p := range have {
		byID[p.ID] = p
	}

	var problems []Problem
	for _, w := range want {
		p, ok := byID[w.ID]
		if !ok {
			problems = append(problems, Problem{Object: "deals", Name: w.ID, Message: fmt.Sprintf(
				"deal pipeline %s (%s) does not exist; create it in HubSpot or set the pipeline id in the configuration",
				w.ID, w.Label)})
			continue
		}
		stages := make(map[string]bool, len(p.Stages))
		for _, s := range p.Stages {
			stages[s.ID] = true
		}
		for _, id := range w.StageIDs {
			if !stages[id] {
				problems = append(problems, Problem{Object: "deals", Name: id, Message: fmt.Sprintf(
					"deal pipeline %s (%s) has no stage %s; create it in HubSpot or fix the stage id in the configuration",
					w.ID, p.Label, id)})
			}
		}
	}
	return problems
}

// objectsOf returns the object types req names, sorted.
func objectsOf(req Requirements) []string {
	seen := map[string]bool{}
	var objects []string
	for _, p := range req.Properties {
		if !seen[p.Object] {
			seen[p.Object] = true
			objects = append(objects, p.Object)
		}
	}
	sort.Strings(objects)
	return objects
}
