package metrics

import (
	"sort"
	"strconv"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
)

// gathered is a scrape as series → value, a series written
// name{label="value",…} with labels sorted by name.
type gathered map[string]float64

func gather(t *testing.T, m *Master) gathered {
	t.Helper()
	fams, err := m.Registry().Gather()
	if err != nil {
		t.Fatalf("gather: %v", err)
	}
	out := gathered{}
	for _, f := range fams {
		for _, mt := range f.Metric {
			key := series(f.GetName(), mt.Label)
			switch {
			case mt.Counter != nil:
				out[key] = mt.Counter.GetValue()
			case mt.Gauge != nil:
				out[key] = mt.Gauge.GetValue()
			case mt.Histogram != nil:
				out[series(f.GetName()+"_count", mt.Label)] = float64(mt.Histogram.GetSampleCount())
				out[series(f.GetName()+"_sum", mt.Label)] = mt.Histogram.GetSampleSum()
				for _, b := range mt.Histogram.Bucket {
					le := &dto.LabelPair{Name: ptr("le"), Value: ptr(trimFloat(b.GetUpperBound()))}
					out[series(f.GetName()+"_bucket", append(mt.Label, le))] = float64(b.GetCumulativeCount())
				}
			}
		}
	}
	return out
}

func series(name string, labels []*dto.LabelPair) string {
	var ls []string
	for _, l := range labels {
		ls = append(ls, l.GetName()+`="`+l.GetValue()+`"`)
	}
	sort.Strings(ls)
	if len(ls) == 0 {
		return name
	}
	return name + "{" + strings.Join(ls, ",") + "}"
}

func ptr(s string) *string { return &s }

func trimFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
