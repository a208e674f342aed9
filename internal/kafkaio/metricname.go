package kafkaio

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// stageDesc returns the Desc of newsflow_<stage>_<name>. An invalid stage (not snake_case:
// [a-z][a-z0-9_]*) gives an invalid Desc, which makes registering the collector fail:
// client_golang would otherwise accept any UTF-8 name.
func stageDesc(stage, name, help string, variableLabels []string, constLabels prometheus.Labels) *prometheus.Desc {
	if err := validStage(stage); err != nil {
		return prometheus.NewInvalidDesc(err)
	}
	return prometheus.NewDesc("newsflow_"+stage+"_"+name, help, variableLabels, constLabels)
}

func validStage(stage string) error {
	if stage == "" {
		return fmt.Errorf("metric stage name is empty")
	}
	for i, r := range stage {
		if !(r >= 'a' && r <= 'z' || i > 0 && (r >= '0' && r <= '9' || r == '_')) {
			return fmt.Errorf("metric stage name %q is not snake_case", stage)
		}
	}
	return nil
}
