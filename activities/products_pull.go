package activities

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/productmap"
	"github.com/stonecity/sync/report"
)

// skipRepeatedProduct is the skip reason of a product id SPS lists twice,
// which happens when records move between pages during the pull.
const skipRepeatedProduct = "product listed twice by SPS"

// pullProgress is the heartbeat of PullProducts: the SPS page just read.
type pullProgress struct {
	Page int `json:"page"`
	Read int `json:"read"`
}

// productPull collects the products of one pull.
type productPull struct {
	read     int
	products []productmap.Product
	seen     map[int64]bool
	skipped  map[string]int
	failures []report.RecordFailure
	// failuresNotListed counts the invalid records beyond failures.
	failuresNotListed int
	// unidentified counts the records whose id cannot be read, each
	// distinct record once: unidentifiedSeen holds their content hashes.
	unidentified     int
	unidentifiedSeen map[[sha256.Size]byte]bool
}

// skipDuplicateSKU is the skip reason of a product whose SKU key another
// product has; the log names both.
const skipDuplicateSKU = "duplicate SKU"

// PullProducts reads every SPS product, active or not, validates each one,
// keeps one product per SKU key, and writes them as a snapshot to the
// Snapshots bucket under in.SnapshotPrefix, with the ids of the duplicates
// it left out. It also compares the stored record of earlier runs
// (ProductSyncedRecordKey) with the pull and writes the removals and the
// run's next record into the snapshot. A record that fails validation is
// a per-record failure naming the product id and field. A duplicate is
// skipped with the reason skipDuplicateSKU, and a log line names both
// products. It heartbeats after each SPS page.
// A pull that cannot show it read the whole catalogue (checkProductTotal,
// checkPullComplete) fails as retryable before it writes the snapshot, so
// an SPS fault never plans removals.
// A retry starts again from page 1 and rewrites the same snapshot keys.
// Client errors fail the attempt: rate limits, 5xx and timeouts as
// retryable, validation and auth errors as final.
func (a *ProductActivities) PullProducts(ctx context.Context, in PullProductsInput) (PullProductsResult, error) {
	if a.SPS == nil {
		return PullProductsResult{}, notConfigured("the SPS client", "SPS_USERNAME")
	}
	if a.Snapshots == nil {
		return PullProductsResult{}, notConfigured("the product snapshot bucket", "PRODUCT_SNAPSHOT_BUCKET")
	}
	prefix := cleanPrefix(in.SnapshotPrefix)
	if prefix == "" {
		return PullProductsResult{}, permanent(ErrorTypeInvalid, "snapshot prefix is empty")
	}
	recorder := apicalls.NewRecorder()
	ctx = apicalls.WithRecorder(ctx, recorder)

	pull := &productPull{seen: map[int64]bool{}, skipped: map[string]int{},
		unidentifiedSeen: map[[sha256.Size]byte]bool{}}
	firstTotal := 0
	for page := 1; page > 0; {
		res, err := a.SPS.QueryProducts(ctx, sps.ProductFilter{}, page, sps.MaxPageSize)
		if err != nil {
			// NOTE: a retry pulls every page again. The snapshot is only
			// written after the last page, because deduplication needs
			// every product.
			return PullProductsResult{}, temporalError(fmt.Errorf("query SPS products, page %d: %w", page, err),
				false)
		}
		if page == 1 {
			firstTotal = res.TotalCount
		}
		if err := checkProductPage(res, page); err != nil {
			return PullProductsResult{}, temporalError(err, false)
		}
		if err := checkProductTotal(res, page, firstTotal); err != nil {
			return PullProductsResult{}, temporalError(err, false)
		}
		pull.add(res, page)
		activity.RecordHeartbeat(ctx, pullProgress{Page: page, Read: pull.read})
		page = res.Next(page)
	}
	if err := checkPullComplete(len(pull.seen)+pull.unidentified, firstTotal); err != nil {
		return PullProductsResult{}, temporalError(err, false)
	}

	kept, duplicates := productmap.Dedupe(pull.products)
	retired := make([]int64, 0, len(duplicates))
	logger := activity.GetLogger(ctx)
	for _, d := range duplicates {
		pull.skipped[skipDuplicateSKU]++
		retired = append(retired, d.ProductID)
		logger.Warn("SPS has two products with one SKU; the other one is synced", "spsProductID", d.ProductID,
			"sku", d.Key, "keptSPSProductID", d.KeptID)
	}

	ref, err := writeSnapshot(ctx, a.Snapshots, prefix, kept, retired)
	if err != nil {
		return PullProductsResult{}, temporalError(err, false)
	}
	plan, err := a.planRemovals(ctx, prefix, pull, kept, in.AllowMassRemoval)
	if err != nil {
		return PullProductsResult{}, err
	}
	res := pull.result(ref, kept, recorder.Counts())
	res.Removals, res.RemovalsHeld, res.RemovalsHeldReason = plan.removals, plan.held, plan.heldReason
	return res, nil
}

// add validates one page of SPS records. A record that does not decode
// is a failure like one that fails validation, and its id, when
// readable, counts as listed, so it is neither removed nor missed.
func (p *productPull) add(page sps.Page[sps.Product], pageNumber int) {
	for _, record := range page.Records {
		if !p.see(record.ID) {
			continue
		}
		product, err := productmap.FromSPS(record)
		if err != nil {
			p.fail(report.RecordFailure{SourceID: spsID(record.ID), Reason: fieldFailure(err)})
			continue
		}
		p.products = append(p.products, product)
	}
	for _, u := range page.Unreadable {
		var first bool
		if u.ID == 0 {
			first = p.seeUnidentified(u.Raw)
		} else {
			first = p.see(u.ID)
		}
		if first {
			p.fail(unreadableFailure(u, pageNumber))
		}
	}
}

