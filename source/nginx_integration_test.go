package source_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/codetop/codetop/source"
)

// needTools skips the test when a tool is missing, unless the environment
// asks for integration tests to be required.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CODETOP_REQUIRE_INTEGRATION") == "1" {
				t.Fatalf("%s is not installed, and CODETOP_REQUIRE_INTEGRATION=1", tool)
			}
			t.Skipf("%s is not installed (apt-get install %s); set CODETOP_REQUIRE_INTEGRATION=1 to fail instead", tool, tool)
		}
	}
}

// countSink counts lines from Follow's goroutine; the test reads the counts.
type countSink struct {
	lines, odd atomic.Int64
}

func (c *countSink) Begin(string, int, bool) {}
func (c *countSink) End()                    {}
func (c *countSink) TooLong([]byte)          { c.odd.Add(1) }
func (c *countSink) Line(b []byte) {
	// A whole nginx combined line ends with the quoted user agent.
	if !bytes.HasSuffix(b, []byte(`codetop-test"`)) {
		c.odd.Add(1)
	}
	c.lines.Add(1)
}

func countLines(t *testing.T, paths ...string) int {
	n := 0
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		n += bytes.Count(b, []byte("\n"))
	}
	return n
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// A real nginx writes every request to two logs; real logrotate rotates
// one of them with create (and kill -USR1), then copytruncate, then create
// again, under a steady request stream. Follow's count of the rotated log
// must equal the line count of the log that is never rotated.
//
// copytruncate loses by design the lines written between logrotate's copy
// and its truncation, and the lines a reader has not read yet when the file
// is truncated (they are only in the copy). So the stream is paused around
// that rotation, once Follow has caught up; the create rotations run under
// full load.
func TestFollowNginxThroughLogrotate(t *testing.T) { followThroughLogrotate(t, false) }

// The same, with the log followed as a rotated set: the log and its .1,
// which a first rotation makes before Follow starts. The copy copytruncate
// makes at .1 is read from where the log had been read, no more: the
// stream is paused around that rotation without waiting for Follow to
// catch up, and the lines it had not read when the log was emptied are
// counted from the copy.
func TestFollowNginxRotatedSetThroughLogrotate(t *testing.T) { followThroughLogrotate(t, true) }

