package quotatool

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/adminenv"
	"github.com/corvusmail/corvus/internal/store"
	"github.com/corvusmail/corvus/internal/store/sqlite"
)

// testEnv has alice (STORAGE 10 KB, 3 messages of 1000 bytes), bob (no
// quota) and carol@example.com (MESSAGE 5, one message).
func testEnv(t *testing.T) *adminenv.Env {
	t.Helper()
	part := t.TempDir()
	st, err := sqlite.Open(sqlite.Options{Partition: part, ConfigDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	fill := func(user string, n int, limits store.QuotaLimits) {
		a, err := st.Create(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		a.SetQuota(ctx, limits)
		mb, _ := a.Mailbox(ctx, "INBOX")
		for range n {
			msg := "Subject: x\r\n\r\n" + strings.Repeat("x", 1000-16) + "\r\n"
			if _, err := mb.Append(ctx, strings.NewReader(msg), store.NewMessage{}, store.AppendOptions{Quota: store.QuotaIgnore}); err != nil {
				t.Fatal(err)
			}
		}
	}
	fill("alice", 3, store.QuotaLimits{StorageKB: 10, Messages: store.Unlimited})
	fill("bob", 1, store.QuotaLimits{StorageKB: store.Unlimited, Messages: store.Unlimited})
	fill("carol@example.com", 1, store.QuotaLimits{StorageKB: store.Unlimited, Messages: 5})
	return &adminenv.Env{Config: imapdconf.Default(), Store: st, Partition: part, Names: adminenv.Names{Sep: '/', VirtDomains: true}}
}

func run(t *testing.T, env *adminenv.Env, args ...string) (int, string, string) {
	t.Helper()
	fs, o := NewFlagSet()
	if err := o.Parse(fs, args); err != nil {
		return adminenv.ExitUsage, "", err.Error()
	}
	var out, errs bytes.Buffer
	return Run(context.Background(), env, o, &out, &errs), out.String(), errs.String()
}

func TestReport(t *testing.T) {
	env := testEnv(t)
	rc, out, errs := run(t, env)
	want := "   Quota   % Used     Used             Resource Root\n" +
		"      10       20        2              STORAGE user/alice\n" +
		"                         3              MESSAGE user/alice\n" +
		"                         0              STORAGE user/carol@example.com\n" +
		"       5       20        1              MESSAGE user/carol@example.com\n"
	if rc != 0 || out != want {
		t.Errorf("rc %d, stderr %q, report:\n%s\nwant:\n%s", rc, errs, out, want)
	}
	for _, tt := range []struct {
		args []string
		want []string
		not  []string
	}{
		{[]string{"-d", "example.com"}, []string{"user/carol@example.com"}, []string{"user/alice"}},
		{[]string{"user/al"}, []string{"user/alice"}, []string{"carol"}},
		{[]string{"-u", "bob"}, []string{"Root"}, []string{"user/bob", "alice"}},
		{[]string{"-u", "carol@example.com"}, []string{"MESSAGE user/carol@example.com"}, nil},
	} {
		_, out, _ := run(t, env, tt.args...)
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("quota %v lacks %q:\n%s", tt.args, w, out)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(out, n) {
				t.Errorf("quota %v shows %q:\n%s", tt.args, n, out)
			}
		}
	}
}

func TestJSON(t *testing.T) {
	env := testEnv(t)
	_, out, _ := run(t, env, "-J")
	var got map[string]map[string]map[string]int64
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	a := got["user/alice"]
	if a["STORAGE"]["used"] != 3000 || a["STORAGE"]["limit"] != 10240 || a["MESSAGE"]["used"] != 3 {
		t.Errorf("alice: %v", a)
	}
	if _, ok := a["MESSAGE"]["limit"]; ok {
		t.Errorf("unlimited resource has a limit: %v", a)
	}
}

func TestFix(t *testing.T) {
	env := testEnv(t)
	rc, out, _ := run(t, env, "-f", "-q")
	if rc != 0 || out != "" {
		t.Errorf("nothing to fix: rc %d %q", rc, out)
	}
	// Wrong usage, as a crash of an older version could leave it.
	db, err := sql.Open("sqlite", filepath.Join(env.Partition, "a", "user", "alice", "corvus.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE account SET messages = 9, size = 5"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	rc, out, _ = run(t, env, "-f")
	want := "user/alice: STORAGE usage was 5, now 3000\nuser/alice: MESSAGE usage was 9, now 3\n   Quota"
	if rc != 0 || !strings.HasPrefix(out, want) {
		t.Errorf("-f: rc %d\n%s", rc, out)
	}
	if rc, out, _ = run(t, env, "-f", "-q"); rc != 0 || out != "" {
		t.Errorf("fixed twice: rc %d %q", rc, out)
	}
	if rc, _, errs := run(t, env, "-u", "../x"); rc != 1 || !strings.Contains(errs, "invalid") {
		t.Errorf("bad user: rc %d %q", rc, errs)
	}
}
