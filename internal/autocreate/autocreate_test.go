package autocreate

import (
	"strings"
	"testing"
)

func TestSplitFoldersAndQuota(t *testing.T) {
	if got := SplitFolders(" Sent | Trash||Lists.Go |"); strings.Join(got, ",") != "Sent,Trash,Lists.Go" {
		t.Errorf("SplitFolders = %q", got)
	}
	if q := Quota(-1, -1); q != nil {
		t.Errorf("Quota(-1, -1) = %+v, want nil", q)
	}
	if q := Quota(1500, -1); q == nil || q.StorageKB != 2 || q.Messages != -1 {
		t.Errorf("Quota(1500, -1) = %+v, want 2 KB, unlimited messages", q)
	}
	if q := Quota(-1, 0); q == nil || q.StorageKB != -1 || q.Messages != 0 {
		t.Errorf("Quota(-1, 0) = %+v, want unlimited KB, 0 messages", q)
	}
}
