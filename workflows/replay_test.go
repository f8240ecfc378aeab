package workflows

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
)

// TestReplayRecordedHistories replays histories recorded from real runs on
// the embedded server against today's workflow code. A change that makes
// the code issue different commands for an old history fails here instead
// of failing open runs in production; such a change needs a version gate
// (workflow.GetVersion) before it ships.
func TestReplayRecordedHistories(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "histories", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no recorded histories found")

	replayer := worker.NewWorkflowReplayer()
	// The worker's own registration, so every workflow it runs replays.
	Register(replayer)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			f, err := os.Open(file)
			require.NoError(t, err)
			defer f.Close()
			history, err := client.HistoryFromJSON(f, client.HistoryJSONOptions{})
			require.NoError(t, err)
			require.NotEmpty(t, history.GetEvents(), "events in %s", file)

			// Child workflow IDs derive from the parent's, so replay under
			// the recorded workflow ID, not the replayer's default.
			started := history.GetEvents()[0].GetWorkflowExecutionStartedEventAttributes()
			opts := worker.ReplayWorkflowHistoryOptions{}
			opts.OriginalExecution.ID = started.GetWorkflowId()
			require.NoError(t, replayer.ReplayWorkflowHistoryWithOptions(nil, history, opts))
		})
	}
}
