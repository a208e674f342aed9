// Command sink is `newsflow sink` alone, for a sink-only container.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/newsflow/newsflow/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}, "sink", os.Args[1:])
	stop()
	os.Exit(code)
}
