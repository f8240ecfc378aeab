package hubspot

import (
	"fmt"
	"slices"
	"strconv"
	"time"
)

// defaultPipelineID is the id of the deal pipeline every portal starts
// with.
const defaultPipelineID = "default"

// defaultDealPipeline is the "Sales Pipeline" every HubSpot portal has.
func defaultDealPipeline() Pipeline {
	stages := []struct {
		id, label   string
		probability float64
		closed      bool
	}{
		{"appointmentscheduled", "Appointment Scheduled", 0.2, false},
		{"qualifiedtobuy", "Qualified To Buy", 0.4, false},
		{"presentationscheduled", "Presentation Scheduled", 0.6, false},
		{"decisionmakerboughtin", "Decision Maker Bought-In", 0.8, false},
		{"contractsent", "Contract Sent", 0.9, false},
		{"closedwon", "Closed Won", 1.0, true},
		{"closedlost", "Closed Lost", 0.0, true},
	}
	p := Pipeline{ID: defaultPipelineID, Label: "Sales Pipeline"}
	for i, s := range stages {
		p.Stages = append(p.Stages, Stage{
			ID: s.id, Label: s.label, DisplayOrder: i, Probability: s.probability, IsClosed: s.closed,
		})
	}
	return p
}

func clonePipelines(list []Pipeline) []Pipeline {
	c := make([]Pipeline, len(list))
	for i, p := range list {
		c[i] = p
		c[i].Stages = slices.Clone(p.Stages)
	}
	return c
}

func (st *store) findPipeline(id string) (Pipeline, bool) {
	for _, p := range st.pipelines {
		if p.ID == id {
			return p, true
		}
	}
	return Pipeline{}, false
}

func (st *store) findStage(pipelineID, stageID string) (Stage, bool) {
	p, ok := st.findPipeline(pipelineID)
	if !ok {
		return Stage{}, false
	}
	for _, s := range p.Stages {
		if s.ID == stageID {
			return s, true
		}
	}
	return Stage{}, false
}

// validatePipeline checks a pipeline loaded from a portal: ids present,
// stage ids unique, probabilities between 0 and 1.
func validatePipeline(p Pipeline) error {
	if p.ID == "" {
		return fmt.Errorf("pipeline %q: id is empty", p.Label)
	}
	if len(p.Stages) == 0 {
		return fmt.Errorf("pipeline %s: stages are empty", p.ID)
	}
	seen := map[string]bool{}
	for _, s := range p.Stages {
		if s.ID == "" {
			return fmt.Errorf("pipeline %s: stage %q has an empty id", p.ID, s.Label)
		}
		if seen[s.ID] {
			return fmt.Errorf("pipeline %s: stage id %s is duplicated", p.ID, s.ID)
		}
		seen[s.ID] = true
		if s.Probability < 0 || s.Probability > 1 {
			return fmt.Errorf("pipeline %s stage %s: probability %v is outside 0.0 to 1.0",
				p.ID, s.ID, s.Probability)
		}
	}
	return nil
}

// putPipeline adds a pipeline or replaces the one with the same id.
func (st *store) putPipeline(p Pipeline) {
	p.Stages = slices.Clone(p.Stages)
	for i := range st.pipelines {
		if st.pipelines[i].ID == p.ID {
			st.pipelines[i] = p
			return
		}
	}
	st.pipelines = append(st.pipelines, p)
}

// pipelineJSON is a pipeline as the pipelines API returns it.
type pipelineJSON struct {
	ID           string      `json:"id"`
	Label        string      `json:"label"`
	DisplayOrder int         `json:"displayOrder"`
	Archived     bool        `json:"archived"`
	CreatedAt    string      `json:"createdAt"`
	UpdatedAt    string      `json:"updatedAt"`
	Stages       []stageJSON `json:"stages"`
}

type stageJSON struct {
	ID               string            `json:"id"`
	Label            string            `json:"label"`
	DisplayOrder     int               `json:"displayOrder"`
	Metadata         map[string]string `json:"metadata"`
	Archived         bool              `json:"archived"`
	CreatedAt        string            `json:"createdAt"`
	UpdatedAt        string            `json:"updatedAt"`
	WritePermissions string            `json:"writePermissions"`
}

// renderPipeline builds the API JSON. Stage metadata values are strings,
// and stored pipelines carry no timestamps, so createdAt is the epoch as
// for HubSpot's default pipelines.
func renderPipeline(p Pipeline) pipelineJSON {
	epoch := formatTime(time.UnixMilli(0))
	out := pipelineJSON{
		ID: p.ID, Label: p.Label, DisplayOrder: p.DisplayOrder,
		CreatedAt: epoch, UpdatedAt: epoch, Stages: []stageJSON{},
	}
	for _, s := range p.Stages {
		out.Stages = append(out.Stages, stageJSON{
			ID: s.ID, Label: s.Label, DisplayOrder: s.DisplayOrder,
			Metadata: map[string]string{
				"probability": strconv.FormatFloat(s.Probability, 'f', 1, 64),
				"isClosed":    strconv.FormatBool(s.IsClosed),
			},
			CreatedAt: epoch, UpdatedAt: epoch, WritePermissions: "CRM_PERMISSIONS_ENFORCEMENT",
		})
	}
	return out
}

// pipelineOptions returns the options HubSpot shows on the deal pipeline
// and dealstage properties.
func (st *store) pipelineOptions(property string) []PropertyOption {
	options := []PropertyOption{}
	for _, p := range st.pipelines {
		if property == pipelineProp {
			options = append(options, PropertyOption{
				Label: p.Label, Value: p.ID, DisplayOrder: p.DisplayOrder,
			})
			continue
		}
		for _, s := range p.Stages {
			options = append(options, PropertyOption{
				Label: s.Label, Value: s.ID, DisplayOrder: s.DisplayOrder,
			})
		}
	}
	return options
}

// handleListPipelines serves GET /crm/v3/pipelines/{type}. Only deals have
// pipelines in the simulator.
func (s *Simulator) handleListPipelines(c *apiCall) (reply, *apiError) {
	results := []pipelineJSON{}
	if c.objectType.name == "deals" {
		for _, p := range s.st.pipelines {
			results = append(results, renderPipeline(p))
		}
	}
	return reply{status: 200, body: map[string]any{"results": results}}, nil
}

// handleGetPipeline serves GET /crm/v3/pipelines/{type}/{pipelineId}.
func (s *Simulator) handleGetPipeline(c *apiCall) (reply, *apiError) {
	id := c.r.PathValue("pipelineId")
	p, ok := s.st.findPipeline(id)
	if c.objectType.name != "deals" || !ok {
		return reply{}, errNotFound(fmt.Sprintf("Unable to find pipeline %s for object type %s",
			id, c.objectType.typeID))
	}
	return reply{status: 200, body: renderPipeline(p)}, nil
}
