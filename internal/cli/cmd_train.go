package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/newsflow/newsflow/enricher/dedup"
	"github.com/newsflow/newsflow/enricher/geo"
	"github.com/newsflow/newsflow/enricher/ner"
	"github.com/newsflow/newsflow/enricher/topics"
)

func init() {
	register("train", "train a model from ../shared/data: `newsflow train ner|topics [flags]`", runTrain)
	register("eval", "evaluate a model: `newsflow eval ner|places|topics|dedup [flags]`", runEval)
}

// entryPoint runs a model's training or evaluation; it parses its own flags.
type entryPoint = func(ctx context.Context, args []string, stdout, stderr io.Writer) error

type model struct{ train, eval entryPoint }

// models maps a model name to its train and eval entry points (nil: the model has none;
// places is a generated lexicon: `go generate ./enricher/geo`).
var models = map[string]model{
	"ner":    {train: ner.RunTrain, eval: ner.RunEval},
	"places": {eval: geo.RunEval},
	"dedup":  {eval: dedup.RunEval},
	"topics": {train: topics.RunTrain, eval: topics.RunEval},
}

func runTrain(ctx context.Context, env Env, args []string) error {
	m, rest, err := pickModel(env, "train", args)
	if err != nil {
		return err
	}
	return m.train(ctx, rest, env.Stdout, env.Stderr)
}

func runEval(ctx context.Context, env Env, args []string) error {
	m, rest, err := pickModel(env, "eval", args)
	if err != nil {
		return err
	}
	return m.eval(ctx, rest, env.Stdout, env.Stderr)
}

func pickModel(env Env, cmd string, args []string) (model, []string, error) {
	var names []string
	for n, m := range models {
		if cmd == "eval" || m.train != nil {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		fmt.Fprintf(env.Stderr, "usage: newsflow %s MODEL [flags]\n\nmodels: %s\n`newsflow %s MODEL --help` lists the model's flags.\n",
			cmd, strings.Join(names, ", "), cmd)
		return model{}, nil, flag.ErrHelp
	}
	if len(args) == 0 {
		return model{}, nil, usagef("name a model: newsflow %s {%s} [flags]", cmd, strings.Join(names, "|"))
	}
	m, ok := models[args[0]]
	if !ok || cmd == "train" && m.train == nil {
		return m, nil, usagef("unknown model %q: newsflow %s {%s} [flags]", args[0], cmd, strings.Join(names, "|"))
	}
	return m, args[1:], nil
}