func followThroughLogrotate(t *testing.T, set bool) {
	needTools(t, "nginx", "logrotate")
	dir := t.TempDir()
	for _, d := range []string{"logs", "tmp"} {
		os.Mkdir(filepath.Join(dir, d), 0o755)
	}
	rotated := filepath.Join(dir, "logs", "rotated.log")
	kept := filepath.Join(dir, "logs", "kept.log")
	pid := filepath.Join(dir, "nginx.pid")
	port := freePort(t)
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;" // workers would otherwise run as nobody, outside the temp dir
	}
	conf := fmt.Sprintf(`%s
worker_processes 2;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log info;
events { worker_connections 256; }
http {
	log_format test '$remote_addr - - [$time_local] "$request" $status $body_bytes_sent "-" "$http_user_agent"';
	access_log %[3]s test;
	access_log %[4]s test;
	client_body_temp_path %[2]s/tmp/body;
	proxy_temp_path %[2]s/tmp/proxy;
	fastcgi_temp_path %[2]s/tmp/fastcgi;
	uwsgi_temp_path %[2]s/tmp/uwsgi;
	scgi_temp_path %[2]s/tmp/scgi;
	server {
		listen 127.0.0.1:%[5]d;
		location / { return 200 "ok\n"; }
		location /fail { return 502; }
	}
}
`, user, dir, rotated, kept, port)
	confPath := filepath.Join(dir, "nginx.conf")
	os.WriteFile(confPath, []byte(conf), 0o644)
	nginx := exec.Command("nginx", "-p", dir, "-c", confPath, "-e", filepath.Join(dir, "error.log"), "-g", "daemon off;")
	nginxOut, err := os.Create(filepath.Join(dir, "nginx.out"))
	if err != nil {
		t.Fatal(err)
	}
	defer nginxOut.Close()
	nginx.Stdout, nginx.Stderr = nginxOut, nginxOut
	if err := nginx.Start(); err != nil {
		t.Fatalf("starting nginx: %v", err)
	}
	defer func() {
		nginx.Process.Signal(os.Interrupt)
		nginx.Wait()
	}()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	client := &http.Client{Timeout: 5 * time.Second}
	var sent, failed atomic.Int64
	get := func(path string) error {
		req, _ := http.NewRequest("GET", base+path, nil)
		req.Header.Set("User-Agent", "codetop-test")
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		sent.Add(1)
		return nil
	}
	for start := time.Now(); ; {
		if get("/") == nil {
			break
		}
		if time.Since(start) > 10*time.Second {
			out, _ := os.ReadFile(nginxOut.Name())
			errLog, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			t.Fatalf("nginx did not come up: %s\n%s", out, errLog)
		}
		time.Sleep(20 * time.Millisecond)
	}

	logrotate := func(name, directive, post string) {
		t.Helper()
		cfg := filepath.Join(dir, name+".conf")
		os.WriteFile(cfg, []byte(fmt.Sprintf("%s {\n\trotate 10\n\t%s\n\tmissingok\n\tnocompress\n%s}\n", rotated, directive, post)), 0o644)
		out, err := exec.Command("logrotate", "-f", "-s", filepath.Join(dir, "logrotate.state"), cfg).CombinedOutput()
		if err != nil {
			t.Fatalf("logrotate (%s): %v\n%s", directive, err, out)
		}
	}
	reopen := fmt.Sprintf("\tpostrotate\n\t\tkill -USR1 $(cat %s)\n\tendscript\n", pid)

	inputs, rotations := []string{rotated}, 3
	if set {
		logrotate("first", "create", reopen)
		for start := time.Now(); countLines(t, rotated) == 0; time.Sleep(20 * time.Millisecond) {
			if get("/") != nil || time.Since(start) > 10*time.Second {
				t.Fatal("nginx does not write the log it reopened")
			}
		}
		inputs, rotations = []string{rotated, rotated + ".1"}, 4
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink := &countSink{}
	var followErrs []string
	var errMu sync.Mutex
	followDone := make(chan error, 1)
	go func() {
		followDone <- source.Follow(ctx, inputs, source.FollowOptions{
			Poll: 20 * time.Millisecond, Grace: time.Second,
			Errors: func(err error) { errMu.Lock(); followErrs = append(followErrs, err.Error()); errMu.Unlock() },
		}, sink)
	}()

	// The steady stream: two clients, a request each per millisecond at
	// most, bounded in count and time. gate pauses them.
	var gate sync.RWMutex
	stop := make(chan struct{})
	var clients sync.WaitGroup
	for c := 0; c < 2; c++ {
		clients.Add(1)
		go func() {
			defer clients.Done()
			tick := time.NewTicker(time.Millisecond)
			defer tick.Stop()
			for i := 0; i < 6000; i++ {
				select {
				case <-stop:
					return
				case <-tick.C:
				}
				path := "/"
				if i%10 == 0 {
					path = fmt.Sprintf("/fail?n=%d", i)
				}
				gate.RLock()
				if get(path) != nil {
					failed.Add(1)
				}
				gate.RUnlock()
			}
		}()
	}
	caughtUp := func(what string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for sink.lines.Load() != int64(countLines(t, kept)) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: Follow counted %d lines, the never-rotated log has %d", what, sink.lines.Load(), countLines(t, kept))
			}
			time.Sleep(20 * time.Millisecond)
		}
	}

	time.Sleep(1500 * time.Millisecond)
	logrotate("create", "create", reopen) // under load
	time.Sleep(1500 * time.Millisecond)
	gate.Lock()
	if !set {
		caughtUp("before copytruncate")
	}
	logrotate("copytruncate", "copytruncate", "")
	gate.Unlock()
	time.Sleep(1500 * time.Millisecond)
	logrotate("create", "create", reopen) // under load again
	time.Sleep(1000 * time.Millisecond)
	close(stop)
	clients.Wait()

	caughtUp("at the end")
	// Past the grace period nothing more arrives, and nothing was counted
	// twice.
	time.Sleep(1500 * time.Millisecond)
	cancel()
	if err := <-followDone; err != nil {
		t.Errorf("Follow: %v", err)
	}
	want := countLines(t, kept)
	got := int(sink.lines.Load())
	t.Logf("requests %d (failed %d), never-rotated log %d lines, Follow counted %d", sent.Load(), failed.Load(), want, got)
	if got != want {
		t.Errorf("Follow counted %d lines, the never-rotated log has %d", got, want)
	}
	if int64(want) != sent.Load() {
		t.Errorf("nginx logged %d lines for %d requests", want, sent.Load())
	}
	if want < 2000 {
		t.Errorf("only %d requests: not a steady stream", want)
	}
	if n := sink.odd.Load(); n != 0 {
		t.Errorf("%d lines were cut or garbled", n)
	}
	files, _ := filepath.Glob(rotated + "*")
	if len(files) != rotations+1 || countLines(t, files...) != want {
		t.Errorf("logrotate left %q with %d lines, want %d files with %d", files, countLines(t, files...), rotations+1, want)
	}
	errMu.Lock()
	defer errMu.Unlock()
	if len(followErrs) != 0 {
		t.Errorf("Follow reported %q", followErrs)
	}
	errLog, _ := os.ReadFile(filepath.Join(dir, "error.log"))
	for _, bad := range []string{"[emerg]", "[alert]", "[crit]"} {
		if bytes.Contains(errLog, []byte(bad)) {
			t.Errorf("nginx error log:\n%s", errLog)
			break
		}
	}
}
