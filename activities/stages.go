package activities

import (
	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/report"
)

// stageCounter counts the HubSpot calls and records of batch stages for
// activities without a checkpoint.
type stageCounter struct {
	recorder *apicalls.Recorder
	stages   []report.StageCount
}

// measure runs one stage call and adds its HubSpot calls and, when it
// succeeds, its records to the stage's counts.
func (s *stageCounter) measure(stage string, records int, call func() error) error {
	before := apicalls.Total(s.recorder.Counts(), apicalls.HubSpot)
	err := call()
	calls := apicalls.Total(s.recorder.Counts(), apicalls.HubSpot) - before

	i := s.index(stage)
	s.stages[i].Calls += calls
	if err == nil {
		s.stages[i].Records += records
	}
	return err
}

func (s *stageCounter) index(name string) int {
	for i, st := range s.stages {
		if st.Name == name {
			return i
		}
	}
	s.stages = append(s.stages, report.StageCount{Name: name})
	return len(s.stages) - 1
}
