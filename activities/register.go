package activities

import (
	"context"
	"fmt"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/clients/s3mirror"
	"github.com/stonecity/sync/clients/sps"
	squareclient "github.com/stonecity/sync/clients/square"
	"github.com/stonecity/sync/config"
)

// Dependencies are the API clients and settings every activity shares.
// One set serves the whole worker process, so the HubSpot pacer counts every
// call the process makes.
type Dependencies struct {
	HubSpot  *hubspot.Client
	Square   *squareclient.Client
	SPS      *sps.Client
	Settings config.Settings
	// Mirror and Snapshots are the product sync buckets, nil when their
	// bucket variable is unset.
	Mirror, Snapshots *s3mirror.Bucket
}

// NewDependencies builds the API clients from settings.
func NewDependencies(s config.Settings) (Dependencies, error) {
	hub, err := NewHubSpotClient(s)
	if err != nil {
		return Dependencies{}, err
	}
	sq, err := squareclient.New(squareclient.Config{BaseURL: s.Square.BaseURL, Token: s.Square.Token})
	if err != nil {
		return Dependencies{}, fmt.Errorf("Square client: %w", err)
	}
	spsClient, err := sps.New(sps.Config{
		BaseURL:          s.SPS.BaseURL,
		Username:         s.SPS.Username,
		Password:         s.SPS.Password,
		AuthorizedNumber: s.SPS.AuthorizedNumber,
		Paths:            sps.Paths{CreateCustomer: s.SPS.CustomerCreatePath, CreateQuote: s.SPS.QuoteCreatePath},
	})
	if err != nil {
		return Dependencies{}, fmt.Errorf("SPS client: %w", err)
	}
	mirror, err := newProductBucket(s.Products, s.Products.MirrorBucket)
	if err != nil {
		return Dependencies{}, fmt.Errorf("product mirror bucket: %w", err)
	}
	snapshots, err := newProductBucket(s.Products, s.Products.SnapshotBucket)
	if err != nil {
		return Dependencies{}, fmt.Errorf("product snapshot bucket: %w", err)
	}
	return Dependencies{HubSpot: hub, Square: sq, SPS: spsClient, Settings: s,
		Mirror: mirror, Snapshots: snapshots}, nil
}

// newProductBucket returns a client for one product sync bucket, or nil
// when bucket is empty (not configured). It sends no request.
func newProductBucket(p config.Products, bucket string) (*s3mirror.Bucket, error) {
	if bucket == "" {
		return nil, nil
	}
	return s3mirror.New(context.Background(), s3mirror.Config{
		Bucket:          bucket,
		Region:          p.S3Region,
		Endpoint:        p.S3Endpoint,
		PathStyle:       p.S3PathStyle,
		AccessKeyID:     p.S3AccessKeyID,
		SecretAccessKey: p.S3SecretAccessKey,
	})
}

// NewHubSpotClient builds a HubSpot client with a pacer of its own; use it
// for tools that talk only to HubSpot, such as schema setup.
func NewHubSpotClient(s config.Settings) (*hubspot.Client, error) {
	pacer := hubspot.NewPacer(hubspot.PacerConfig{
		TenSecondlyBudget: s.HubSpot.TenSecondlyBudget,
		SearchPerSecond:   s.HubSpot.SearchPerSecond,
		Share:             s.HubSpot.RateShare,
	})
	hub, err := hubspot.New(hubspot.Config{BaseURL: s.HubSpot.BaseURL, Token: s.HubSpot.Token, Pacer: pacer})
	if err != nil {
		return nil, fmt.Errorf("HubSpot client: %w", err)
	}
	return hub, nil
}

// Registry is the part of a Temporal worker that registers activities.
type Registry interface {
	RegisterActivity(a interface{})
}

// Register registers every activity struct; Temporal names each activity
// after its method.
func Register(r Registry, deps Dependencies) {
	r.RegisterActivity(&SchemaActivities{HubSpot: deps.HubSpot, Portal: deps.Settings.Portal})
	r.RegisterActivity(&OrderActivities{
		HubSpot: deps.HubSpot,
		Square:  deps.Square,
		Settings: OrderSettings{
			Portal:            deps.Settings.Portal,
			VIPThresholdMajor: deps.Settings.Orders.VIPThresholdMajor,
			TimeZone:          deps.Settings.Orders.TimeZone,
			LocationIDs:       deps.Settings.Square.LocationIDs,
		},
	})
	r.RegisterActivity(NewCustomerActivities(deps.HubSpot, deps.SPS))
	r.RegisterActivity(&QuoteActivities{HubSpot: deps.HubSpot, SPS: deps.SPS, Portal: deps.Settings.Portal})
	r.RegisterActivity(&ProductActivities{HubSpot: deps.HubSpot, Square: deps.Square, SPS: deps.SPS,
		Mirror: deps.Mirror, Snapshots: deps.Snapshots})
	// The guard lists runs with the Temporal client of the worker that
	// runs it (activity.GetClient), so it needs no dependency here.
	r.RegisterActivity(&ProductGuardActivities{})
	r.RegisterActivity(&QuoteStatusActivities{HubSpot: deps.HubSpot, Portal: deps.Settings.Portal})
	r.RegisterActivity(&QuoteBuilderActivities{HubSpot: deps.HubSpot, SPS: deps.SPS})
}
