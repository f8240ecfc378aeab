package main

import (
	"fmt"
	"io"

	"github.com/stonecity/sync/report"
)

// printSinks writes one line per sink of a multi-sink run such as product
// sync, with the sink's error when it failed.
func printSinks(out io.Writer, r report.SyncReport) {
	for _, s := range r.Sinks {
		fmt.Fprintf(out, "  %s sink %s: %s, created %d, updated %d, deleted %d, unchanged %d, failed %d\n",
			r.Kind, s.Sink, s.Status, s.Created, s.Updated, s.Deleted, s.Unchanged, s.Failed)
		if s.Error != "" {
			fmt.Fprintf(out, "  %s sink %s failed: %s\n", r.Kind, s.Sink, s.Error)
		}
	}
}
