package metrics

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// ListenAddr turns prometheus_listen into an address to bind: a bare
// port means 127.0.0.1 (metrics tell much about a server and are not
// offered to the world unless asked for); host:port is taken as is.
func ListenAddr(v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", errors.New("no address given")
	}
	if p, err := strconv.Atoi(v); err == nil {
		if p <= 0 || p > 65535 {
			return "", fmt.Errorf("port %d out of range", p)
		}
		return net.JoinHostPort("127.0.0.1", strconv.Itoa(p)), nil
	}
	host, port, err := net.SplitHostPort(v)
	if err != nil {
		return "", fmt.Errorf("%q is neither a port nor host:port", v)
	}
	p, err := strconv.Atoi(port)
	if err != nil || p <= 0 || p > 65535 {
		return "", fmt.Errorf("%q: bad port %q", v, port)
	}
	return net.JoinHostPort(host, strconv.Itoa(p)), nil
}

// Handler answers GET (and HEAD) /metrics with the registry in
// Prometheus's text format; any other path is 404, any other method 405.
func (m *Master) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog:      logAdapter{m},
		ErrorHandling: promhttp.ContinueOnError,
		// One scrape at a time: each reads every worker's stats file.
		MaxRequestsInFlight: 1,
		Timeout:             2 * stateTimeout,
	}))
	return mux
}

// logAdapter gives promhttp's scrape errors to master's logger.
type logAdapter struct{ m *Master }

// Println implements promhttp.Logger.
func (l logAdapter) Println(v ...any) {
	l.m.opts.Log.Warn().Msg("metrics: " + strings.TrimSuffix(fmt.Sprintln(v...), "\n"))
}

// Server is the metrics endpoint's HTTP server.
type Server struct {
	srv     *http.Server
	ln      net.Listener
	done    chan struct{}
	serving bool
}

// Listen binds addr (see ListenAddr) for the endpoint; Serve starts it.
// master binds before dropping privileges, as for its services.
func (m *Master) Listen(addr string) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("metrics endpoint: %w", err)
	}
	return &Server{
		srv: &http.Server{Handler: m.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute},
		ln:  ln, done: make(chan struct{}),
	}, nil
}

// Addr is the bound address.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Serve answers scrapes in the background until Close. Serve and Close
// are called from one goroutine (master's event loop).
func (s *Server) Serve() {
	s.serving = true
	go func() {
		defer close(s.done)
		_ = s.srv.Serve(s.ln) // ends with ErrServerClosed
	}()
}

// Close stops the server, ending scrapes in progress, and waits for it.
// Safe on a nil Server.
func (s *Server) Close() {
	if s == nil {
		return
	}
	s.srv.Close()
	if !s.serving {
		s.ln.Close()
		return
	}
	<-s.done
}
