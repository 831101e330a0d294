// Package procstats is the worker side of Corvus's metrics: each process
// master starts keeps its counters in a small fixed-size file of its own,
// named after its pid, in the directory master names in the environment
// (EnvDir). The file is mapped shared into the process, so counting is one
// atomic add in memory, with no system call and no timer; master reads
// every file when it is scraped, sums them per service and, when a process
// has exited, folds its counters into the service's totals and deletes
// the file.
//
// As Cyrus: its services write their statistics to files in
// prometheus_stats_dir, which a collector reads and sums. Cyrus's files
// are per service and rewritten periodically; ours are per process and
// live, so a scrape sees every login up to the moment it is made.
//
// This package imports nothing of the Prometheus client, so workers do
// not pay for it; internal/metrics, in master, turns the files into
// metrics.
package procstats
