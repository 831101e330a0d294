package quotatool

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/corvusmail/corvus/internal/store"
)

// root is one quota root of the report: a user's account under its admin
// name, and its quota.
type root struct {
	name  string
	quota store.Quota
}

// resource is one line of Cyrus's report: STORAGE in KB (1024 bytes),
// MESSAGE in messages (RFC 9208 §5).
type resource struct {
	name        string
	used, limit int64 // in the resource's units; limit < 0: none
	units       int64 // bytes per unit of used as the store counts it
}

func resources(q store.Quota) []resource {
	return []resource{
		{"STORAGE", q.StorageBytes, q.Limits.StorageKB, 1024},
		{"MESSAGE", q.Messages, q.Limits.Messages, 1},
	}
}

// hasRoot reports whether an account has a quota root in Cyrus's sense:
// some limit is set (Cyrus has no root for an account without quota).
func hasRoot(q store.Quota) bool {
	return q.Limits.StorageKB >= 0 || q.Limits.Messages >= 0
}

// writeText prints the report in Cyrus's quota layout: a header, then one
// line per resource of each root with the limit, the percentage used
// (rounded down), the usage in the resource's units, the resource and
// the root; the limit columns are blank when the resource is unlimited.
func writeText(w io.Writer, roots []root) {
	fmt.Fprintf(w, "   Quota   %% Used     Used %20s Root\n", "Resource")
	for _, r := range roots {
		for _, res := range resources(r.quota) {
			used := res.used / res.units
			switch {
			case res.limit > 0:
				fmt.Fprintf(w, " %7d %8d", res.limit, used*100/res.limit)
			case res.limit == 0:
				fmt.Fprintf(w, " %7d %8s", 0, "")
			default:
				fmt.Fprintf(w, " %7s %8s", "", "")
			}
			fmt.Fprintf(w, " %8d %20s %s\n", used, res.name, r.name)
		}
	}
}

// writeJSON prints the report as Cyrus's quota -J does: an object keyed
// by root, each resource with its usage (bytes for STORAGE) and, when
// limited, its limit in the same unit.
func writeJSON(w io.Writer, roots []root) error {
	out := map[string]map[string]map[string]int64{}
	for _, r := range roots {
		m := map[string]map[string]int64{}
		for _, res := range resources(r.quota) {
			v := map[string]int64{"used": res.used}
			if res.limit > 0 {
				v["limit"] = res.limit * res.units
			}
			m[res.name] = v
		}
		out[r.name] = m
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}
