package idctest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// maxBodyBytes caps every request body, as x/oauth2 caps the bodies it reads.
const maxBodyBytes = 1 << 20

// Server is a local Identity Center listening on a loopback port. Create it
// with [NewServer] or [Listen] and stop it with [Server.Close]. All methods are
// safe for concurrent use.
type Server struct {
	// URL is the base URL, "http://127.0.0.1:PORT" with no trailing slash. Set
	// it as BaseEndpoint, endpoint_url, AWS_ENDPOINT_URL_SSO_OIDC and
	// AWS_ENDPOINT_URL_SSO.
	URL string

	opts Options
	srv  *http.Server
	done chan struct{} // closed by Close; ends fault delays

	mu        sync.Mutex
	idle      *sync.Cond // signalled when inflight drops to zero
	inflight  int
	closed    bool
	requests  []Request
	faults    map[string][]Fault
	bucket    tokenBucket // PortalRate; its own lock
	tokenErrs []string
	counters  struct{ client, device, session, request, authorize uint64 }

	clients      map[string]*client
	devices      map[string]*device // by device code
	userCodes    map[string]*device // by user code
	deviceOrder  []*device
	lastUserCode string
	access       map[string]*accessToken
	refresh      map[string]*refreshToken
	authRequests map[string]*authRequest // PKCE requests awaiting the page
	authCodes    map[string]*authCode
	fed          federationState
}

// NewServer starts a local Identity Center on a loopback port chosen by the
// system, like httptest.NewServer. It panics if it cannot listen.
func NewServer(optFns ...func(*Options)) *Server {
	s, err := Listen("127.0.0.1:0", optFns...)
	if err != nil {
		var err6 error
		if s, err6 = Listen("[::1]:0", optFns...); err6 != nil {
			panic(fmt.Sprintf("idctest: listen on a loopback port: %v", errors.Join(err, err6)))
		}
	}
	return s
}

// Listen is like [NewServer] but listens on addr, such as "127.0.0.1:0" or
// "127.0.0.1:8765", and returns an error instead of panicking. It suits the
// demo, where a browser needs a stable address.
func Listen(addr string, optFns ...func(*Options)) (*Server, error) {
	opts := defaultOptions()
	for _, fn := range optFns {
		fn(&opts)
	}
	opts.normalize()

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("idctest: listen on %s: %w", addr, err)
	}
	s := &Server{
		URL:          "http://" + ln.Addr().String(),
		opts:         opts,
		done:         make(chan struct{}),
		faults:       make(map[string][]Fault),
		clients:      make(map[string]*client),
		devices:      make(map[string]*device),
		userCodes:    make(map[string]*device),
		access:       make(map[string]*accessToken),
		refresh:      make(map[string]*refreshToken),
		authRequests: make(map[string]*authRequest),
		authCodes:    make(map[string]*authCode),
	}
	s.idle = sync.NewCond(&s.mu)
	s.srv = &http.Server{
		Handler:           http.HandlerFunc(s.serveHTTP),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Close shuts the server down: it closes the listener and every connection,
// ends pending fault delays and waits for running handlers to return. It is
// safe to call more than once.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.done)
	s.mu.Unlock()

	_ = s.srv.Close()

	s.mu.Lock()
	for s.inflight > 0 {
		s.idle.Wait()
	}
	s.mu.Unlock()
}

// serveHTTP answers one request.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.enter() {
		http.Error(w, "idctest: server closed", http.StatusServiceUnavailable)
		return
	}
	defer s.leave()

	rt := s.route(r)
	rec := &recorder{ResponseWriter: w}
	defer s.logRequest(r, rt.op, rec)

	raw, readErr := io.ReadAll(http.MaxBytesReader(rec, r.Body, maxBodyBytes))
	s.record(rt.op, r, raw)

	if rt.handle == nil {
		s.writeUnknown(rec, rt)
		return
	}
	if readErr != nil {
		s.writeBadBody(rec, rt, readErr)
		return
	}
	if s.throttle(rec, rt.op) {
		return
	}
	if f, ok := s.nextFault(rt.op); ok && s.applyFault(rec, r, rt, f) {
		return
	}
	rt.handle(rec, r, raw)
}

// route maps a request to its operation. Unknown paths and methods get a nil
// handle and are answered by writeUnknown.
func (s *Server) route(r *http.Request) route {
	type entry struct {
		op      string
		svc     service
		methods []string
		handle  func(http.ResponseWriter, *http.Request, []byte)
	}
	var e entry
	switch r.URL.Path {
	case "/client/register":
		e = entry{OpRegisterClient, oidc, []string{http.MethodPost}, s.registerClient}
	case "/device_authorization":
		e = entry{OpStartDeviceAuthorization, oidc, []string{http.MethodPost}, s.startDeviceAuthorization}
	case "/token":
		e = entry{OpCreateToken, oidc, []string{http.MethodPost}, s.createToken}
		if r.URL.Query().Has("aws_iam") {
			e = entry{opCreateTokenWithIAM, oidc, []string{http.MethodPost}, s.createTokenWithIAM}
		}
	case "/federation/credentials":
		e = entry{OpGetRoleCredentials, portal, []string{http.MethodGet}, s.getRoleCredentials}
	case "/federation":
		e = entry{OpFederation, page, []string{http.MethodGet, http.MethodPost}, s.federation}
	case "/assignment/accounts":
		e = entry{OpListAccounts, portal, []string{http.MethodGet}, s.listAccounts}
	case "/assignment/roles":
		e = entry{OpListAccountRoles, portal, []string{http.MethodGet}, s.listAccountRoles}
	case "/logout":
		e = entry{OpLogout, portal, []string{http.MethodPost}, s.logout}
	case "/", "/device", "/device/":
		e = entry{OpDevicePage, page, []string{http.MethodGet, http.MethodHead, http.MethodPost}, s.devicePage}
	case "/authorize":
		e = entry{OpAuthorize, page, []string{http.MethodGet, http.MethodHead, http.MethodPost}, s.authorizePage}
	default:
		return route{svc: portal}
	}
	for _, m := range e.methods {
		if r.Method == m {
			return route{op: e.op, svc: e.svc, handle: e.handle}
		}
	}
	return route{op: e.op, svc: e.svc, allow: e.methods}
}

