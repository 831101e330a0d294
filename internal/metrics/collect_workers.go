package metrics

import (
	"maps"
	"slices"

	"github.com/prometheus/client_golang/prometheus"

	ps "github.com/corvusmail/corvus/internal/metrics/procstats"
)

// family is one metric made of stats-file slots, each slot one value of
// the result label (or the only value, when result is "").
type family struct {
	desc  *prometheus.Desc
	kind  prometheus.ValueType
	slots map[string]ps.Slot // result label → slot
}

func newFamily(name, help string, kind prometheus.ValueType, slots map[string]ps.Slot) family {
	labels := []string{"service"}
	if len(slots) > 1 {
		labels = append(labels, "result")
	}
	return family{desc: prometheus.NewDesc(name, help, labels, nil), kind: kind, slots: slots}
}

// families are the worker-side metrics; a service gets a family once one
// of its slots is not zero (an imapd service has no deliveries to show).
var families = []family{
	newFamily("corvus_logins_total", "IMAP logins (LOGIN and AUTHENTICATE) by result.", prometheus.CounterValue,
		map[string]ps.Slot{"ok": ps.LoginsOK, "failed": ps.LoginsFailed}),
	newFamily("corvus_deliveries_total", "LMTP recipients with a final answer: delivered (250), tempfail (4xx) or permfail (5xx), at RCPT or after DATA.", prometheus.CounterValue,
		map[string]ps.Slot{"delivered": ps.DeliveriesOK, "tempfail": ps.DeliveriesTempFail, "permfail": ps.DeliveriesPermFail}),
	newFamily("corvus_hibernated_sessions", "IMAP sessions idled holds in hibernation now.", prometheus.GaugeValue,
		map[string]ps.Slot{"": ps.HibernatedSessions}),
	newFamily("corvus_hibernations_total", "IMAP sessions handed to idled for hibernation.", prometheus.CounterValue,
		map[string]ps.Slot{"": ps.HibernationTaken}),
	newFamily("corvus_hibernation_answers_total", "Mailbox changes idled reported to a hibernated session itself.", prometheus.CounterValue,
		map[string]ps.Slot{"": ps.HibernationAnswers}),
	newFamily("corvus_hibernation_thaws_total", "Hibernated sessions handed back to an imapd.", prometheus.CounterValue,
		map[string]ps.Slot{"": ps.HibernationThaws}),
}

var descFsync = prometheus.NewDesc("corvus_store_fsync_seconds",
	"Time the mail store took to fsync a file or directory.", []string{"service"}, nil)

// workerCollector reports the sums of the workers' stats files.
type workerCollector Master

// Describe implements prometheus.Collector.
func (c *workerCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, f := range families {
		ch <- f.desc
	}
	ch <- descFsync
}

// Collect implements prometheus.Collector.
func (c *workerCollector) Collect(ch chan<- prometheus.Metric) {
	if c.files == nil {
		return
	}
	sums := c.files.sum()
	for _, name := range slices.Sorted(maps.Keys(sums)) {
		v := sums[name]
		for _, f := range families {
			f.collect(ch, name, v)
		}
		collectFsync(ch, name, v)
	}
}

// collect reports one family for one service, unless all its slots are 0.
func (f family) collect(ch chan<- prometheus.Metric, service string, v *ps.Values) {
	zero := true
	for _, s := range f.slots {
		zero = zero && v[s] == 0
	}
	if zero {
		return
	}
	for result, s := range f.slots {
		labels := []string{service}
		if result != "" {
			labels = append(labels, result)
		}
		ch <- prometheus.MustNewConstMetric(f.desc, f.kind, float64(v[s]), labels...)
	}
}

// collectFsync reports the fsync histogram; the files count per bucket,
// Prometheus wants cumulative counts.
func collectFsync(ch chan<- prometheus.Metric, service string, v *ps.Values) {
	if v[ps.FsyncCount] == 0 {
		return
	}
	buckets := make(map[float64]uint64, len(ps.FsyncBounds))
	var cum uint64
	for i, b := range ps.FsyncBounds {
		cum += v[ps.FsyncBucket+ps.Slot(i)]
		buckets[b.Seconds()] = cum
	}
	ch <- prometheus.MustNewConstHistogram(descFsync, v[ps.FsyncCount], float64(v[ps.FsyncNanos])/1e9, buckets, service)
}
