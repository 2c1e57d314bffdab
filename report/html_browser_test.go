//go:build linux

package report

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The HTML report in a real browser: Debian's headless Chromium loads the
// page of a log with an incident and hostile lines, and the test reads the
// DOM after load, the browser's console, and a screenshot.

// findChromium returns the browser, or skips the test (fails it when
// CODETOP_REQUIRE_INTEGRATION=1, as CI sets).
func findChromium(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CODETOP_REQUIRE_INTEGRATION") == "1" {
			t.Fatalf("chromium is required (CODETOP_REQUIRE_INTEGRATION=1) but not found: %v", err)
		}
		t.Skip("chromium not installed (Debian: apt-get install chromium); CODETOP_REQUIRE_INTEGRATION=1 makes this a failure")
	}
	return bin
}

// chromium runs one headless browser command on a page and returns its
// stdout and its log. The flags keep it from talking to the network on its
// own (no updates, sync, QUIC or first-run pings); --no-sandbox is needed
// when running as root, as CI does.
func chromium(t *testing.T, bin string, args ...string) (stdout, log []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0"}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	// The browser starts helper processes: run them in a group of their own
	// and end the whole group, so none outlives the test.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	if ctx.Err() != nil {
		t.Fatalf("chromium %v: no answer in 30s\n%s", args, errb.Bytes())
	}
	if err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, errb.Bytes())
	}
	return out.Bytes(), errb.Bytes()
}

// artifacts is where screenshots are kept: $CODETOP_ARTIFACTS, or a
// temporary directory.
func artifacts(t *testing.T) string {
	if dir := os.Getenv("CODETOP_ARTIFACTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.TempDir()
}

// writePage renders the report of the incident log into dir.
func writePage(t *testing.T, dir, name string, hostile bool) string {
	t.Helper()
	s, format := incidentSnapshot(t)
	inputs := []string{"incident.log"}
	if !hostile {
		s, format = demoSnapshot(t)
		inputs = []string{"access.log (codetop --demo sample)"}
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(htmlOf(t, s, Meta{Inputs: inputs, Format: format, Paths: 10})), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestHTMLInChromium(t *testing.T) {
	bin := findChromium(t)
	dir := t.TempDir()
	page := "file://" + writePage(t, dir, "report.html", true)
	s, _ := incidentSnapshot(t)

	dom, log := chromium(t, bin, "--dump-dom", page)
	t.Run("dom", func(t *testing.T) {
		for _, want := range []*regexp.Regexp{
			regexp.MustCompile(`<svg class="timeline"[^>]*>`),
			regexp.MustCompile(`<g class="lane" data-kind="2xx"`),
			regexp.MustCompile(`<g class="lane" data-kind="5xx"`),
			regexp.MustCompile(`<path class="area c5xx" d="M[0-9. LZ]{100,}"`),
			regexp.MustCompile(`<rect class="spike spike-5xx" data-kind="5xx" x="[0-9.]+" y="[0-9.]+" width="[0-9.]+"`),
			regexp.MustCompile(`<rect class="spike spike-4xx" data-kind="429"`),
			regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:`),
		} {
			if !want.Match(dom) {
				t.Errorf("DOM lacks %s", want)
			}
		}
		if n := bytes.Count(dom, []byte(`<tr class="spike-row">`)); n != len(s.Spikes) {
			t.Errorf("%d spike rows in the DOM, want %d", n, len(s.Spikes))
		}
		// The injections are text: no element they would have made exists,
		// none of their scripts marked the page, and their text shows.
		lower := bytes.ToLower(dom)
		for _, bad := range []string{"<script", "<img", "data-pwned="} {
			if i := bytes.Index(lower, []byte(bad)); i >= 0 {
				t.Errorf("DOM holds %q: %q", bad, dom[max(0, i-60):min(len(dom), i+60)])
			}
		}
		for _, tag := range regexp.MustCompile(`<[a-zA-Z][^>]*>`).FindAll(dom, -1) {
			if regexp.MustCompile(`(?i)\s(on[a-z]+|src|href)\s*=`).Match(tag) {
				t.Errorf("element with a handler or a link: %q", tag)
			}
		}
		for _, want := range []string{
			"/&lt;script&gt;alert(1)&lt;/script&gt;",
			"&lt;img src=x onerror=alert(2)&gt;",
			"&lt;script&gt;document.body.setAttribute('data-pwned',3)&lt;/script&gt;",
		} {
			if !bytes.Contains(dom, []byte(want)) {
				t.Errorf("DOM lacks the text %q", want)
			}
		}
	})
	t.Run("console", func(t *testing.T) {
		// Nothing on the page even tried to run or load: the browser logs
		// every Content-Security-Policy refusal to its console.
		for _, line := range strings.Split(string(log), "\n") {
			if strings.Contains(line, "CONSOLE") || strings.Contains(line, "Content Security Policy") {
				t.Errorf("browser console: %s", line)
			}
		}
	})

	t.Run("screenshot", func(t *testing.T) {
		shot := filepath.Join(artifacts(t), "report-incident.png")
		chromium(t, bin, "--screenshot="+shot, "--window-size=1280,1600", "--hide-scrollbars", page)
		img := readPNG(t, shot)
		if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 1600 {
			t.Fatalf("screenshot is %v, want 1280x1600", b.Size())
		}
		// The styles applied (the policy allows inline styles): the class
		// colours of the timeline and the badges are on screen.
		for name, c := range map[string][3]uint8{"5xx": {0xd6, 0x33, 0x6c}, "2xx": {0x2b, 0x8a, 0x3e}, "4xx": {0xe8, 0x89, 0x0c}} {
			if n := pixels(img, c); n < 200 {
				t.Errorf("only %d pixels of the %s colour: the page did not render its styles", n, name)
			}
		}
		t.Logf("screenshot: %s", shot)
	})

	// go test ./report -run HTMLInChromium -update renews the README's
	// picture, from the demo sample without the hostile lines.
	if *updateGolden {
		shot, _ := filepath.Abs(filepath.Join("..", "docs", "report.png"))
		chromium(t, bin, "--screenshot="+shot, "--window-size=1280,1600", "--hide-scrollbars",
			"file://"+writePage(t, dir, "demo.html", false))
	}
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// pixels counts the pixels within a small distance of colour c.
func pixels(img image.Image, c [3]uint8) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, c[0]) && near(g>>8, c[1]) && near(bl>>8, c[2]) {
				n++
			}
		}
	}
	return n
}

func near(v uint32, c uint8) bool { return v+6 >= uint32(c) && v <= uint32(c)+6 }