// see counts a record with id and reports whether it is the first with
// that id; a repeat is skipped.
func (p *productPull) see(id int64) bool {
	p.read++
	if p.seen[id] {
		p.skipped[skipRepeatedProduct]++
		return false
	}
	p.seen[id] = true
	return true
}

// seeUnidentified counts a record whose id cannot be read and reports
// whether it is the first with that content. A record SPS sends twice, as
// when records move between pages, counts once, so it cannot make up for
// a product the pull missed.
func (p *productPull) seeUnidentified(raw json.RawMessage) bool {
	p.read++
	sum := sha256.Sum256(raw)
	if p.unidentifiedSeen[sum] {
		p.skipped[skipRepeatedProduct]++
		return false
	}
	p.unidentifiedSeen[sum] = true
	p.unidentified++
	return true
}

// fail records an invalid record, listing at most
// report.MaxReportedFailures and counting the rest.
func (p *productPull) fail(f report.RecordFailure) {
	if len(p.failures) >= report.MaxReportedFailures {
		p.failuresNotListed++
		return
	}
	p.failures = append(p.failures, f)
}

// fieldFailure is the failure reason of a product that failed validation,
// naming the field when the error does.
func fieldFailure(err error) string {
	var fieldErr *productmap.FieldError
	if errors.As(err, &fieldErr) {
		return fmt.Sprintf("invalid %s: %s", fieldErr.Field, fieldErr.Reason)
	}
	return err.Error()
}

// result counts the snapshot's products by status.
func (p *productPull) result(ref SnapshotRef, kept []productmap.Product,
	calls []apicalls.Count) PullProductsResult {
	res := PullProductsResult{Snapshot: ref, Read: p.read, Failures: p.failures,
		FailuresNotListed: p.failuresNotListed, APICalls: calls}
	for _, product := range kept {
		if product.Active {
			res.Active++
		} else {
			res.Inactive++
		}
	}
	for _, reason := range sortedKeys(p.skipped) {
		res.SkipReasons = append(res.SkipReasons, report.ReasonCount{Reason: reason, Count: p.skipped[reason]})
	}
	return res
}

// checkProductPage rejects an empty page when the page's totalCount
// counts records on it. Ending the pull there would leave the missing
// products out of the snapshot, and the mirror would delete their
// documents. The error wraps errProductPageEmpty, which is retryable.
func checkProductPage(page sps.Page[sps.Product], pageNumber int) error {
	size := page.PageSize
	if size <= 0 {
		size = sps.MaxPageSize
	}
	if page.Listed() == 0 && (pageNumber-1)*size < page.TotalCount {
		return fmt.Errorf("query SPS products, page %d: %w (totalCount %d, page size %d)",
			pageNumber, errProductPageEmpty, page.TotalCount, size)
	}
	return nil
}

// checkProductTotal rejects a page whose totalCount is less than the
// records up to its end, as when SPS leaves totalCount out, and a page
// whose totalCount differs from page 1's. The pull ends by totalCount,
// and a product missed because records moved between pages would be
// removed from every sink as deleted. The errors wrap
// errProductCatalogueIncomplete, which is retryable.
//
// NOTE: a delete and a create between two pages keep totalCount, so a
// product that moves to a page already read can still be missed.
func checkProductTotal(page sps.Page[sps.Product], pageNumber, firstTotal int) error {
	size := page.PageSize
	if size <= 0 {
		size = sps.MaxPageSize
	}
	if upTo := (pageNumber-1)*size + page.Listed(); page.TotalCount < upTo {
		return fmt.Errorf("query SPS products, page %d: %w: totalCount %d is less than the %d records up to "+
			"this page", pageNumber, errProductCatalogueIncomplete, page.TotalCount, upTo)
	}
	if page.TotalCount != firstTotal {
		return fmt.Errorf("query SPS products, page %d: %w: totalCount changed from %d to %d during the pull, "+
			"so products may have moved between pages", pageNumber, errProductCatalogueIncomplete, firstTotal,
			page.TotalCount)
	}
	return nil
}

// checkPullComplete rejects a pull that read fewer distinct products than
// SPS's totalCount, or none at all. A record whose id cannot be read
// counts as one. The pull compares the catalogue with the record of
// earlier runs, and a product it did not read would be archived in
// HubSpot and deleted from Square and the mirror. An empty
// catalogue is taken as an SPS fault, never as every product deleted.
func checkPullComplete(distinct, totalCount int) error {
	if distinct == 0 {
		return fmt.Errorf("query SPS products: %w: SPS listed no products (totalCount %d)",
			errProductCatalogueIncomplete, totalCount)
	}
	if distinct < totalCount {
		return fmt.Errorf("query SPS products: %w: read %d distinct products but totalCount is %d",
			errProductCatalogueIncomplete, distinct, totalCount)
	}
	return nil
}

// errProductCatalogueIncomplete is a product pull that cannot show it
// read the whole SPS catalogue, a transient fault that a new pull can get
// past.
var errProductCatalogueIncomplete = errors.New("the SPS product catalogue was read incompletely")

// errProductPageEmpty is an empty SPS product page before the end of the
// catalogue, a transient SPS fault that a new pull can get past.
var errProductPageEmpty = errors.New("page is empty but totalCount counts records on it")
