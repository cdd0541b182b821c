package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"politely/internal/api"
)

// runServe serves the HTTP API until SIGINT or SIGTERM, then lets requests in
// flight finish. It binds loopback unless told otherwise: the API is for the
// user's own tools, and answers carry what they told politely about themselves.
func runServe(c *cli, args []string) int {
	fs := c.flags("serve", "[--addr 127.0.0.1:9900] [--rules FILE] [--allow-origin ORIGIN]")
	addr := fs.String("addr", "127.0.0.1:9900", "`host:port` to listen on (port 0 picks a free one)")
	var ruleFiles, origins multi
	fs.Var(&ruleFiles, "rules", "add a rule pack `FILE` (repeatable)")
	fs.Var(&origins, "allow-origin", "let a browser `ORIGIN` call the API (exact match, repeatable; none by default)")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		return c.fail(exitUsage, "serve: unexpected argument %q", fs.Arg(0))
	}
	e, err := c.engine(ruleFiles)
	if err != nil {
		return c.fail(exitFailure, "serve: %v", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return c.fail(exitFailure, "serve: %v", err)
	}
	logger := log.New(c.stderr, "politely: ", log.LstdFlags)
	opts := []api.Option{api.WithLogger(logger), api.WithAllowedOrigins(origins...)}
	loopback := false
	if host, _, err := net.SplitHostPort(ln.Addr().String()); err == nil {
		ip := net.ParseIP(host)
		loopback = ip != nil && ip.IsLoopback()
	}
	if loopback {
		// Only this machine's names reach a server on loopback: a page
		// rebinding its own name to 127.0.0.1 gets 421 (DNS rebinding).
		opts = append(opts, api.WithLoopbackHosts())
	}
	srv := &http.Server{
		Handler:           api.New(e, opts...),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          logger,
	}
	if !loopback {
		fmt.Fprintf(c.stderr, "politely: warning: serving on %s, which is reachable from other machines\n", ln.Addr())
	}
	// Tests and scripts read this line to learn the port when --addr ends in :0.
	fmt.Fprintf(c.stderr, "politely: serving the API on http://%s (Ctrl-C stops)\n", ln.Addr())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return c.fail(exitFailure, "serve: %v", err)
	case <-ctx.Done():
	}
	stop() // a second signal kills the process the usual way
	fmt.Fprintln(c.stderr, "politely: shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return c.fail(exitFailure, "serve: shutdown: %v", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return c.fail(exitFailure, "serve: %v", err)
	}
	return exitOK
}
