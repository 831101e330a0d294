package main

import (
	"slices"
	"testing"
	"time"
)

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		check   func(settings) bool
		wantErr bool
	}{
		{name: "defaults", check: func(s settings) bool {
			return s.reps == 3 && s.idle == 1000 && s.lmtpDur == 5*time.Second && slices.Equal(s.servers, []string{"corvus", "cyrus", "dovecot"}) && s.runs("idle")
		}},
		{name: "quick", args: []string{"-quick"}, check: func(s settings) bool {
			return s.quick && s.reps == 1 && s.idle == 200 && s.rounds == 5
		}},
		{name: "quick, overridden", args: []string{"-reps", "2", "-quick"}, check: func(s settings) bool { return s.reps == 2 && s.idle == 200 }},
		{name: "only", args: []string{"-only", "lmtp, storm"}, check: func(s settings) bool {
			return s.runs("lmtp") && s.runs("storm") && !s.runs("idle")
		}},
		{name: "corvus hooks", args: []string{"-corvus-conf", `a: 1\nb: 2`, "-corvus-hibernate", "3s", "-corvus-env", "GOMAXPROCS=1,GOGC=200"}, check: func(s settings) bool {
			return s.corvusConf == "a: 1\nb: 2" && s.corvusHib == 3*time.Second && slices.Equal(s.corvusEnv, []string{"GOMAXPROCS=1", "GOGC=200"})
		}},
		{name: "unknown server", args: []string{"-servers", "courier"}, wantErr: true},
		{name: "unknown measurement", args: []string{"-only", "pop3"}, wantErr: true},
		{name: "fractional hibernation", args: []string{"-hibernate", "1500ms"}, wantErr: true},
		{name: "too few sessions", args: []string{"-idle", "2", "-idle-per-user", "4"}, wantErr: true},
		{name: "stray argument", args: []string{"now"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := parseFlags(tt.args)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err == nil && !tt.check(s) {
				t.Errorf("settings %+v", s)
			}
		})
	}
}

func TestUserPlan(t *testing.T) {
	p := userPlan{clients: 2, idleUsers: 3}
	all := p.all()
	if !slices.Equal(all, []string{"u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8"}) {
		t.Fatalf("all = %v", all)
	}
	roles := []string{p.sessionUser(), p.appendUser(0), p.appendUser(1), p.lmtpUser(0), p.lmtpUser(1), p.idleUser(0), p.idleUser(2), p.searchUser()}
	if !slices.Equal(roles, []string{"u0", "u1", "u2", "u3", "u4", "u5", "u7", "u8"}) {
		t.Errorf("roles = %v", roles)
	}
	if p.lmtpUser(2) != p.lmtpUser(0) {
		t.Error("LMTP recipients do not go round")
	}
	s, _ := parseFlags([]string{"-idle", "10", "-idle-per-user", "4"})
	if s.plan().idleUsers != 3 {
		t.Errorf("10 sessions, 4 per user: %d users, want 3", s.plan().idleUsers)
	}
}
