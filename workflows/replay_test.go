package workflows

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
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
	replayer.RegisterWorkflowWithOptions(OrderSync, workflow.RegisterOptions{Name: OrderSyncWorkflowName})
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			require.NoError(t, replayer.ReplayWorkflowHistoryFromJSONFile(nil, file))
		})
	}
}
