package parser

import (
	"bytes"
	"fmt"
)

// Where a request's client is taken from (ClientFrom).
const (
	// ClientAddr is the address the log gives as the client: the peer
	// of the server, a load balancer's when there is one in front.
	ClientAddr = "addr"
	// ClientXFF is the last address of X-Forwarded-For: the peer of the
	// proxy in front of the server, which a client cannot forge.
	ClientXFF = "xff"
	// ClientXFFFirst is its first address: the one the request started
	// from, through several proxies, as far as they can be trusted (a
	// client can send any X-Forwarded-For it likes).
	ClientXFFFirst = "xff-first"
)

// ClientFrom returns f with parsers that take Entry.Client from the
// X-Forwarded-For field of the lines that have one, as from says (one of
// the Client constants; ClientAddr gives f back). Lines without one, or
// with "-", keep the address the log gives.
func ClientFrom(f Format, from string) (Format, error) {
	switch from {
	case ClientAddr:
		return f, nil
	case ClientXFF, ClientXFFFirst:
		t := tune(f)
		t.client = from
		return t, nil
	}
	return nil, fmt.Errorf("unknown client source %q (want %s, %s or %s)", from, ClientAddr, ClientXFF, ClientXFFFirst)
}

// forwardedParser sets the client from X-Forwarded-For after its parser.
type forwardedParser struct {
	Parser
	first bool
	_     cacheLinePad
}

func (p *forwardedParser) Parse(line []byte, e *Entry) error {
	err := p.Parser.Parse(line, e)
	if a := forwardedClient(e.ForwardedFor, p.first); a != nil {
		e.Client = a
	}
	return err
}

// forwardedClient returns the first or the last address of an
// X-Forwarded-For list ("203.0.113.9, 10.0.0.2"), or nil when it has none.
func forwardedClient(xff []byte, first bool) []byte {
	var a []byte
	if first {
		a, _, _ = bytes.Cut(xff, []byte(","))
	} else {
		a = xff[bytes.LastIndexByte(xff, ',')+1:]
	}
	a = bytes.TrimSpace(a)
	if len(a) == 0 || string(a) == "-" || string(a) == "unknown" {
		return nil
	}
	return a
}
