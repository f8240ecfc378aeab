package hubspot

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultDealPipeline(t *testing.T) {
	h := setup(t)
	resp := h.do("GET", "/crm/v3/pipelines/deals", nil)
	require.Equal(t, http.StatusOK, resp.status)
	var body struct {
		Results []pipelineJSON `json:"results"`
	}
	resp.decode(t, &body)
	require.Len(t, body.Results, 1)
	p := body.Results[0]
	assert.Equal(t, "default", p.ID)
	assert.Equal(t, "Sales Pipeline", p.Label)
	assert.Equal(t, "1970-01-01T00:00:00.000Z", p.CreatedAt)

	want := []struct {
		id, probability, closed string
	}{
		{"appointmentscheduled", "0.2", "false"},
		{"qualifiedtobuy", "0.4", "false"},
		{"presentationscheduled", "0.6", "false"},
		{"decisionmakerboughtin", "0.8", "false"},
		{"contractsent", "0.9", "false"},
		{"closedwon", "1.0", "true"},
		{"closedlost", "0.0", "true"},
	}
	require.Len(t, p.Stages, len(want))
	for i, w := range want {
		assert.Equal(t, w.id, p.Stages[i].ID)
		assert.Equal(t, w.probability, p.Stages[i].Metadata["probability"], w.id)
		assert.Equal(t, w.closed, p.Stages[i].Metadata["isClosed"], w.id)
		assert.Equal(t, i, p.Stages[i].DisplayOrder)
	}
}

// squarePipeline is a one-stage pipeline like Stone City's Square POS one.
var squarePipeline = Pipeline{ID: "889312001", Label: "Square POS", DisplayOrder: 1,
	Stages: []Stage{{ID: "1338115383", Label: "Closed won", Probability: 1, IsClosed: true}}}

func TestLoadedPipelineServedAndUsable(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadPortal(Portal{Pipelines: []Pipeline{squarePipeline}}))

	resp := h.do("GET", "/crm/v3/pipelines/deals/889312001", nil)
	require.Equal(t, http.StatusOK, resp.status)
	var p pipelineJSON
	resp.decode(t, &p)
	assert.Equal(t, "Square POS", p.Label)
	require.Len(t, p.Stages, 1)
	assert.Equal(t, map[string]string{"probability": "1.0", "isClosed": "true"}, p.Stages[0].Metadata)

	id := h.create("deals", props{"dealname": "Square Order 1", "pipeline": "889312001",
		"dealstage": "1338115383"})
	got := h.getProps("deals", id, "hs_is_closed_won", "pipeline")
	assert.Equal(t, "true", got["hs_is_closed_won"])

	wrong := h.do("POST", "/crm/v3/objects/deals", map[string]any{"properties": props{
		"dealname": "x", "pipeline": "889312001", "dealstage": "closedwon"}})
	assert.Equal(t, http.StatusBadRequest, wrong.status, "a stage of another pipeline is rejected")
}

func TestGetPipelineNotFound(t *testing.T) {
	h := setup(t)
	cases := []struct {
		name, path string
	}{
		{"unknown id", "/crm/v3/pipelines/deals/nosuch"},
		{"type without pipelines", "/crm/v3/pipelines/contacts/default"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, http.StatusNotFound, h.do("GET", tc.path, nil).status)
		})
	}
	resp := h.do("GET", "/crm/v3/pipelines/companies", nil)
	assert.Equal(t, `{"results":[]}`+"\n", string(resp.body))
}

func TestValidatePipeline(t *testing.T) {
	stage := Stage{ID: "s1", Label: "S1", Probability: 0.5}
	cases := []struct {
		name     string
		pipeline Pipeline
		text     string
	}{
		{"no id", Pipeline{Label: "x", Stages: []Stage{stage}}, "id is empty"},
		{"no stages", Pipeline{ID: "p"}, "stages are empty"},
		{"stage without id", Pipeline{ID: "p", Stages: []Stage{{Label: "x"}}}, "empty id"},
		{"duplicate stage", Pipeline{ID: "p", Stages: []Stage{stage, stage}}, "duplicated"},
		{"probability above one", Pipeline{ID: "p", Stages: []Stage{{ID: "s", Probability: 1.5}}},
			"outside"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := validatePipeline(tc.pipeline)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.text)
		})
	}
	assert.NoError(t, validatePipeline(squarePipeline))
}
