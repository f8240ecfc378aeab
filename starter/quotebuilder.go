package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/webhooksig"
)

// quoteBuilderPath is the gateway route of the HubSpot deal card.
const quoteBuilderPath = "/hubspot/quote-builder"

// gatewayTimeout bounds one call to the gateway, which responds to the
// card within HubSpot's 15-second limit.
const gatewayTimeout = 20 * time.Second

// defaultExpiryDays is the expiry of a submitted quote without --expires.
const defaultExpiryDays = 30

// maxResponseBytes bounds the gateway response body the starter reads.
const maxResponseBytes = 1 << 20

// linesFile is the file of --lines: a JSON object with the quote's lines
// and, optionally, its sales rep and expiry, or a bare JSON array of lines.
type linesFile struct {
	SalesRep  string            `json:"salesRep,omitempty"`
	ExpiresOn string            `json:"expiresOn,omitempty"`
	Lines     []json.RawMessage `json:"lines"`
}

// cardRequest is the body the deal card posts to the gateway.
type cardRequest struct {
	DealID    string            `json:"dealId"`
	Lines     []json.RawMessage `json:"lines"`
	SalesRep  string            `json:"salesRep"`
	ExpiresOn string            `json:"expiresOn"`
}

func quoteBuilderCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "quote-builder",
		Short: "Act as the HubSpot deal card: submit a quote request to the gateway, or read its status",
		Long: "Sends the request the deal card sends, signed with HUBSPOT_CLIENT_SECRET as HubSpot signs it,\n" +
			"to the gateway at GATEWAY_PUBLIC_URL (default http://GATEWAY_ADDR), and prints the response.",
	}
	cmd.AddCommand(quoteSubmitCommand(), quoteStatusCommand())
	return cmd
}

func quoteSubmitCommand() *cobra.Command {
	var dealID, linesPath, salesRep, expires, gateway string
	cmd := &cobra.Command{
		Use:   "submit",
		Short: "Submit the lines of --lines FILE as a quote request for a deal, and print the gateway's response",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			g, err := newGatewayCaller(gateway)
			if err != nil {
				return err
			}
			body, err := buildCardRequest(dealID, linesPath, salesRep, expires, time.Now())
			if err != nil {
				return err
			}
			return g.call(cmd.Context(), cmd.OutOrStdout(), http.MethodPost, quoteBuilderPath, body)
		},
	}
	cmd.Flags().StringVar(&dealID, "deal", "", "HubSpot deal id (required)")
	cmd.Flags().StringVar(&linesPath, "lines", "", "JSON file with the quote lines (required; format in the README)")
	cmd.Flags().StringVar(&salesRep, "sales-rep", "", "SPS sales rep name (overrides salesRep of the file)")
	cmd.Flags().StringVar(&expires, "expires", "",
		fmt.Sprintf("expiry date YYYY-MM-DD (overrides expiresOn of the file; default %d days ahead)",
			defaultExpiryDays))
	cmd.Flags().StringVar(&gateway, "gateway", "", "gateway URL to call (default GATEWAY_PUBLIC_URL)")
	_ = cmd.MarkFlagRequired("deal")
	_ = cmd.MarkFlagRequired("lines")
	return cmd
}

func quoteStatusCommand() *cobra.Command {
	var dealID, gateway string
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Print the quote builder status of a deal, as the card fetches it",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			g, err := newGatewayCaller(gateway)
			if err != nil {
				return err
			}
			path := quoteBuilderPath + "?dealId=" + url.QueryEscape(dealID)
			return g.call(cmd.Context(), cmd.OutOrStdout(), http.MethodGet, path, nil)
		},
	}
	cmd.Flags().StringVar(&dealID, "deal", "", "HubSpot deal id (required)")
	cmd.Flags().StringVar(&gateway, "gateway", "", "gateway URL to call (default GATEWAY_PUBLIC_URL)")
	_ = cmd.MarkFlagRequired("deal")
	return cmd
}

