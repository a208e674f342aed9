// Command enricher is `newsflow enrich` alone, for an enricher-only container.
package main

import "github.com/newsflow/newsflow/internal/cli"

func main() { cli.Exec("enrich") }
