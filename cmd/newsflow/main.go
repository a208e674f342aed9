// Command newsflow is the single newsflow binary: every stage, the embedded broker and store,
// the fake Elasticsearch, and the offline tools. `newsflow help` lists the commands.
package main

import "github.com/newsflow/newsflow/internal/cli"

func main() { cli.Exec("") }
