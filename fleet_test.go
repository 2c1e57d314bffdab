package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// promBinary finds a Prometheus tool. Without it the test skips, saying
// what to install, unless CODETOP_REQUIRE_INTEGRATION=1 makes that a failure.
func promBinary(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	msg := fmt.Sprintf("%s not found: install Debian's prometheus package (apt-get install prometheus) to run this test", name)
	if os.Getenv("CODETOP_REQUIRE_INTEGRATION") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

func promtool(t *testing.T, stdin io.Reader, args ...string) {
	t.Helper()
	cmd := exec.Command(promBinary(t, "promtool"), args...)
	cmd.Dir = "docs"
	cmd.Stdin = stdin
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("promtool %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// TestFleetDocs: the configuration and rules in docs/ are what fleet.md
// shows, and promtool accepts them and passes their unit tests.
func TestFleetDocs(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("docs", "fleet.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"prometheus.yml", "codetop.rules.yml"} {
		b, err := os.ReadFile(filepath.Join("docs", f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(doc, append([]byte("```yaml\n"), append(b, "```"...)...)) {
			t.Errorf("docs/fleet.md does not show docs/%s as it is", f)
		}
	}
	promtool(t, nil, "check", "config", "prometheus.yml")
	promtool(t, nil, "check", "rules", "codetop.rules.yml")
	promtool(t, nil, "test", "rules", "codetop.rules.test.yml")
}

// freePort asks the kernel for a free loopback port for Prometheus.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// promQuery runs an instant query and returns its single value, or false
// when there is none (yet).
func promQuery(base, q string) (float64, bool) {
	resp, err := http.Get(base + "/api/v1/query?query=" + url.QueryEscape(q))
	if err != nil {
		return 0, false
	}
	defer resp.Body.Close()
	var r struct {
		Status string
		Data   struct {
			Result []struct {
				Value [2]any
			}
		}
	}
	if json.NewDecoder(resp.Body).Decode(&r) != nil || r.Status != "success" || len(r.Data.Result) != 1 {
		return 0, false
	}
	s, _ := r.Data.Result[0].Value[1].(string)
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// TestPrometheusScrapesCodetop starts a real Prometheus that scrapes the
// headless exporter every second while lines are appended to the log, then
// asks Prometheus' HTTP API for the totals: they must equal the lines
// written, in all and per class. The exposition passes promtool's checks.
func TestPrometheusScrapesCodetop(t *testing.T) {
	prom := promBinary(t, "prometheus")
	promBinary(t, "promtool")
	dir := t.TempDir()
	log := filepath.Join(dir, "access.log")
	lines := readLogLines(t, honeypot)[:600]
	appendLogLines(t, log, lines[:100])
	metricsURL, stop := startExporter(t, log)
	target := strings.TrimSuffix(strings.TrimPrefix(metricsURL, "http://"), "/metrics")

	port := freePort(t)
	cfg := fmt.Sprintf("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: codetop\n    static_configs:\n      - targets: ['%s']\n", target)
	cfgPath := filepath.Join(dir, "prometheus.yml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var promOut bytes.Buffer
	cmd := exec.CommandContext(ctx, prom, "--config.file="+cfgPath, "--storage.tsdb.path="+filepath.Join(dir, "tsdb"),
		fmt.Sprintf("--web.listen-address=127.0.0.1:%d", port), "--log.level=warn")
	cmd.Stdout, cmd.Stderr = &promOut, &promOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		cmd.Wait()
		if t.Failed() {
			t.Logf("prometheus said:\n%s", promOut.String())
		}
	}()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	if !pollUntil(15*time.Second, func() bool {
		resp, err := http.Get(base + "/-/ready")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	}) {
		t.Fatal("prometheus did not become ready in 15s")
	}

	// Prometheus hands targets to its scrapers a few seconds after it
	// starts: wait for the first scrape, then append the rest in batches
	// over about 3 seconds while it scrapes every second.
	if !pollUntil(20*time.Second, func() bool { v, ok := promQuery(base, `up{job="codetop"}`); return ok && v == 1 }) {
		t.Fatal("prometheus did not scrape codetop within 20s")
	}
	for i := 100; i < len(lines); i += 100 {
		appendLogLines(t, log, lines[i:min(i+100, len(lines))])
		time.Sleep(600 * time.Millisecond)
	}
	want := map[string]float64{}
	for _, l := range lines {
		f := strings.Fields(l)
		want[f[8][:1]+"xx"]++ // combined: the status is the ninth field
	}

	var got float64
	if !pollUntil(15*time.Second, func() bool {
		got, _ = promQuery(base, "sum(codetop_requests_total)")
		return got == float64(len(lines))
	}) {
		t.Fatalf("sum(codetop_requests_total) = %v in Prometheus, want %d lines written", got, len(lines))
	}
	for class, n := range want {
		if v, ok := promQuery(base, fmt.Sprintf(`sum(codetop_requests_total{class=%q})`, class)); !ok || v != n {
			t.Errorf("class %s: Prometheus has %v, want %v", class, v, n)
		}
	}
	if v, ok := promQuery(base, "codetop_lines_total"); !ok || v != float64(len(lines)) {
		t.Errorf("codetop_lines_total = %v, want %d", v, len(lines))
	}
	// Prometheus scraped while the lines were arriving: it also holds a
	// smaller, earlier total.
	if v, ok := promQuery(base, "min_over_time(codetop_lines_total[1m])"); !ok || v >= float64(len(lines)) {
		t.Errorf("min_over_time(codetop_lines_total[1m]) = %v: no scrape saw the log while it grew", v)
	}

	resp, err := http.Get(metricsURL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	promtool(t, bytes.NewReader(body), "check", "metrics")

	if err := stop(); err != nil {
		t.Errorf("the exporter did not stop cleanly: %v", err)
	}
}
