package ui

import (
	"bytes"
	"fmt"
	"github.com/codetop/codetop/demo"
	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/stats"
	"os"
	"testing"
	"time"
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

func TestLookDemo(t *testing.T) {
	if os.Getenv("LOOK") == "" {
		t.Skip()
	}
	log := demo.Log()
	f, _ := parser.Compile("combined")
	agg := stats.New(stats.Config{})
	w := stats.NewWorker(f.NewParser(), agg)
	cut := demo.Start.Add(32 * time.Minute).Format("02/Jan/2006:15:04:05")
	for _, l := range bytes.Split(log, []byte("\n")) {
		if bytes.Contains(l, []byte(cut)) {
			break
		}
		if len(l) > 0 {
			w.Line(l)
		}
	}
	h := newHarness(t, agg.Snapshot(), 120, 40, Options{Inputs: []string{"demo"}, Format: "combined", Window: 5 * time.Minute, FollowSpikes: true})
	h.tick(nil)
	fmt.Println(h.text())
}
