package hubspot

import (
	"context"
	"net/http"
	"net/url"
)

// Pipeline is a deal (or ticket) pipeline with its stages in the order
// HubSpot lists them.
type Pipeline struct {
	ID           string
	Label        string
	DisplayOrder int
	Archived     bool
	Stages       []Stage
}

// Stage is one pipeline stage. Metadata holds HubSpot's stage metadata as
// strings; deal stages carry "probability" ("0.0" to "1.0") and
// "isClosed" ("true" or "false").
type Stage struct {
	ID           string
	Label        string
	DisplayOrder int
	Archived     bool
	Metadata     map[string]string
}

type wireStage struct {
	ID           flexString            `json:"id"`
	Label        string                `json:"label"`
	DisplayOrder int                   `json:"displayOrder"`
	Archived     bool                  `json:"archived"`
	Metadata     map[string]flexString `json:"metadata"`
}

type wirePipeline struct {
	ID           flexString  `json:"id"`
	Label        string      `json:"label"`
	DisplayOrder int         `json:"displayOrder"`
	Archived     bool        `json:"archived"`
	Stages       []wireStage `json:"stages"`
}

// ListPipelines returns every pipeline of objectType ("deals" or
// "tickets") with its stages. Metadata values that HubSpot sends as
// numbers or booleans are converted to their JSON text.
//
// HubSpot API: GET /crm/v3/pipelines/{objectType}
func (c *Client) ListPipelines(ctx context.Context, objectType string) ([]Pipeline, error) {
	path := c.pipelinesPath + "/" + url.PathEscape(objectType)
	req := request{method: http.MethodGet, path: path, template: path}
	resp, err := c.do(ctx, req)
	if err != nil {
		return nil, err
	}

	var parsed struct {
		Results []wirePipeline `json:"results"`
	}
	if err := decodeJSON(req, resp.body, &parsed); err != nil {
		return nil, err
	}

	pipelines := make([]Pipeline, 0, len(parsed.Results))
	for _, p := range parsed.Results {
		pipeline := Pipeline{ID: string(p.ID), Label: p.Label, DisplayOrder: p.DisplayOrder, Archived: p.Archived}
		for _, s := range p.Stages {
			stage := Stage{ID: string(s.ID), Label: s.Label, DisplayOrder: s.DisplayOrder, Archived: s.Archived,
				Metadata: make(map[string]string, len(s.Metadata))}
			for key, value := range s.Metadata {
				stage.Metadata[key] = string(value)
			}
			pipeline.Stages = append(pipeline.Stages, stage)
		}
		pipelines = append(pipelines, pipeline)
	}
	return pipelines, nil
}
