package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

// envName is the environment variable that stands for a flag: NEWSFLOW_ and the flag name
// upper-cased with dashes as underscores (--kafka-brokers: NEWSFLOW_KAFKA_BROKERS).
func envName(flagName string) string {
	return "NEWSFLOW_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// flagSet is a flag.FlagSet whose flags also read their environment variable, and whose
// usage names it. A flag given on the command line wins over the environment.
type flagSet struct {
	*flag.FlagSet
	name, summary, args string
}

func newFlagSet(name, args, summary string, stderr io.Writer) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), name: name, summary: summary, args: args}
	fs.SetOutput(stderr)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "usage: %s\n\n%s\n\nflags (each also read from the environment variable shown):\n",
			strings.TrimSpace("newsflow "+name+" [flags] "+args), summary)
		var lines []string
		fs.VisitAll(func(f *flag.Flag) {
			def := ""
			if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" && f.DefValue != "0s" {
				def = fmt.Sprintf(" (default %s)", f.DefValue)
			}
			lines = append(lines, fmt.Sprintf("  --%s  [$%s]\n      %s%s\n", f.Name, envName(f.Name), f.Usage, def))
		})
		sort.Strings(lines)
		for _, l := range lines {
			fmt.Fprint(out, l)
		}
	}
	return fs
}

// parse parses args, then fills every flag not given on the command line from its
// environment variable.
func (fs *flagSet) parse(args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if set[f.Name] || err != nil {
			return
		}
		if v, ok := os.LookupEnv(envName(f.Name)); ok {
			if e := fs.Set(f.Name, v); e != nil {
				err = fmt.Errorf("$%s=%q: %v", envName(f.Name), v, e)
			}
		}
	})
	return err
}

// parseInterspersed is parse for commands whose positional arguments may come before,
// between or after their flags (`newsflow search central bank --size 3`). It returns the
// positional arguments; everything after "--" is positional.
func (fs *flagSet) parseInterspersed(args []string) ([]string, error) {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			positional = append(positional, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "-") && len(a) > 1:
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if strings.Contains(name, "=") {
				continue
			}
			// A flag that is not boolean takes the next argument as its value.
			if f := fs.Lookup(name); f != nil && i+1 < len(args) {
				if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !bf.IsBoolFlag() {
					i++
					flags = append(flags, args[i])
				}
			}
		default:
			positional = append(positional, a)
		}
	}
	return positional, fs.parse(flags)
}

// listFlag is a comma-separated list flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error {
	*l = nil
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// common are the flags every long-running stage shares.
type common struct {
	brokers         listFlag
	maxMessageBytes int
	adminAddr       string
	logLevel        string
	logFormat       string
	drainTimeout    time.Duration
}

func (c *common) register(fs *flagSet, adminDefault string) {
	c.registerWith(fs, adminDefault, listFlag{"127.0.0.1:9092"}, "Kafka bootstrap brokers, comma-separated host:port")
}

// registerWith is register with another default and description of --kafka-brokers.
func (c *common) registerWith(fs *flagSet, adminDefault string, brokers listFlag, brokersUsage string) {
	c.brokers = brokers
	fs.Var(&c.brokers, "kafka-brokers", brokersUsage)
	fs.IntVar(&c.maxMessageBytes, "max-message-bytes", 1<<20, "the one message size limit: writers' batch bytes, readers' fetch bytes, topics' max.message.bytes")
	fs.StringVar(&c.adminAddr, "admin-addr", adminDefault, "address of the admin server (/metrics, /healthz, /readyz); port 0 picks a free one")
	c.registerLog(fs)
	fs.DurationVar(&c.drainTimeout, "drain-timeout", 10*time.Second, "on shutdown, how long to finish, publish and commit in-flight work")
}

func (c *common) registerLog(fs *flagSet) {
	fs.StringVar(&c.logLevel, "log-level", "info", "log level: debug, info, warn, error")
	fs.StringVar(&c.logFormat, "log-format", "text", "log format: text or json")
}
