package source

import (
	"bytes"
	"io"
	"math/rand"
	"strings"
	"testing"
	"testing/iotest"
)

func readAllLines(lr *lineReader) []string {
	var out []string
	for {
		b, k := lr.next()
		switch k {
		case none:
			return out
		case line:
			out = append(out, string(b))
		case tooLong:
			out = append(out, "TOOLONG:"+string(b))
		}
	}
}

func TestLineReaderSplitsAndLimits(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, max := range []int{64, 100, 1000} {
		content := randomLog(rng, 400, max)
		want := wantLines(content, max)
		readers := map[string]func() io.Reader{
			"whole":    func() io.Reader { return bytes.NewReader(content) },
			"onebyte":  func() io.Reader { return iotest.OneByteReader(bytes.NewReader(content)) },
			"half":     func() io.Reader { return iotest.HalfReader(bytes.NewReader(content)) },
			"dataerr":  func() io.Reader { return iotest.DataErrReader(bytes.NewReader(content)) },
			"timeout1": func() io.Reader { return &retryReader{r: bytes.NewReader(content)} },
		}
		for name, mk := range readers {
			lr := newLineReader(mk(), max)
			got := readAllLines(lr)
			diffLines(t, name, got, want)
			if lr.err != io.EOF {
				t.Errorf("%s: err %v, want io.EOF", name, lr.err)
			}
		}
	}
}

// retryReader returns some empty reads with no error, as pipes may.
type retryReader struct {
	r io.Reader
	n int
}

func (r *retryReader) Read(p []byte) (int, error) {
	r.n++
	if r.n%3 == 0 {
		return 0, nil
	}
	return r.r.Read(p[:min(len(p), 7)])
}

// A line far over the limit is skipped without being held: the buffer
// stays within the limit plus one read, and the lines after it come through.
func TestLineReaderLongLineBounded(t *testing.T) {
	const max = 1 << 10
	huge := strings.Repeat("x", 50<<20)
	r := io.MultiReader(strings.NewReader("before\n"+huge+"\nafter\n"), strings.NewReader(huge))
	lr := newLineReader(r, max)
	got := readAllLines(lr)
	want := []string{"before", "TOOLONG:" + huge[:excerpt], "after", "TOOLONG:" + huge[:excerpt]}
	diffLines(t, "huge", got, want)
	if c := cap(lr.buf); c > max+1+readSize {
		t.Errorf("buffer grew to %d bytes for a limit of %d", c, max)
	}
}

// Lines up to the limit are whole even when the limit is far above a read.
func TestLineReaderLongLineWithinLimit(t *testing.T) {
	const max = 3 << 20
	l := strings.Repeat("y", max)
	lr := newLineReader(strings.NewReader(l+"\n"+l+"y\nz"), max)
	got := readAllLines(lr)
	diffLines(t, "within", got, []string{l, "TOOLONG:" + l[:excerpt], "z"})
}

// --max-line counts the line, not its CRLF ending: a line of the limit
// with a CR before its newline is whole; one byte more is too long.
func TestLineReaderCRLFAtTheLimit(t *testing.T) {
	const max = 64
	at, over := strings.Repeat("a", max), strings.Repeat("b", max+1)
	lr := newLineReader(strings.NewReader(at+"\r\n"+over+"\r\n"+at+"\r"), max)
	diffLines(t, "crlf", readAllLines(lr), []string{at + "\r", "TOOLONG:" + over + "\r", at + "\r"})
	// A last line without its newline is judged the same way.
	lr = newLineReader(strings.NewReader(at+"\n"+over), max)
	diffLines(t, "last", readAllLines(lr), []string{at, "TOOLONG:" + over})
}

// While following, a partial last line waits for its newline; flush gives
// it up when the file is abandoned.
func TestLineReaderFollowPartial(t *testing.T) {
	var buf bytes.Buffer
	lr := newLineReader(&buf, 64)
	lr.follow = true
	buf.WriteString("one\ntw")
	if got := readAllLines(lr); len(got) != 1 || got[0] != "one" {
		t.Fatalf("got %q, want [one]", got)
	}
	buf.WriteString("o\nthr")
	if got := readAllLines(lr); len(got) != 1 || got[0] != "two" {
		t.Fatalf("got %q, want [two]", got)
	}
	if lr.buffered() != 3 {
		t.Errorf("buffered %d, want 3 (thr)", lr.buffered())
	}
	if b, k := lr.flush(); k != line || string(b) != "thr" {
		t.Errorf("flush = %q %v, want thr", b, k)
	}
	// An over-long partial line is dropped as it comes, and counted once.
	buf.WriteString(strings.Repeat("z", 100))
	if got := readAllLines(lr); len(got) != 0 {
		t.Fatalf("got %q before the newline", got)
	}
	buf.WriteString(strings.Repeat("z", 100) + "\nok\n")
	got := readAllLines(lr)
	diffLines(t, "follow long", got, []string{"TOOLONG:" + strings.Repeat("z", 200), "ok"})
}
