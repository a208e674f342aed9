// Command producer is `newsflow produce` alone, for a producer-only container.
package main

import "github.com/newsflow/newsflow/internal/cli"

func main() { cli.Exec("produce") }
