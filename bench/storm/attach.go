package main

import (
	"fmt"
	"net/netip"
	"os"
	"time"

	"github.com/corvusmail/corvus/bench/benchstats"
)

// attach is -attach: storm rounds against a server storm did not start,
// printing the percentiles of each round and of all of them. It lets one
// watch a master under perf or strace while it is being stormed.
func attach(s settings) int {
	addr, err := netip.ParseAddrPort(s.attach)
	if err != nil || !addr.Addr().Is4() {
		fmt.Fprintf(os.Stderr, "storm: -attach wants an IPv4 address:port: %q\n", s.attach)
		return 64
	}
	var all []time.Duration
	for r := range s.rounds {
		lat, failed := stormRound(addr, s.clients)
		sum := benchstats.Summarize(lat)
		fmt.Printf("round %d: p50 %s p90 %s p99 %s max %s ms, %d failed\n", r+1,
			fmtMS(sum.P50), fmtMS(sum.P90), fmtMS(sum.P99), fmtMS(sum.Max), failed)
		all = append(all, lat...)
		time.Sleep(100 * time.Millisecond)
	}
	sum := benchstats.Summarize(all)
	fmt.Printf("all: p50 %s p90 %s p99 %s max %s ms over %d clients\n",
		fmtMS(sum.P50), fmtMS(sum.P90), fmtMS(sum.P99), fmtMS(sum.Max), sum.N)
	if msg := clientErrorReport(); msg != "" {
		fmt.Fprintf(os.Stderr, "storm: client errors:\n%s", msg)
	}
	return 0
}
