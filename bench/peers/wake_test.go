package main

import (
	"slices"
	"testing"
)

func TestRoundUsers(t *testing.T) {
	tests := []struct {
		round, n, total int
		want            []int
	}{
		{0, 3, 10, []int{0, 1, 2}},
		{1, 3, 10, []int{3, 4, 5}},
		{3, 3, 10, []int{9, 0, 1}},
		{2, 20, 5, []int{0, 1, 2, 3, 4}}, // never more than there are
	}
	for _, tt := range tests {
		if got := roundUsers(tt.round, tt.n, tt.total); !slices.Equal(got, tt.want) {
			t.Errorf("roundUsers(%d, %d, %d) = %v, want %v", tt.round, tt.n, tt.total, got, tt.want)
		}
	}
}
