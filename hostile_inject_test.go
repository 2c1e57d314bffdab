package main

// Log text is written by strangers. These tests put terminal escape
// sequences, tview style tags and spreadsheet formulas in the fields a
// report shows, and check that none of it reaches the output live.

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
)

// Payloads for a terminal: cursor and screen control, a window-title
// write, an OSC 8 hyperlink, an 8-bit CSI (C1, as UTF-8 and as a raw byte),
// BEL, backspaces that would hide text, and tview style tags that would
// recolour or relabel a dashboard.
var terminalPayloads = []string{
	"\x1b[2J\x1b[H",
	"\x1b]0;owned\x07",
	"\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
	"\xc2\x9b31m",
	"\x9b31m",
	"\x07\x07",
	"admin\x08\x08\x08\x08\x08guest",
	"\x1bP+q544e\x1b\\",
	"[red]alert[-]",
	"[:::https://evil.example/]link[:::-]",
	"[#ff0000::bl]",
	"\x7f\x00\x01",
}

// injected writes one good line per payload, the payload in the path (after
// a marker), the user, the referer and the agent, and one line too broken
// to parse that carries it, so it shows among the malformed samples.
func injected(t *testing.T) (string, int) {
	var b bytes.Buffer
	for i, p := range terminalPayloads {
		// Inside a quoted field, a backslash and a quote are escaped as
		// Apache writes them.
		q := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(p)
		b.WriteString("192.0.2." + strconv.Itoa(i+1) + " - u" + strings.ReplaceAll(p, " ", "") +
			" [21/Nov/2026:10:00:0" + strconv.Itoa(i%10) + " +0000] \"GET /evil" + strconv.Itoa(i) + "-" + strings.ReplaceAll(q, " ", "") +
			" HTTP/1.1\" 500 12 \"http://ref.example/" + q + "\" \"agent " + q + "\"\n")
		b.WriteString("broken " + p + "\n")
	}
	return writeFile(t, "evil.log", b.Bytes()), len(terminalPayloads)
}

func TestHostileTerminalEscapesInTextReport(t *testing.T) {
	path, n := injected(t)
	for _, args := range [][]string{
		{"--report", "text", "--paths", "0", path},
		{path}, // stdout is not a terminal: the text report
	} {
		r := runHostile(t, args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d (%v)", args, r.code, r.err)
		}
		checkPrintable(t, r.stdout)
		for i := range n {
			if !strings.Contains(r.stdout, "/evil"+strconv.Itoa(i)+"-") {
				t.Errorf("%v: path /evil%d-... is missing from the report", args, i)
			}
		}
		if !strings.Contains(r.stdout, "lines      "+strconv.Itoa(2*n)) {
			t.Errorf("%v: want %d lines counted:\n%s", args, 2*n, r.stdout)
		}
	}
}

// The JSON report keeps paths as logged, but a control character can only
// appear in it escaped (\u001b), never raw.
func TestHostileTerminalEscapesInJSONReport(t *testing.T) {
	path, n := injected(t)
	r, rep := jsonRun(t, path)
	wantLines := int64(2 * n)
	if rep.Lines != wantLines || rep.Parsed != int64(n) {
		t.Errorf("lines %d, parsed %d; want %d, %d", rep.Lines, rep.Parsed, wantLines, n)
	}
	checkPrintable(t, r.stdout)
}

// Paths that a spreadsheet would run as formulas when a CSV report is
// opened: each cell that carries one must be neutralised (OWASP: prefix a
// quote to a cell starting with = + - @ tab or CR).
var formulaPayloads = []string{
	"=1+2", "+SUM(1;1)", "-2+3+cmd|'/Ccalc'!A0", "@SUM(A1:A9)", "=HYPERLINK(%22http://evil.example%22)",
	"\t=1+1", "\r=1+1",
}

func TestHostileCSVFormulaInjection(t *testing.T) {
	var b bytes.Buffer
	for i, p := range formulaPayloads {
		b.WriteString("192.0.2." + strconv.Itoa(i+1) + " - - [21/Nov/2026:10:00:00 +0000] \"GET " + p +
			" HTTP/1.1\" 404 0 \"" + p + "\" \"" + p + "\"\n")
	}
	path := writeFile(t, "formulas.log", b.Bytes())
	r := runHostile(t, "--report", "csv", "--paths", "0", path)
	if r.code != 0 {
		t.Fatalf("exit %d (%v)", r.code, r.err)
	}
	cr := csv.NewReader(strings.NewReader(r.stdout))
	cr.FieldsPerRecord = -1
	records, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("the CSV report does not parse: %v\n%.500s", err, r.stdout)
	}
	found := 0
	for _, rec := range records {
		for _, cell := range rec {
			if !carriesFormula(cell) {
				continue
			}
			found++
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
	}
	if found < len(formulaPayloads) {
		t.Errorf("only %d cells carry the %d formula paths: are the paths in the report?\n%.800s", found, len(formulaPayloads), r.stdout)
	}
}

func carriesFormula(cell string) bool {
	for _, p := range formulaPayloads {
		if strings.Contains(cell, strings.TrimLeft(p, "\t\r")) {
			return true
		}
	}
	return false
}
