// Command sink is `newsflow sink` alone, for a sink-only container.
package main

import "github.com/newsflow/newsflow/internal/cli"

func main() { cli.Exec("sink") }
