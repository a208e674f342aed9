package broker

import (
	"context"
	"errors"
	"fmt"

	"github.com/segmentio/kafka-go"
)

// alterMaxMessageBytes sets max.message.bytes on topics through the broker's own wire
// protocol: kfake has no direct API to change a topic config.
func alterMaxMessageBytes(ctx context.Context, addrs []string, topics []string, maxBytes string) error {
	tr := &kafka.Transport{ClientID: "newsflow-broker"}
	defer tr.CloseIdleConnections()
	client := &kafka.Client{Addr: kafka.TCP(addrs...), Transport: tr}
	req := &kafka.IncrementalAlterConfigsRequest{}
	for _, t := range topics {
		req.Resources = append(req.Resources, kafka.IncrementalAlterConfigsRequestResource{
			ResourceType: kafka.ResourceTypeTopic,
			ResourceName: t,
			Configs: []kafka.IncrementalAlterConfigsRequestConfig{{
				Name:            "max.message.bytes",
				Value:           maxBytes,
				ConfigOperation: kafka.ConfigOperationSet,
			}},
		})
	}
	resp, err := client.IncrementalAlterConfigs(ctx, req)
	if err != nil {
		return fmt.Errorf("set max.message.bytes: %w", err)
	}
	var errs []error
	for _, r := range resp.Resources {
		if r.Error != nil {
			errs = append(errs, fmt.Errorf("set max.message.bytes of %s: %w", r.ResourceName, r.Error))
		}
	}
	return errors.Join(errs...)
}
