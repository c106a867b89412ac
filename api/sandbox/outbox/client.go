// Package outbox reads a running sandbox's outbox (every SMS and email
// it "sent") and presses its pages' buttons, over HTTP alone: the TUI's
// sandbox phone and line mode's --sandbox-auto import it without linking
// the sandbox's database.
package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Client reads a running sandbox's outbox and presses its KYC page's
// buttons over HTTP, as a person with the phone in hand would. It serves
// `--sandbox-auto`, the wizard's sandbox phone panel, and tests.
type Client struct {
	base    string
	partner string // when set, only messages to this partner's consumers
	http    *http.Client
}

// NewClient returns a Client for the sandbox at base (e.g. http://127.0.0.1:7878).
func NewClient(base string, hc *http.Client) *Client {
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	return &Client{base: strings.TrimRight(base, "/"), http: hc}
}

// ForPartner returns a Client that sees only the messages sent to partner's
// consumers: one SSH session's, in `onboard serve`, where the sandbox is
// shared and answers nothing without a session partner.
func (p *Client) ForPartner(partner string) *Client {
	c := *p
	c.partner = partner
	return &c
}

// Messages returns the messages sent to recipient ("" for all) after id since.
func (p *Client) Messages(ctx context.Context, recipient string, since int64) ([]Message, error) {
	return p.Await(ctx, AnyOf(recipient), since, 0)
}

// Await returns the messages sent to any of recipients after id since,
// waiting up to wait (at most MaxWait; the HTTP client's timeout
// must be longer) for the first one to arrive. It answers early with
// nothing when the sandbox shuts down.
func (p *Client) Await(ctx context.Context, recipients []string, since int64, wait time.Duration) ([]Message, error) {
	q := url.Values{}
	for _, r := range recipients {
		q.Add("recipient", r)
	}
	if since > 0 {
		q.Set("since", fmt.Sprint(since))
	}
	if p.partner != "" {
		q.Set("partner", p.partner)
	}
	if s := int(min(wait, MaxWait) / time.Second); s > 0 {
		q.Set("wait", fmt.Sprint(s))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.base+"/sandbox/outbox?"+q.Encode(), nil)
	if err != nil {
		return nil, fmt.Errorf("sandbox phone: %w", err)
	}
	res, err := p.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("sandbox phone: reading the outbox at %s: %w", p.base, withoutURL(err))
	}
	defer drain(res.Body)
	if res.StatusCode != http.StatusOK {
		return nil, outboxRefused(res)
	}
	var out struct {
		Messages []Message `json:"messages"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("sandbox phone: reading the outbox: %w", err)
	}
	return out.Messages, nil
}

// outboxRefused is the error for an outbox answer other than 200, with
// the sandbox's own sentence when it gave one (a shared sandbox says
// which partner name it needs).
func outboxRefused(res *http.Response) error {
	var body struct {
		Message string `json:"message"`
	}
	if json.NewDecoder(io.LimitReader(res.Body, 4<<10)).Decode(&body) == nil && body.Message != "" {
		return fmt.Errorf("sandbox phone: the outbox answered %d: %s", res.StatusCode, body.Message)
	}
	return fmt.Errorf("sandbox phone: the outbox answered %d", res.StatusCode)
}

// Last returns the newest message to recipient that satisfies keep.
func (p *Client) Last(ctx context.Context, recipient string, keep func(Message) bool) (Message, error) {
	msgs, err := p.Messages(ctx, recipient, 0)
	if err != nil {
		return Message{}, err
	}
	for i := len(msgs) - 1; i >= 0; i-- {
		if keep(msgs[i]) {
			return msgs[i], nil
		}
	}
	return Message{}, fmt.Errorf("sandbox phone: no such message to %s in the outbox", recipient)
}

// Press presses a button ("approve", "decline", "review", "abort") on the
// KYC page at pageURL.
func (p *Client) Press(ctx context.Context, pageURL, action string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, pageURL, strings.NewReader(url.Values{"action": {action}}.Encode()))
	if err != nil {
		return fmt.Errorf("sandbox phone: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return p.do(req)
}

// Open opens a link (the email verification link) like a browser.
func (p *Client) Open(ctx context.Context, link string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return fmt.Errorf("sandbox phone: %w", err)
	}
	return p.do(req)
}

func (p *Client) do(req *http.Request) error {
	res, err := p.http.Do(req)
	if err != nil {
		return fmt.Errorf("sandbox phone: opening a page at %s: %w", p.base, withoutURL(err))
	}
	drain(res.Body)
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("sandbox phone: the page answered %d", res.StatusCode) // its path holds its token
	}
	return nil
}

// drain reads what is left of a body (a page, the newline after JSON)
// and closes it: a body closed early costs its keep-alive connection.
func drain(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 1<<20))
	body.Close()
}

// withoutURL is a transport error without the URL net/http puts in it:
// the outbox's carries the partner's name, a shared sandbox's tenant
// capability, and a page's its token, neither of which goes in an error.
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}
