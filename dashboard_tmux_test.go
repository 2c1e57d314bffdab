package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests drive the real binary in a real terminal emulator, tmux:
// they type keys with send-keys and read the screen with capture-pane,
// exactly what a user does and sees. CI runs them
// (CODETOP_REQUIRE_INTEGRATION=1 turns a missing tmux into a failure).

func needTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CODETOP_REQUIRE_INTEGRATION") == "1" {
			t.Fatal("tmux is required (CODETOP_REQUIRE_INTEGRATION=1) but not installed")
		}
		t.Skip("tmux not installed: the terminal tests of the dashboard are skipped")
	}
	if testing.Short() {
		t.Skip("-short: the terminal tests build and run the binary")
	}
}

// buildBinary builds codetop once for all the terminal tests of a run.
func buildBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "codetop-tmux-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "codetop")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// TestMain removes the binary the terminal tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// term is one tmux session on a private server, with the command running
// in a w x h pane; exitFile receives the command's exit status.
type term struct {
	t        *testing.T
	sock     string
	exitFile string
}

func newTerm(t *testing.T, w, h int, command string) *term {
	t.Helper()
	dir := t.TempDir()
	tm := &term{t: t, sock: filepath.Join(dir, "tmux.sock"), exitFile: filepath.Join(dir, "exit")}
	// The shell records the exit status, then keeps the pane open so the
	// last screen can still be read.
	script := fmt.Sprintf("%s; echo $? > %s; sleep 600", command, tm.exitFile)
	tm.tmux("-f", "/dev/null", "new-session", "-d", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "-s", "t", "sh", "-c", script)
	t.Cleanup(func() { exec.Command("tmux", "-S", tm.sock, "kill-server").Run() })
	return tm
}

