package quotemap

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/config"
)

func stagePtr(s string) *string { return &s }

func TestMapStage(t *testing.T) {
	tests := []struct {
		name   string
		status string
		stage  *string
		want   Stage
	}{
		{name: "quoted null stage", status: "Quoted", want: StageQuoted},
		{name: "accepted null stage", status: "Accepted", want: StageAccepted},
		{name: "won with quoted status", status: "Quoted", stage: stagePtr("won"), want: StageAccepted},
		{name: "lost with accepted status", status: "Accepted", stage: stagePtr("lost"), want: StageLost},
		{name: "lost with quoted status", status: "Quoted", stage: stagePtr("lost"), want: StageLost},
		{name: "won without status", stage: stagePtr("won"), want: StageAccepted},
		{name: "lost without status", stage: stagePtr("lost"), want: StageLost},
		{name: "status upper case trailing space", status: "QUOTED ", want: StageQuoted},
		{name: "status lower case", status: "accepted", want: StageAccepted},
		{name: "stage mixed case spaces", status: "Quoted", stage: stagePtr("  Won "), want: StageAccepted},
		{name: "stage LOST upper case", stage: stagePtr("LOST"), want: StageLost},
		{name: "empty stage falls to status", status: "Quoted", stage: stagePtr(""), want: StageQuoted},
		{name: "other stage falls to status", status: "Accepted", stage: stagePtr("open"), want: StageAccepted},
		{name: "unknown status", status: "Expired", want: StageUnknown},
		{name: "converted status", status: "Converted", want: StageUnknown},
		{name: "empty status null stage", want: StageUnknown},
		{name: "blank status", status: "   ", want: StageUnknown},
		{name: "unknown status unknown stage", status: "Draft", stage: stagePtr("pending"), want: StageUnknown},
		{name: "status with inner space", status: "Quo ted", want: StageUnknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := sps.Quote{ID: 1, TransactionStatus: tc.status, Stage: tc.stage}

			assert.Equal(t, tc.want, MapStage(q))
		})
	}
}

func TestStageID(t *testing.T) {
	portal := config.DefaultHubSpotPortal()
	tests := []struct {
		name  string
		stage Stage
		want  string
	}{
		{name: "quoted", stage: StageQuoted, want: "1352031151"},
		{name: "accepted", stage: StageAccepted, want: "1352031152"},
		{name: "lost", stage: StageLost, want: "1352031153"},
		{name: "unknown", stage: StageUnknown, want: ""},
		{name: "unlisted value", stage: Stage("Won"), want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, StageID(tc.stage, portal))
		})
	}
}
