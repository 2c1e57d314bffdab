package ui

import (
	"fmt"
	"os"
	"testing"
)

func TestLook(t *testing.T) {
	if os.Getenv("LOOK") == "" {
		t.Skip()
	}
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		h := newHarness(t, incident(), sz[0], sz[1], Options{Inputs: []string{"access.log"}, Format: "combined"})
		h.tick(nil)
		fmt.Println(h.text())
	}
}