func (tm *term) tmux(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", tm.sock}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (tm *term) screen() string { return tm.tmux("capture-pane", "-p", "-t", "t") }

func (tm *term) keys(keys ...string) {
	tm.tmux(append([]string{"send-keys", "-t", "t"}, keys...)...)
}

// waitFor reads the screen until ok accepts it, for at most d.
func (tm *term) waitFor(what string, d time.Duration, ok func(string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(d)
	var s string
	for time.Now().Before(deadline) {
		if s = tm.screen(); ok(s) {
			return s
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.t.Fatalf("waited %v for %s; the screen:\n%s", d, what, s)
	return ""
}

func (tm *term) waitShows(d time.Duration, subs ...string) string {
	tm.t.Helper()
	return tm.waitFor(fmt.Sprintf("%q", subs), d, func(s string) bool {
		for _, sub := range subs {
			if !strings.Contains(s, sub) {
				return false
			}
		}
		return true
	})
}

func (tm *term) waitGone(d time.Duration, sub string) string {
	tm.t.Helper()
	return tm.waitFor(fmt.Sprintf("%q to go", sub), d, func(s string) bool { return !strings.Contains(s, sub) })
}

// exitStatus waits for the command to end and returns its status.
func (tm *term) exitStatus(d time.Duration) string {
	tm.t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(tm.exitFile); err == nil && len(b) > 0 {
			return strings.TrimSpace(string(b))
		}
		time.Sleep(50 * time.Millisecond)
	}
	tm.t.Fatalf("the program did not exit within %v; the screen:\n%s", d, tm.screen())
	return ""
}

// pane returns the text inside the box whose top border holds title.
func pane(screen, title string) string {
	lines := strings.Split(screen, "\n")
	for y, l := range lines {
		i := strings.Index(l, title)
		if i < 0 {
			continue
		}
		r := []rune(l)
		at := len([]rune(l[:i]))
		left, right := at, at
		for left > 0 && r[left] != '┌' && r[left] != '╔' {
			left--
		}
		for right < len(r)-1 && r[right] != '┐' && r[right] != '╗' {
			right++
		}
		var out []string
		for _, below := range lines[y+1:] {
			br := []rune(below)
			if len(br) <= right || br[left] == '└' || br[left] == '╚' {
				break
			}
			out = append(out, string(br[left+1:right]))
		}
		return strings.Join(out, "\n")
	}
	return ""
}

// line returns the screen line containing sub.
func line(screen, sub string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

func TestDashboardDemoInTmux(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	tm := newTerm(t, 120, 40, bin+" --demo")

	// Within seconds of starting, a newcomer sees the spike flagged, the
	// path carrying it and what 502 means.
	s := tm.waitFor("the spike, its path and the explanation of 502", 40*time.Second, func(s string) bool {
		return strings.Contains(line(s, "SPIKE"), "▲ SPIKE") &&
			strings.Contains(line(s, "Paths ·"), "code 502") &&
			strings.Contains(pane(s, "Paths ·"), "/api/orders") &&
			strings.Contains(s, "502 Bad Gateway ·") && strings.Contains(s, "The proxy or load balancer")
	})
	if os.Getenv("CODETOP_UPDATE_SCREEN") == "1" {
		// The README's screen: two minutes into the incident.
		s = tm.waitFor("two minutes of spike", 20*time.Second, func(s string) bool { return strings.Contains(line(s, "SPIKE"), "(2m") })
		if err := os.WriteFile("docs/dashboard.txt", []byte(strings.TrimRight(s, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if l := line(s, "Paths ·"); !strings.Contains(l, "code 502") {
		t.Fatalf("the paths are not filtered by the spike's code: %q", l)
	}

	// Tab: the focus moves from the codes to the paths (double border).
	if !strings.Contains(line(s, "Codes ·"), "╔") || strings.Contains(line(s, "Paths ·"), "╔") {
		t.Fatalf("the codes pane should start focused:\n%s", s)
	}
	tm.keys("Tab")
	s = tm.waitFor("the paths to take the focus", 5*time.Second, func(s string) bool {
		return strings.Contains(line(s, "Paths ·"), "╔")
	})

	// Back to the codes; j moves off 502 to the next code (401 in the
	// sample), and the explanation follows.
	tm.keys("BTab", "j")
	tm.waitShows(5*time.Second, "401 Unauthorized ·")

	// Enter: only the paths with a 401, /login.
	tm.keys("Enter")
	s = tm.waitShows(5*time.Second, "code 401")
	if p := pane(s, "Paths ·"); !strings.Contains(p, "/login") || strings.Contains(p, "/api/orders") {
		t.Fatalf("paths filtered by 401:\n%s", s)
	}

	// Esc clears it; / filters by text.
	tm.keys("Escape")
	tm.waitGone(5*time.Second, "code 401")
	tm.keys("/")
	tm.waitShows(5*time.Second, "find in paths:")
	tm.keys("-l", "static")
	tm.keys("Enter")
	s = tm.waitShows(5*time.Second, `find "static"`, "q:quit")
	if p := pane(s, "Paths ·"); !strings.Contains(p, "/static/app.js") || strings.Contains(p, "/api/orders") || strings.Contains(p, "/checkout") {
		t.Fatalf("paths with \"static\":\n%s", s)
	}

	// s: the sort switches.
	before := line(s, "Paths ·")
	tm.keys("s")
	s = tm.waitFor("the sort to switch", 5*time.Second, func(s string) bool { return line(s, "Paths ·") != before })
	if !strings.Contains(line(s, "Paths ·"), "by errors") {
		t.Fatalf("after s: %q (was %q)", line(s, "Paths ·"), before)
	}

	// w: the window cycles from 5m to 15m.
	tm.keys("w")
	tm.waitShows(5*time.Second, "Classes · 15m", "window 15m")

	// p: the screen freezes; the count of lines stops moving.
	tm.keys("p")
	s = tm.waitShows(5*time.Second, "PAUSED")
	frozen := line(s, " lines ·")
	time.Sleep(1500 * time.Millisecond)
	if a, b := linesRead(frozen), linesRead(line(tm.screen(), " lines ·")); a != b {
		t.Fatalf("paused, yet lines went from %s to %s", a, b)
	}
	tm.keys("p")
	tm.waitGone(5*time.Second, "PAUSED")

	// ?: the help page, generated from the key map; ? again closes it.
	tm.keys("?")
	tm.waitShows(5*time.Second, "codetop keys", "Shift-Tab", "Ctrl-C")
	tm.keys("?")
	tm.waitGone(5*time.Second, "codetop keys")

	// q quits with status 0 and gives the terminal back.
	tm.keys("q")
	if st := tm.exitStatus(10 * time.Second); st != "0" {
		t.Fatalf("exit status %s after q", st)
	}
}

// linesRead extracts "12,345" from a header line "... · 12,345 lines · ...".
func linesRead(header string) string {
	f := strings.Fields(header)
	for i := 1; i < len(f); i++ {
		if f[i] == "lines" {
			return f[i-1]
		}
	}
	return ""
}

func TestDashboardCtrlCInTmux(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	tm := newTerm(t, 80, 24, bin+" --demo")
	tm.waitShows(30*time.Second, "q:quit", "Classes")
	tm.keys("C-c")
	if st := tm.exitStatus(10 * time.Second); st != "0" {
		t.Fatalf("exit status %s after Ctrl-C", st)
	}
}

// Log text is hostile: a path that carries a terminal title sequence must
// not retitle the terminal, and a path that looks like a tview tag must be
// shown as it is.
func TestDashboardHostileLogInTmux(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	combined := filepath.Join(dir, "combined.log")
	json := filepath.Join(dir, "json.log")
	var cl, jl strings.Builder
	for i := 0; i < 20; i++ {
		ts := time.Date(2026, 11, 20, 14, 0, i, 0, time.UTC)
		fmt.Fprintf(&cl, "203.0.113.9 - - [%s] \"GET /x\x1b]2;pwned\x07 HTTP/1.1\" 404 12 \"-\" \"curl/8\"\n", ts.Format("02/Jan/2006:15:04:05 -0700"))
		fmt.Fprintf(&cl, "203.0.113.9 - - [%s] \"GET /[red]tag HTTP/1.1\" 200 12 \"-\" \"curl/8\"\n", ts.Format("02/Jan/2006:15:04:05 -0700"))
		fmt.Fprintf(&jl, `{"time_iso8601":"%s","remote_addr":"203.0.113.9","request_method":"GET","request_uri":"/j\u001b]2;pwned\u0007","status":404,"body_bytes_sent":12}`+"\n", ts.Format(time.RFC3339))
		fmt.Fprintf(&jl, `{"time_iso8601":"%s","remote_addr":"203.0.113.9","request_method":"GET","request_uri":"/[red]tag","status":200,"body_bytes_sent":12}`+"\n", ts.Format(time.RFC3339))
	}
	if err := os.WriteFile(combined, []byte(cl.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(json, []byte(jl.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	// The check can fail: the same bytes printed raw do retitle the pane.
	raw := newTerm(t, 80, 24, "printf '\\033]2;pwned\\007'")
	raw.exitStatus(10 * time.Second)
	if title := raw.tmux("display-message", "-p", "-t", "t", "#{pane_title}"); !strings.Contains(title, "pwned") {
		t.Fatalf("printing the sequence raw did not set the title (%q): the check below would prove nothing", title)
	}

	for _, c := range []struct{ name, file, path string }{
		{"combined with raw ESC and BEL", combined, "/x\uFFFD]2;pwned\uFFFD"},
		// JSON escapes are decoded: the same bytes, shown the same way.
		{"JSON with escaped ESC and BEL", json, "/j\uFFFD]2;pwned\uFFFD"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tm := newTerm(t, 120, 30, bin+" --no-follow "+c.file)
			s := tm.waitShows(20*time.Second, "40 lines", "end of input")
			if !strings.Contains(s, "/[red]tag") {
				t.Errorf("/[red]tag is not shown literally:\n%s", s)
			}
			if !strings.Contains(s, c.path) {
				t.Errorf("the hostile path is not shown as %q:\n%s", c.path, s)
			}
			if title := tm.tmux("display-message", "-p", "-t", "t", "#{pane_title}"); strings.Contains(title, "pwned") {
				t.Fatalf("the log retitled the terminal: %q", title)
			}
			tm.keys("q")
			if st := tm.exitStatus(10 * time.Second); st != "0" {
				t.Fatalf("exit status %s", st)
			}
		})
	}
}

// sgrColours counts the colour parameters in the escape sequences of a
// screen captured with capture-pane -e, and reports whether reverse video
// was used.
func sgrColours(screen string) (colours int, reverse bool) {
	for _, seq := range strings.Split(screen, "\x1b[")[1:] {
		end := strings.IndexByte(seq, 'm')
		if end < 0 {
			continue
		}
		params := strings.Split(seq[:end], ";")
		for i := 0; i < len(params); i++ {
			var n int
			fmt.Sscan(params[i], &n)
			switch {
			case n == 7:
				reverse = true
			case n == 38 || n == 48:
				colours++
				i += 2 // 38;5;N (tmux writes 256 colours this way)
			case (n >= 30 && n <= 37) || (n >= 40 && n <= 47) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107):
				colours++
			}
		}
	}
	return colours, reverse
}

// NO_COLOR (set to anything) leaves colours out; the spike stays marked
// (text and reverse video).
func TestDashboardNoColorInTmux(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	for _, c := range []struct {
		env     string
		colours bool
	}{{"NO_COLOR=1", false}, {"NO_COLOR=", true}} {
		tm := newTerm(t, 100, 30, "env "+c.env+" "+bin+" --demo")
		tm.waitShows(40*time.Second, "▲ SPIKE")
		s := tm.tmux("capture-pane", "-p", "-e", "-t", "t")
		if n, _ := sgrColours(s); (n > 0) != c.colours {
			t.Errorf("%s: %d colour codes on screen", c.env, n)
		}
		n, reverse := sgrColours(line(s, "▲ SPIKE"))
		if !c.colours && !reverse {
			t.Errorf("%s: the spike banner is not in reverse video: %q", c.env, line(s, "▲ SPIKE"))
		}
		if c.colours && n == 0 {
			t.Errorf("%s: the spike banner has no colour: %q", c.env, line(s, "▲ SPIKE"))
		}
		tm.keys("q")
		tm.exitStatus(10 * time.Second)
	}
}
