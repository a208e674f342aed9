// Package cli implements the newsflow command line. The binaries under cmd/ only call Main
// (or Run for a single stage), so every command is testable in-process.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// Env is what a command may touch of its process.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

type command struct {
	summary string
	run     func(ctx context.Context, env Env, args []string) error
}

var commands = map[string]command{}

func register(name, summary string, run func(ctx context.Context, env Env, args []string) error) {
	commands[name] = command{summary: summary, run: run}
}

// Main runs `newsflow ARGS...` and returns the process exit code: 0 on success, 2 for a usage
// error, 1 for any other failure.
func Main(ctx context.Context, env Env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	return Run(ctx, env, args[0], args[1:])
}

// Run runs one command by name, for the single-stage binaries.
func Run(ctx context.Context, env Env, name string, args []string) int {
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(env.Stderr, "newsflow: unknown command %q\n\n", name)
		usage(env.Stderr)
		return 2
	}
	err := cmd.run(ctx, env, args)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, new(usageError)):
		fmt.Fprintf(env.Stderr, "newsflow %s: %v\n", name, err)
		return 2
	default:
		fmt.Fprintf(env.Stderr, "newsflow %s: %v\n", name, err)
		return 1
	}
}

// usageError is a bad command line.
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

func usage(w io.Writer) {
	fmt.Fprintln(w, "newsflow: a streaming news pipeline (producer -> Kafka -> enricher -> Kafka -> sink -> search store)")
	fmt.Fprintln(w, "\nusage: newsflow COMMAND [flags] [args]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\n`newsflow COMMAND --help` lists a command's flags; every flag can also be set with the")
	fmt.Fprintln(w, "environment variable NEWSFLOW_<FLAG_NAME> (e.g. NEWSFLOW_KAFKA_BROKERS).")
}

// parseFlagsInterspersed is parseFlags for commands that take flags after positional
// arguments; it returns the positional arguments.
func parseFlagsInterspersed(fs *flagSet, args []string) ([]string, error) {
	pos, err := fs.parseInterspersed(args)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		return nil, usageError{err}
	}
	return pos, err
}

// parseFlags parses with env fallbacks; a parse error becomes a usageError, --help ErrHelp.
func parseFlags(fs *flagSet, args []string) error {
	if err := fs.parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	return nil
}

// Exec is the whole of a main: it runs the command named (or, with name "", the command
// line's own) under a context that ends on SIGINT or SIGTERM, and exits with its code.
func Exec(name string) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	var code int
	if name == "" {
		code = Main(ctx, env, os.Args[1:])
	} else {
		code = Run(ctx, env, name, os.Args[1:])
	}
	stop()
	os.Exit(code)
}
