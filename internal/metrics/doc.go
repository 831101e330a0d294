// Package metrics is master's Prometheus endpoint: the registry, the
// collectors of master's own figures (workers per service and state,
// forks, crashes, connections, daemons) and of the counters the workers
// keep in their stats files (logins, deliveries, hibernation, fsync
// latency; see procstats), and the HTTP server that answers GET /metrics.
//
// master only wires it: it reports events (Forked, Crashed, …) as they
// happen on its event loop, tells which pid belongs to which service, and
// answers a State request at each scrape. Every method of a nil *Master
// does nothing, so a master without metrics pays one nil check per event.
package metrics
