package master

import (
	"slices"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/conf/cyrusconf"
	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/metrics"
)

// TestState: two instances of one service (IPv4 and IPv6) are summed;
// retiring workers are counted apart whatever their state.
func TestState(t *testing.T) {
	imap := &ServiceDef{Service: &cyrusconf.Service{Entry: cyrusconf.Entry{Name: "imap"}}}
	lmtp := &ServiceDef{Service: &cyrusconf.Service{Entry: cyrusconf.Entry{Name: "lmtp"}}}
	kids := func(cs ...*child) map[int]*child {
		m := map[int]*child{}
		for i, c := range cs {
			m[i+1] = c
		}
		return m
	}
	m := &Master{
		instances: []*instance{
			{def: imap, kids: kids(&child{state: stateReady}, &child{state: stateBusy})},
			{def: imap, kids: kids(&child{state: stateBusy}, &child{state: stateReady, retiring: true}), disabled: true},
			{def: lmtp, kids: kids()},
		},
		daemons: map[string]*daemonRun{"idled": {proc: &child{}}, "notifyd": {}},
	}
	st := m.state()
	want := []metrics.ServiceState{
		{Name: "imap", Ready: 1, Busy: 2, Retiring: 1, Disabled: true},
		{Name: "lmtp"},
	}
	if !slices.Equal(st.Services, want) {
		t.Errorf("services %+v, want %+v", st.Services, want)
	}
	slices.SortFunc(st.Daemons, func(a, b metrics.DaemonState) int { return strings.Compare(a.Name, b.Name) })
	wantD := []metrics.DaemonState{{Name: "idled", Running: true}, {Name: "notifyd"}}
	if !slices.Equal(st.Daemons, wantD) {
		t.Errorf("daemons %+v, want %+v", st.Daemons, wantD)
	}
}

func TestCheckMetricsConfig(t *testing.T) {
	tests := []struct {
		conf string
		err  string
	}{
		{"configdirectory: /x\n", ""},
		{"configdirectory: /x\nprometheus_listen: nonsense\n", ""}, // off: not checked
		{"configdirectory: /x\nprometheus_enabled: 1\n", ""},       // default address
		{"configdirectory: /x\nprometheus_enabled: 1\nprometheus_listen: 9100\n", ""},
		{"configdirectory: /x\nprometheus_enabled: 1\nprometheus_listen: nonsense\n", "imapd.conf:3"},
		{"configdirectory: /x\nprometheus_enabled: 1\nprometheus_listen: 127.0.0.1:99999\n", "bad port"},
	}
	for _, tt := range tests {
		var srcs diagnostics.Sources
		c, diags := imapdconf.Parse([]byte(tt.conf), "imapd.conf", &srcs)
		if diags.HasErrors() {
			t.Fatalf("%q: %v", tt.conf, diags)
		}
		d := checkMetricsConfig(c)
		if (tt.err == "") != (len(d) == 0) {
			t.Errorf("%q: diagnostics %v, want error %q", tt.conf, d, tt.err)
			continue
		}
		if tt.err != "" {
			var b strings.Builder
			diagnostics.Write(&b, d, &srcs, 0)
			if !strings.Contains(b.String(), tt.err) {
				t.Errorf("%q: %s lacks %q", tt.conf, b.String(), tt.err)
			}
		}
	}
}
