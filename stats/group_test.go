package stats

import (
	"testing"
)

func TestGroupPathFoldsIDs(t *testing.T) {
	cases := []struct{ in, want string }{
		{"/users/123/orders", "/users/:id/orders"},
		{"/users/123", "/users/:id"},
		{"/2026/03/02/post", "/:id/:id/:id/post"},
		{"/o/3f2b8c1e-9d4a-4e6b-8f7a-1c2d3e4f5a6b/items", "/o/:id/items"},
		{"/blob/4f9c2a7e8b1d4c3a9e6f7a8b", "/blob/:id"},
		{"/api/v1/users", "/api/v1/users"},         // "v1" is a route, not an ID
		{"/static/app.js", "/static/app.js"},       // nothing to fold
		{"/deadbeefcafebabe", "/deadbeefcafebabe"}, // hex letters only: a word, kept
		{"/abc123", "/abc123"},                     // short mixed: kept
		{"/", "/"},
		{"", ""},
		{"users/42", "users/:id"}, // no leading slash, as some logs have
		{"/a//7/", "/a//:id/"},
	}
	var buf []byte
	for _, c := range cases {
		got := string(c.in)
		if hasIDSegment([]byte(c.in)) {
			buf = foldPath(buf[:0], []byte(c.in))
			got = string(buf)
		}
		if got != c.want {
			t.Errorf("group %q = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestGroupPathsConfigMergesRows(t *testing.T) {
	log := []byte(`192.0.2.1 - - [02/Mar/2026:09:00:00 +0000] "GET /users/1/cart HTTP/1.1" 200 10 "-" "a"
192.0.2.1 - - [02/Mar/2026:09:00:01 +0000] "GET /users/22/cart HTTP/1.1" 500 10 "-" "a"
192.0.2.1 - - [02/Mar/2026:09:00:02 +0000] "GET /users/333/cart?x=1 HTTP/1.1" 200 10 "-" "a"
192.0.2.1 - - [02/Mar/2026:09:00:03 +0000] "GET /about HTTP/1.1" 200 10 "-" "a"
`)
	s := run(t, Config{GroupPaths: true}, "combined", log).Snapshot()
	if len(s.Paths) != 2 || s.Paths[0].Path != "/users/:id/cart" || s.Paths[0].Total != 3 {
		t.Fatalf("paths %+v, want /users/:id/cart with 3 requests, then /about", s.Paths)
	}
	if want := []CodeCount{{200, 2}, {500, 1}}; len(s.Paths[0].Codes) != 2 || s.Paths[0].Codes[0] != want[0] || s.Paths[0].Codes[1] != want[1] {
		t.Errorf("codes %v, want %v", s.Paths[0].Codes, want)
	}
	s = run(t, Config{}, "combined", log).Snapshot()
	if len(s.Paths) != 4 {
		t.Errorf("without grouping: %d paths, want 4", len(s.Paths))
	}
}
