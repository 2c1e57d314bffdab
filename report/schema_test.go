package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/codetop/codetop/stats"
)

const schemaFile = "schema/report.schema.json"

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", schemaFile, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // date-time is checked, not just noted
	if err := c.AddResource(schemaFile, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schemaFile)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return sch
}

func validate(t *testing.T, sch *jsonschema.Schema, name string, doc []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Errorf("%s: not JSON: %v", name, err)
		return
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("%s does not match the schema: %v", name, err)
	}
	var r JSONReport
	if err := json.Unmarshal(doc, &r); err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	// What a schema cannot say: the counts agree with each other.
	var reasons int64
	for _, n := range r.MalformedReasons {
		reasons += n
	}
	if r.Lines != r.Parsed+r.Malformed || (r.MalformedReasons != nil && reasons != r.Malformed) {
		t.Errorf("%s: lines %d, parsed %d, malformed %d, by reason %d", name, r.Lines, r.Parsed, r.Malformed, reasons)
	}
}

// TestGoldenReportsMatchSchema validates every golden JSON report kept at
// the repository root.
func TestGoldenReportsMatchSchema(t *testing.T) {
	sch := compileSchema(t)
	goldens, _ := filepath.Glob(filepath.Join("..", "testdata", "golden", "*.json"))
	if len(goldens) == 0 {
		t.Skip("no golden reports in ../testdata/golden yet")
	}
	for _, g := range goldens {
		doc, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		validate(t, sch, g, doc)
	}
}

// TestGeneratedReportsMatchSchema validates the report of every log in
// testdata/logs, of the hostile log, and of a snapshot with every optional
// part present (spikes, "other" codes, filters, an active spike).
func TestGeneratedReportsMatchSchema(t *testing.T) {
	sch := compileSchema(t)
	logs, _ := filepath.Glob(filepath.Join("..", "testdata", "logs", "*"))
	logs = append(logs, filepath.Join("testdata", "hostile.log"))
	n := 0
	for _, log := range logs {
		if strings.HasSuffix(log, ".md") {
			continue
		}
		s, format := snapshotOf(t, log)
		var buf bytes.Buffer
		if err := WriteJSON(&buf, s, Meta{Inputs: []string{log}, Format: format}); err != nil {
			t.Fatal(err)
		}
		validate(t, sch, log, buf.Bytes())
		n++
	}
	if n < 2 {
		t.Fatalf("only %d logs validated", n)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, fullSnapshot(), Meta{Filters: map[string]string{"status": "5xx", "since": "2026-11-21T10:00:00Z"}}); err != nil {
		t.Fatal(err)
	}
	validate(t, sch, "full snapshot", buf.Bytes())

	// The demo log has request times and spikes: every extension appears.
	s, format := demoSnapshot(t)
	buf.Reset()
	if err := WriteJSON(&buf, s, Meta{Inputs: []string{"demo"}, Format: format}); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{`"latency"`, `"burn_rate"`, `"top_clients"`, `"p99_ms"`} {
		if !bytes.Contains(buf.Bytes(), []byte(ext)) {
			t.Errorf("the demo report lacks %s", ext)
		}
	}
	validate(t, sch, "demo", buf.Bytes())
}

func fullSnapshot() *stats.Snapshot {
	t0 := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	s := &stats.Snapshot{
		Lines: 12, Parsed: 10, Malformed: 2, First: t0, Last: t0.Add(time.Hour),
		Codes:         []stats.CodeCount{{Code: 0, Count: 1}, {Code: 200, Count: 5}, {Code: 502, Count: 3}, {Code: 999, Count: 1}},
		Paths:         []stats.PathStat{{Path: "/api", Total: 10, Codes: []stats.CodeCount{{Code: 200, Count: 5}, {Code: 502, Count: 5}}}},
		Malformations: []stats.Malformation{{Reason: "no status field", Count: 2, Samples: []stats.Sample{{Input: "x", Line: 3, Reason: "no status field", Excerpt: "junk"}}}},
		Spikes: []stats.Spike{
			{Kind: "5xx", Start: t0, End: t0.Add(time.Minute), Count: 3, BaselinePerMin: 0, PeakPerMin: 3, TopPaths: []string{"/api"}},
			{Kind: "429", Start: t0.Add(2 * time.Minute), Active: true, Count: 1, PeakPerMin: 1},
		},
	}
	s.Classes[0], s.Classes[2], s.Classes[5] = 2, 5, 3
	return s
}

// TestSchemaIsStrictAboutTheContract: breaking any contract field fails
// validation, while new properties anywhere pass.
func TestSchemaIsStrictAboutTheContract(t *testing.T) {
	sch := compileSchema(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, fullSnapshot(), Meta{}); err != nil {
		t.Fatal(err)
	}
	base := buf.Bytes()
	mutate := func(f func(m map[string]any)) any {
		var m map[string]any
		if err := json.Unmarshal(base, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, _ := json.Marshal(m)
		v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		return v
	}
	path0 := func(m map[string]any) map[string]any { return m["paths"].([]any)[0].(map[string]any) }
	spike0 := func(m map[string]any) map[string]any { return m["spikes"].([]any)[0].(map[string]any) }
	broken := map[string]func(m map[string]any){
		"lines removed":           func(m map[string]any) { delete(m, "lines") },
		"paths renamed":           func(m map[string]any) { m["path_list"] = m["paths"]; delete(m, "paths") },
		"lines as a string":       func(m map[string]any) { m["lines"] = "12" },
		"negative count":          func(m map[string]any) { m["malformed"] = -1 },
		"fractional count":        func(m map[string]any) { m["parsed"] = 1.5 },
		"class missing":           func(m map[string]any) { delete(m["classes"].(map[string]any), "2xx") },
		"unknown class":           func(m map[string]any) { m["classes"].(map[string]any)["6xx"] = 1 },
		"code key not a code":     func(m map[string]any) { m["codes"].(map[string]any)["5xx"] = 1 },
		"first not a time":        func(m map[string]any) { m["first"] = "yesterday" },
		"time not UTC":            func(m map[string]any) { m["last"] = "2026-11-21T11:00:00+01:00" },
		"path total missing":      func(m map[string]any) { delete(path0(m), "total") },
		"path codes not a map":    func(m map[string]any) { path0(m)["codes"] = []any{200} },
		"spike kind invalid":      func(m map[string]any) { spike0(m)["kind"] = "errors" },
		"spike top_paths missing": func(m map[string]any) { delete(spike0(m), "top_paths") },
		"sample line zero":        func(m map[string]any) { m["malformed_samples"].([]any)[0].(map[string]any)["line"] = 0 },
	}
	for name, f := range broken {
		if err := sch.Validate(mutate(f)); err == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
	extended := mutate(func(m map[string]any) {
		m["apdex"] = map[string]any{"5xx": map[string]any{"score": 0.5}}
		path0(m)["p99_ms"] = 12
		spike0(m)["top_clients"] = []any{"10.0.0.1"}
	})
	if err := sch.Validate(extended); err != nil {
		t.Errorf("an extended report is rejected: %v", err)
	}
}

// TestSchemaDescribesEveryField keeps the schema in step with the code:
// every top-level field the report writes is described there.
func TestSchemaDescribesEveryField(t *testing.T) {
	raw, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, fullSnapshot(), Meta{Filters: map[string]string{"status": "5xx"}}); err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for k := range doc {
		if _, ok := schema.Properties[k]; !ok {
			t.Errorf("the report writes %q, which the schema does not describe", k)
		}
	}
}
