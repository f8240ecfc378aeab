package hubspotschema_test

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/hubspotschema"
	"github.com/stonecity/sync/sandbox/dataset"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
)

const testToken = "pat-test-schema"

// harness is a HubSpot simulator behind an httptest server and a client
// pointed at it.
type harness struct {
	t      *testing.T
	sim    *hubsim.Simulator
	client *hubspot.Client
	portal config.HubSpotPortal
}

// setup starts a simulator holding the standard properties and the given
// deal pipelines, with rate limits no test reaches.
func setup(t *testing.T, pipelines []hubsim.Pipeline) *harness {
	t.Helper()
	return setupWithHandler(t, pipelines, nil)
}

// setupWithHandler is setup with wrap placed in front of the simulator,
// for tests that interfere with single calls.
func setupWithHandler(t *testing.T, pipelines []hubsim.Pipeline,
	wrap func(sim *hubsim.Simulator, next http.Handler) http.Handler) *harness {
	t.Helper()
	sim := hubsim.New(hubsim.Options{
		Token: testToken, TenSecondlyMax: 1_000_000, DailyMax: 10_000_000, SearchPerSecond: 1_000_000,
	})
	require.NoError(t, sim.LoadPortal(hubsim.Portal{Pipelines: pipelines}))

	var handler http.Handler = sim
	if wrap != nil {
		handler = wrap(sim, sim)
	}
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)

	return &harness{t: t, sim: sim, client: newClient(t, srv.URL, testToken), portal: config.DefaultHubSpotPortal()}
}

// setupPortal starts a simulator with Stone City's pipelines and stages.
func setupPortal(t *testing.T) *harness {
	t.Helper()
	return setup(t, dataset.PortalPipelines(config.DefaultHubSpotPortal()))
}

func newClient(t *testing.T, baseURL, token string) *hubspot.Client {
	t.Helper()
	c, err := hubspot.New(hubspot.Config{
		BaseURL: baseURL,
		Token:   token,
		Pacer:   hubspot.NewPacer(hubspot.PacerConfig{TenSecondlyBudget: 1_000_000, SearchPerSecond: 1_000_000}),
	})
	require.NoError(t, err)
	return c
}

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// createProperty creates a property directly, as a portal admin would.
func (h *harness) createProperty(object string, p hubspot.Property) {
	h.t.Helper()
	if p.GroupName == "" {
		p.GroupName = map[string]string{
			"contacts": "contactinformation", "deals": "dealinformation",
			"companies": "companyinformation", "line_items": "lineiteminformation",
		}[object]
	}
	if p.Label == "" {
		p.Label = p.Name
	}
	_, err := h.client.CreateProperty(testContext(h.t), object, p)
	require.NoError(h.t, err)
}

func (h *harness) property(object, name string) hubspot.Property {
	h.t.Helper()
	p, err := h.client.GetProperty(testContext(h.t), object, name)
	require.NoError(h.t, err)
	return p
}

// writeCalls returns the simulator's call counts of every method but GET.
func (h *harness) writeCalls() map[string]int {
	writes := map[string]int{}
	for endpoint, n := range h.sim.Calls() {
		if !strings.HasPrefix(endpoint, http.MethodGet+" ") {
			writes[endpoint] = n
		}
	}
	return writes
}

// callsSince returns the calls made since before, per endpoint.
func (h *harness) callsSince(before map[string]int) map[string]int {
	delta := maps.Clone(h.sim.Calls())
	for endpoint, n := range before {
		delta[endpoint] -= n
		if delta[endpoint] == 0 {
			delete(delta, endpoint)
		}
	}
	return delta
}

func optionValues(options []hubspot.Option) []string {
	values := make([]string, len(options))
	for i, o := range options {
		values[i] = o.Value
	}
	return values
}

// customProperties returns the properties of req that Setup creates: those
// with a type.
func customProperties(req hubspotschema.Requirements) []hubspotschema.Property {
	var out []hubspotschema.Property
	for _, p := range req.Properties {
		if p.Type != "" {
			out = append(out, p)
		}
	}
	return out
}

// propertyKeys returns "object.name" of each property, as SetupResult
// lists them.
func propertyKeys(props []hubspotschema.Property) []string {
	keys := make([]string, len(props))
	for i, p := range props {
		keys[i] = p.Object + "." + p.Name
	}
	return keys
}