// buildCardRequest reads the lines file and returns the card's JSON body.
// Flags override the file's sales rep and expiry. The gateway and the
// workflow validate the content; this only checks the file is readable.
func buildCardRequest(dealID, linesPath, salesRep, expires string, now time.Time) ([]byte, error) {
	data, err := os.ReadFile(linesPath)
	if err != nil {
		return nil, fmt.Errorf("read the lines file: %w", err)
	}
	file, err := parseLinesFile(data)
	if err != nil {
		return nil, fmt.Errorf("lines file %s: %w", linesPath, err)
	}

	req := cardRequest{DealID: strings.TrimSpace(dealID), Lines: file.Lines,
		SalesRep: file.SalesRep, ExpiresOn: file.ExpiresOn}
	if salesRep != "" {
		req.SalesRep = salesRep
	}
	if expires != "" {
		req.ExpiresOn = expires
	}
	if req.ExpiresOn == "" {
		req.ExpiresOn = now.UTC().AddDate(0, 0, defaultExpiryDays).Format(time.DateOnly)
	}
	return json.Marshal(req)
}

// parseLinesFile accepts a linesFile object or a bare array of lines.
func parseLinesFile(data []byte) (linesFile, error) {
	data = bytes.TrimSpace(data)
	var file linesFile
	if len(data) > 0 && data[0] == '[' {
		if err := json.Unmarshal(data, &file.Lines); err != nil {
			return linesFile{}, fmt.Errorf("not a JSON array of lines: %w", err)
		}
	} else if err := json.Unmarshal(data, &file); err != nil {
		return linesFile{}, fmt.Errorf("not a JSON object with \"lines\" or an array of lines: %w", err)
	}
	if len(file.Lines) == 0 {
		return linesFile{}, errors.New("it has no lines")
	}
	return file, nil
}

// gatewayCaller signs requests as HubSpot does and sends them to the
// gateway.
type gatewayCaller struct {
	secret    string
	publicURL string
	target    string
	http      *http.Client
	now       func() time.Time
}

// newGatewayCaller reads HUBSPOT_CLIENT_SECRET and the gateway URLs from
// the environment; target overrides where requests go.
func newGatewayCaller(target string) (*gatewayCaller, error) {
	settings, err := config.Load(os.Getenv)
	if err != nil {
		return nil, err
	}
	q := settings.QuoteBuilder
	if q.HubSpotClientSecret == "" {
		return nil, errors.New("missing secret: set HUBSPOT_CLIENT_SECRET in the environment " +
			"(the HubSpot app's client secret the gateway verifies signatures with)")
	}
	publicURL := q.PublicURL
	if publicURL == "" {
		publicURL = "http://" + q.Addr
	}
	if target == "" {
		target = publicURL
	}
	return &gatewayCaller{secret: q.HubSpotClientSecret, publicURL: publicURL,
		target: strings.TrimSuffix(target, "/"), http: &http.Client{Timeout: gatewayTimeout}, now: time.Now}, nil
}

// call sends one signed request to path (with its query) and prints the
// response. A non-2xx response is an error carrying the gateway's message.
func (g *gatewayCaller) call(ctx context.Context, out io.Writer, method, path string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, method, g.target+path, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("build the gateway request: %w", err)
	}
	timestamp := g.now().UnixMilli()
	// HubSpot signs the URL it calls, which is the public URL, whatever
	// address this request goes to.
	signature := webhooksig.SignHubSpotV3(g.secret, method, g.publicURL+path, body, timestamp)
	req.Header.Set(webhooksig.HeaderHubSpotSignatureV3, signature)
	req.Header.Set(webhooksig.HeaderHubSpotTimestamp, fmt.Sprint(timestamp))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	resp, err := g.http.Do(req)
	if err != nil {
		return fmt.Errorf("call the gateway: %w", err)
	}
	defer resp.Body.Close()
	respBody, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return fmt.Errorf("read the gateway response: %w", err)
	}
	printResponse(out, respBody)
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("gateway responded %s: %s", resp.Status, errorMessage(respBody))
	}
	return nil
}

// printResponse prints a JSON response body indented, and any other body
// as it is.
func printResponse(out io.Writer, body []byte) {
	var indented bytes.Buffer
	if json.Indent(&indented, bytes.TrimSpace(body), "", "  ") == nil {
		fmt.Fprintln(out, indented.String())
		return
	}
	fmt.Fprintln(out, strings.TrimSpace(string(body)))
}

// errorMessage returns the message of an error response body.
func errorMessage(body []byte) string {
	var e struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &e) == nil && e.Message != "" {
		return e.Message
	}
	return strings.TrimSpace(string(body))
}