type route struct {
	op     string
	svc    service
	handle func(http.ResponseWriter, *http.Request, []byte)
	allow  []string // set when the path is known but the method is not
}

// writeUnknown answers a request no operation serves: 404 for an unknown path,
// 405 for a known path with another method, both as JSON errors as AWS sends.
func (s *Server) writeUnknown(w http.ResponseWriter, rt route) {
	if rt.allow != nil {
		w.Header().Set("Allow", strings.Join(rt.allow, ", "))
		s.writeError(w, rt.svc, http.StatusMethodNotAllowed, "MethodNotAllowedException", "", "Method not allowed")
		return
	}
	s.writeError(w, rt.svc, http.StatusNotFound, "UnknownOperationException", "", "No operation matches this method and path")
}

func (s *Server) writeBadBody(w http.ResponseWriter, rt route, err error) {
	msg := "Request body could not be read"
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		msg = "Request body is larger than 1 MiB"
	}
	if rt.svc == page {
		http.Error(w, msg, http.StatusRequestEntityTooLarge)
		return
	}
	s.writeError(w, rt.svc, http.StatusBadRequest, "InvalidRequestException", "invalid_request", msg)
}

// enter registers a running handler, or reports that the server is closed.
func (s *Server) enter() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.inflight++
	return true
}

func (s *Server) leave() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inflight--
	if s.inflight == 0 {
		s.idle.Broadcast()
	}
}

func (s *Server) record(op string, r *http.Request, raw []byte) {
	req := Request{
		Op:          op,
		Method:      r.Method,
		Path:        r.URL.Path,
		Query:       r.URL.Query(),
		Body:        parseBody(r, raw),
		BearerToken: r.Header.Get(bearerHeader),
		Header:      r.Header.Clone(),
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	req.At = s.opts.Now()
	s.requests = append(s.requests, req)
}

// parseBody decodes a JSON object, or a form post's fields, for Request.Body.
func parseBody(r *http.Request, raw []byte) map[string]any {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		form, err := url.ParseQuery(string(raw))
		if err != nil {
			return nil
		}
		m := make(map[string]any, len(form))
		for k := range form {
			m[k] = form.Get(k)
		}
		return m
	}
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	return m
}

func (s *Server) nextFault(op string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.faults[op]
	if len(q) == 0 {
		return Fault{}, false
	}
	f := q[0]
	if f.Count--; f.Count <= 0 {
		s.faults[op] = q[1:]
	} else {
		q[0].Count = f.Count
	}
	return f, true
}

// applyFault carries out f and reports whether the request has been dealt
// with (answered, reset or abandoned), so that normal handling must not run.
func (s *Server) applyFault(w *recorder, r *http.Request, rt route, f Fault) bool {
	if f.Delay > 0 && !s.sleep(r.Context(), f.Delay) {
		w.note = "abandoned during fault delay"
		return true
	}
	if f.ResetConnection {
		w.note = "connection reset"
		s.reset(w)
		return true
	}
	if !f.answers() {
		return false
	}
	for k, vs := range f.Header {
		w.Header()[k] = vs
	}
	if f.Body == "" {
		s.writeFaultError(w, rt.svc, f.Status)
		return true
	}
	ct := f.ContentType
	if ct == "" {
		ct = "application/json"
	}
	w.Header().Set("Content-Type", ct)
	status := f.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, f.Body)
	return true
}

// sleep waits for d and reports whether it did; it returns false early when
// the client goes away or the server closes.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.done:
		return false
	}
}

// reset hijacks the connection and closes it with SO_LINGER 0, so that the
// client sees a TCP reset and no reply.
func (s *Server) reset(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// Not hijackable (HTTP/2); the closest substitute is an abrupt abort.
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

func (s *Server) logRequest(r *http.Request, op string, rec *recorder) {
	if s.opts.Logf == nil {
		return
	}
	if op == "" {
		op = "-"
	}
	result := rec.note
	if result == "" {
		status := rec.status
		if status == 0 {
			status = http.StatusOK
		}
		result = strconv.Itoa(status)
		//lint:ignore SA1008 the header is written with the real service's spelling, not canonicalised (wire.go)
		if v := rec.Header()[errorTypeHeader]; len(v) > 0 {
			result += " " + strings.SplitN(v[0], ":", 2)[0]
		}
	}
	// Only the method and path: queries can carry user codes and next
	// tokens; bodies and headers carry secrets.
	s.opts.Logf("idctest: %s %s %s → %s", r.Method, r.URL.Path, op, result)
}

// recorder remembers the status written, for the request log.
type recorder struct {
	http.ResponseWriter
	status int
	note   string // set instead of a status when no reply was written
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection for Hijack.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
