package main

import (
	"syscall"
	"time"

	"github.com/corvusmail/corvus/bench/cpuload"
)

// clockTick is the unit of /proc/stat (USER_HZ, 100 on Linux).
const clockTick = 10 * time.Millisecond

// machineCPU is one reading of the machine's CPU time and of the part
// this benchmark accounts for: the server's (serverCPU) and its own.
type machineCPU struct {
	busy, total time.Duration // all CPUs, from /proc/stat
	self        time.Duration // this process
	ok          bool
}

// readMachineCPU reads /proc/stat and this process's CPU time.
func readMachineCPU() machineCPU {
	busy, total, err := cpuload.Times()
	if err != nil {
		return machineCPU{}
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return machineCPU{
		busy: time.Duration(busy) * clockTick, total: time.Duration(total) * clockTick,
		self: time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), ok: true,
	}
}

// foreign is the share of all CPU time between a and b (0..1) that went
// to work other than the server's (server, its CPU time in between) and
// this benchmark's: other programs on a shared machine. -1 if unknown.
func foreign(a, b machineCPU, server time.Duration) float64 {
	if !a.ok || !b.ok || b.total <= a.total {
		return -1
	}
	other := (b.busy - a.busy) - server - (b.self - a.self)
	return max(0, float64(other)/float64(b.total-a.total))
}
