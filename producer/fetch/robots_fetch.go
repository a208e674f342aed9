package fetch

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"time"
)

// rules returns the host's robots.txt rules, fetching them when missing or expired. The
// caller holds the host's semaphore, so one fetch serves every waiter. A 4xx robots.txt
// allows everything; a 5xx or an unreachable one disallows everything for a short while
// (RFC 9309), except that a refused address or a cancelled caller is returned as an error.
func (c *Client) rules(ctx, parent context.Context, h *host, u *url.URL) (*robots, error) {
	now := c.cfg.Now()
	if h.rules != nil && now.Before(h.rulesExpire) {
		return h.rules, nil
	}
	if err := c.pace(ctx, h); err != nil {
		return nil, classify(parent, err)
	}
	rules, ttl, err := c.fetchRobots(ctx, u)
	if err != nil {
		if err = classify(parent, err); parent.Err() != nil || errors.Is(err, ErrPrivateAddress) {
			return nil, err
		}
		rules, ttl = disallowAll, DefaultRobotsErrorTTL
	}
	h.rules, h.rulesExpire = rules, now.Add(ttl)
	return rules, nil
}

func (c *Client) fetchRobots(ctx context.Context, u *url.URL) (*robots, time.Duration, error) {
	ru := url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ru.String(), nil)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("User-Agent", c.ua)
	resp, err := c.robots.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 500:
		return disallowAll, DefaultRobotsErrorTTL, nil
	case resp.StatusCode >= 400:
		return allowAll, c.cfg.RobotsTTL, nil
	case resp.StatusCode >= 300:
		return allowAll, c.cfg.RobotsTTL, nil // redirects beyond the limit
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes)) // rules past 512 KiB are ignored
	if err != nil {
		return nil, 0, err
	}
	return parseRobots(body, c.token), c.cfg.RobotsTTL, nil
}
