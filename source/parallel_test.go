package source

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

func gzipBytes(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zstdBytes(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	zw, err := zstd.NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeFile(t testing.TB, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func recSinks(t testing.TB, n int) ([]Sink, []*recSink) {
	var ss []Sink
	var rs []*recSink
	for i := 0; i < n; i++ {
		r := newRecSink(t)
		ss = append(ss, r)
		rs = append(rs, r)
	}
	return ss, rs
}

// Every line of every input reaches exactly one sink, in chunks whose seqs
// put them back in file order, whatever the chunk size, the number of sinks
// or the compression: boundaries fall inside lines, on newlines, inside
// over-long lines and on CRLF pairs.
func TestReadParallelEveryLineOnce(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	dir := t.TempDir()
	const max = 100
	type in struct {
		name    string
		content []byte
	}
	var ins []in
	for i, enc := range []string{"plain", "gz", "zst", "plain", "empty"} {
		content := randomLog(rng, 300+rng.Intn(300), max)
		if enc == "empty" {
			content = nil
		}
		data := content
		switch enc {
		case "gz":
			data = gzipBytes(t, content)
		case "zst":
			data = zstdBytes(t, content)
		}
		ins = append(ins, in{writeFile(t, dir, fmt.Sprintf("%d.%s", i, enc), data), content})
	}
	var names []string
	for _, x := range ins {
		names = append(names, x.name)
	}
	for _, mapped := range []bool{true, false} {
		defer SetMapping(mapped)()
		for _, chunk := range []int64{1, 2, 3, 17, 64, 101, 1000, 1 << 20} {
			for _, sinks := range []int{1, 2, 5} {
				restore := SetChunking(chunk, int(chunk)+max/2)
				ss, rs := recSinks(t, sinks)
				before := chunksMapped.Load()
				err := ReadParallel(context.Background(), names, Options{MaxLine: max}, ss)
				restore()
				what := fmt.Sprintf("mapped %v chunk %d sinks %d", mapped, chunk, sinks)
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				if was := chunksMapped.Load() > before; was != mapped {
					t.Fatalf("%s: chunks were mapped: %v", what, was)
				}
				got := linesByInput(t, rs...)
				for _, x := range ins {
					diffLines(t, what+" "+x.name, got[x.name], wantLines(x.content, max))
				}
				if t.Failed() {
					return
				}
			}
		}
	}
}

// ReadAll, the one-goroutine reader, hands over the same lines.
func TestReadAllEveryLineOnce(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	dir := t.TempDir()
	content := randomLog(rng, 500, 80)
	p := writeFile(t, dir, "a.log", content)
	z := writeFile(t, dir, "b", gzipBytes(t, content))
	r := newRecSink(t)
	if err := ReadAll(context.Background(), []string{p, z}, Options{MaxLine: 80}, r); err != nil {
		t.Fatal(err)
	}
	got := linesByInput(t, r)
	diffLines(t, "plain", got[p], wantLines(content, 80))
	diffLines(t, "gzip", got[z], wantLines(content, 80))
}

// Standard input goes through the stream path, compressed or not.
func TestReadParallelStdin(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	content := randomLog(rng, 2000, 200)
	for _, enc := range []string{"plain", "gz", "zst"} {
		data := content
		switch enc {
		case "gz":
			data = gzipBytes(t, content)
		case "zst":
			data = zstdBytes(t, content)
		}
		old := stdin
		stdin = bufio.NewReaderSize(&countingReader{r: bytes.NewReader(data)}, 1<<20)
		restore := SetChunking(1<<10, 3000)
		ss, rs := recSinks(t, 2)
		err := ReadParallel(context.Background(), []string{Stdin}, Options{MaxLine: 200}, ss)
		restore()
		stdin = old
		if err != nil {
			t.Fatal(err)
		}
		diffLines(t, "stdin "+enc, linesByInput(t, rs...)[Stdin], wantLines(content, 200))
	}
}

// A line of many blocks in a stream is skipped as one over-long line and
// never held: blocks stay within a block plus the limit.
func TestReadParallelHugeLineInArchive(t *testing.T) {
	dir := t.TempDir()
	content := []byte("a\n" + strings.Repeat("h", 30<<20) + "\nb\n" + strings.Repeat("t", 3<<20))
	p := writeFile(t, dir, "huge.gz", gzipBytes(t, content))
	ss, rs := recSinks(t, 2)
	if err := ReadParallel(context.Background(), []string{p}, Options{MaxLine: 1 << 20}, ss); err != nil {
		t.Fatal(err)
	}
	diffLines(t, "huge", linesByInput(t, rs...)[p], wantLines(content, 1<<20))
}

// Missing files, directories, unsupported and broken archives each get one
// message naming the path; the other inputs are read in full, and what a
// broken archive gave before the break is counted.
func TestReadParallelErrors(t *testing.T) {
	rng := rand.New(rand.NewSource(10))
	dir := t.TempDir()
	good := randomLog(rng, 3000, 500)
	gz := gzipBytes(t, good)
	okPath := writeFile(t, dir, "ok.log", good)
	truncPath := writeFile(t, dir, "trunc.log.gz", gz[:len(gz)/2])
	corrupt := append([]byte(nil), gz...)
	const damage = 3000
	for i := damage; i < damage+64; i++ {
		corrupt[i] = 0xff
	}
	corruptPath := writeFile(t, dir, "corrupt.log.gz", corrupt)
	xzPath := writeFile(t, dir, "x.log.xz", []byte{0xfd, '7', 'z', 'X', 'Z', 0, 1, 2})
	zst := zstdBytes(t, good)
	zstPath := writeFile(t, dir, "trunc.log.zst", zst[:len(zst)*2/3])
	missing := filepath.Join(dir, "missing.log")
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	inputs := []string{missing, truncPath, sub, okPath, corruptPath, xzPath, zstPath}
	ss, rs := recSinks(t, 2)
	err := ReadParallel(context.Background(), inputs, Options{MaxLine: 500}, ss)
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	t.Logf("error:\n%s", msg)
	for _, want := range []string{
		missing + ": no such file",
		truncPath + ": gzip data broken at compressed byte ",
		"unexpected end of data (truncated archive?)",
		sub + ": is a directory",
		corruptPath + ": gzip data broken at compressed byte ",
		xzPath + ": xz-compressed input is not supported",
		zstPath + ": zstd data broken near compressed byte ",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q", want)
		}
	}
	if n := strings.Count(msg, "\n") + 1; n != 6 {
		t.Errorf("%d messages, want 6 (one per bad input)", n)
	}
	if got := linesByInput(t, rs...)[zstPath]; len(got) == 0 {
		t.Errorf("truncated zstd archive: the lines before the cut were not counted")
	}
	got := linesByInput(t, rs...)
	diffLines(t, "ok", got[okPath], wantLines(good, 500))
	// The truncated archive gave a prefix of its lines (the last one maybe
	// cut short), and a fair part of them.
	want := wantLines(good, 500)
	tl := got[truncPath]
	if len(tl) < len(want)/4 {
		t.Errorf("truncated archive gave %d lines of %d", len(tl), len(want))
	}
	for i := 0; i+1 < len(tl); i++ {
		if tl[i] != want[i] {
			t.Fatalf("truncated archive line %d: %.40q, want %.40q", i+1, tl[i], want[i])
		}
	}
	// The offset named is where the data ends for the truncated one, and
	// just past the damage for the corrupt one.
	if !strings.Contains(msg, fmt.Sprintf("compressed byte %d:", len(gz)/2)) {
		t.Errorf("truncated archive: offset is not the end of the data (%d)", len(gz)/2)
	}
	var at int
	i := strings.Index(msg, corruptPath+": gzip data broken at compressed byte ")
	fmt.Sscanf(msg[i+len(corruptPath)+37:], "%d", &at)
	if at < damage || at > damage+64+16<<10 {
		t.Errorf("corrupt archive: offset %d, want just after %d", at, damage)
	}
	if len(got[corruptPath]) == 0 {
		t.Errorf("corrupt archive: the lines before the damage were not counted")
	}
}
