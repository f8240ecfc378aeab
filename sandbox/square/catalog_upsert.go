package square

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
	"unicode/utf8"

	square "github.com/square/square-go-sdk"
)

// Limits of BatchUpsertCatalogObjects. Square's spec describes the object
// count as "items, variations, modifier lists, discounts, and taxes", so
// variations nested in an item count as objects too.
const (
	maxCatalogBatchObjects   = 1000
	maxCatalogRequestObjects = 10000
	maxIdempotencyKeyLength  = 128
	// maxCatalogWriteBodyBytes caps a batch-upsert body. Square publishes
	// no cap, and 10,000 objects of about 1 KiB each fit well within it.
	maxCatalogWriteBodyBytes = 32 << 20
)

// catalogReplyTTL is how long a successful upsert's response is kept for
// replay under its idempotency key.
//
// NOTE: Square does not publish how long it remembers idempotency keys,
// so 24 hours is the simulator's choice.
const catalogReplyTTL = 24 * time.Hour

// catalogReply is the stored response of a successful upsert. Digest
// fingerprints the request that produced it.
type catalogReply struct {
	Digest string          `json:"digest"`
	Body   json.RawMessage `json:"body"`
	At     time.Time       `json:"at"`
}

// catalogFailure is a rejected catalog write: the status and the Square
// error entry to send.
type catalogFailure struct {
	status int
	err    *square.Error
}

func rejectCatalog(status int, code square.ErrorCode, field, format string, args ...any) *catalogFailure {
	return &catalogFailure{status: status, err: invalidRequest(code, field, format, args...)}
}

// batchUpsertCatalog serves POST /v2/catalog/batch-upsert. The request is
// checked whole before anything is written, so one invalid object or one
// stale version fails every batch of the request. Square's spec says
// batches are independent, but field reports describe whole-request
// failures, and all-or-nothing is the case a client must survive.
func (s *Simulator) batchUpsertCatalog(w http.ResponseWriter, r *http.Request) {
	var req square.BatchUpsertCatalogObjectsRequest
	if e, status := decodeBody(w, r, maxCatalogWriteBodyBytes, &req); e != nil {
		writeErrors(w, status, e)
		return
	}
	if f := checkUpsertShape(&req); f != nil {
		writeErrors(w, f.status, f.err)
		return
	}
	raw, err := json.Marshal(&req)
	if err != nil {
		writeErrors(w, http.StatusBadRequest, invalidRequest(square.ErrorCodeBadRequest, "",
			"The request cannot be encoded: %v.", err))
		return
	}
	sum := sha256.Sum256(raw)

	release, ok := s.beginCatalogWrite(w, r)
	if !ok {
		return
	}
	// The slot is free before the response leaves, so a client that
	// sends its next write on receipt is not refused.
	status, body := s.upsertCatalog(&req, hex.EncodeToString(sum[:]))
	release()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// checkUpsertShape enforces the request limits that need no catalog
// state: the idempotency key and the object counts.
func checkUpsertShape(req *square.BatchUpsertCatalogObjectsRequest) *catalogFailure {
	if n := utf8.RuneCountInString(req.IdempotencyKey); n == 0 {
		return rejectCatalog(http.StatusBadRequest, square.ErrorCodeMissingRequiredParameter, "idempotency_key",
			"idempotency_key is required and must be 1 to %d characters.", maxIdempotencyKeyLength)
	} else if n > maxIdempotencyKeyLength {
		return rejectCatalog(http.StatusBadRequest, square.ErrorCodeValueTooLong, "idempotency_key",
			"idempotency_key has %d characters, but the maximum is %d.", n, maxIdempotencyKeyLength)
	}
	if len(req.Batches) == 0 {
		return rejectCatalog(http.StatusBadRequest, square.ErrorCodeMissingRequiredParameter, "batches",
			"batches requires at least one batch.")
	}

	total := 0
	for i, batch := range req.Batches {
		field := fmt.Sprintf("batches[%d].objects", i)
		if batch == nil || len(batch.Objects) == 0 {
			return rejectCatalog(http.StatusBadRequest, square.ErrorCodeArrayLengthTooShort, field,
				"%s requires at least one object.", field)
		}
		count := 0
		for j, object := range batch.Objects {
			if object == nil {
				return rejectCatalog(http.StatusBadRequest, square.ErrorCodeInvalidValue,
					fmt.Sprintf("%s[%d]", field, j), "%s[%d] is null.", field, j)
			}
			count += catalogObjectCount(object)
		}
		if count > maxCatalogBatchObjects {
			return rejectCatalog(http.StatusBadRequest, square.ErrorCodeArrayLengthTooLong, field,
				"%s has %d objects, nested variations included, but the maximum per batch is %d.",
				field, count, maxCatalogBatchObjects)
		}
		total += count
	}
	if total > maxCatalogRequestObjects {
		return rejectCatalog(http.StatusBadRequest, square.ErrorCodeArrayLengthTooLong, "batches",
			"The request has %d objects, nested variations included, but the maximum is %d.",
			total, maxCatalogRequestObjects)
	}
	return nil
}

// catalogObjectCount counts object and the variations nested in it.
func catalogObjectCount(object *square.CatalogObject) int {
	if object.Item == nil || object.Item.ItemData == nil {
		return 1
	}
	return 1 + len(object.Item.ItemData.Variations)
}

// upsertCatalog replays the stored response for a known idempotency key,
// or plans and applies the write. It returns the status and body to send.
func (s *Simulator) upsertCatalog(req *square.BatchUpsertCatalogObjectsRequest, digest string) (int, []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()

	now := s.clock()
	s.data.expireCatalogReplies(now)
	if reply, ok := s.data.catalogReplies[req.IdempotencyKey]; ok {
		if reply.Digest == digest {
			return http.StatusOK, reply.Body
		}
		return encodeFailure(rejectCatalog(http.StatusBadRequest, square.ErrorCodeIdempotencyKeyReused,
			"idempotency_key", "idempotency_key %q was already used for a different request.",
			req.IdempotencyKey))
	}

	// A failed plan must not use up versions or ids.
	savedVersion, savedSeq := s.data.catalogVersion, s.data.catalogSeq
	plan, failure := s.data.planUpsert(req, now)
	if failure == nil {
		var body []byte
		body, failure = plan.responseBody()
		if failure == nil {
			s.data.applyUpsert(plan)
			s.data.catalogReplies[req.IdempotencyKey] = &catalogReply{Digest: digest, Body: body, At: now}
			return http.StatusOK, body
		}
	}
	s.data.catalogVersion, s.data.catalogSeq = savedVersion, savedSeq
	return encodeFailure(failure)
}

// expireCatalogReplies deletes stored responses older than catalogReplyTTL.
func (d *dataset) expireCatalogReplies(now time.Time) {
	for key, reply := range d.catalogReplies {
		if now.Sub(reply.At) > catalogReplyTTL {
			delete(d.catalogReplies, key)
		}
	}
}

// encodeFailure returns the status and Square error envelope of f.
func encodeFailure(f *catalogFailure) (int, []byte) {
	body, err := json.Marshal(errorEnvelope{Errors: []*square.Error{f.err}})
	if err != nil {
		const internal = `{"errors":[{"category":"API_ERROR","code":"INTERNAL_SERVER_ERROR"}]}`
		return http.StatusInternalServerError, []byte(internal)
	}
	return f.status, body
}
