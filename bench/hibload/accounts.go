package main

import (
	"os"
	"strconv"
	"strings"

	"github.com/corvusmail/corvus/bench/procstat"
)

// accountDB is the file name of a user's database in the sqlite store
// (<partition>/<letter>/user/<name>/corvus.db).
const accountDB = "/corvus.db"

// openAccounts counts the distinct account databases pid holds open:
// the sqlite store keeps a closed account's database open for reuse (up
// to its MaxIdleAccounts), so an imapd worker that served many users
// holds many.
func openAccounts(pid int) int {
	dir := "/proc/" + strconv.Itoa(pid) + "/fd"
	fds, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	seen := map[string]bool{}
	for _, fd := range fds {
		if l, err := os.Readlink(dir + "/" + fd.Name()); err == nil && strings.HasSuffix(l, accountDB) {
			seen[l] = true
		}
	}
	return len(seen)
}

// workerPoint is one imap worker: the accounts it holds open and its
// PSS in kB.
type workerPoint struct{ accounts, pss float64 }

// readWorkers reads every imapd worker's open accounts and PSS.
func readWorkers(masterPid int) []workerPoint {
	var out []workerPoint
	for _, pid := range serverProcs(masterPid)[classImapd] {
		m, err := procstat.ReadMemory(pid)
		if err != nil {
			continue
		}
		out = append(out, workerPoint{float64(openAccounts(pid)), float64(m.PSS)})
	}
	return out
}

// means is the workers' mean open accounts and mean PSS.
func means(ps []workerPoint) (accounts, pss float64) {
	for _, p := range ps {
		accounts += p.accounts / float64(len(ps))
		pss += p.pss / float64(len(ps))
	}
	return accounts, pss
}

// fitLine is the least-squares line pss = base + perAccount × accounts
// through ps; perAccount is 0 if the counts do not vary.
func fitLine(ps []workerPoint) (perAccount, base float64) {
	mx, my := means(ps)
	var sxy, sxx float64
	for _, p := range ps {
		dx := p.accounts - mx
		sxy += dx * (p.pss - my)
		sxx += dx * dx
	}
	if sxx > 0 {
		perAccount = sxy / sxx
	}
	return perAccount, my - perAccount*mx
}
