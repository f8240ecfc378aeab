package square

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	square "github.com/square/square-go-sdk"
)

// cursorToken is the decoded form of a SearchOrders cursor. It is
// base64url JSON, opaque to clients.
type cursorToken struct {
	// Query is the digest of the request the cursor continues.
	Query string `json:"q"`
	// End is the frozen upper bound of an open time range, RFC 3339.
	End string `json:"e,omitempty"`
	// Time and ID are the sort key of the last order already returned.
	Time string `json:"t"`
	ID   string `json:"i"`
}

func (c cursorToken) encode() string {
	raw, _ := json.Marshal(c) // a struct of strings always encodes
	return base64.RawURLEncoding.EncodeToString(raw)
}

func decodeCursor(s string) (cursorToken, bool) {
	var c cursorToken
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(raw, &c) != nil || c.Query == "" || c.ID == "" {
		return cursorToken{}, false
	}
	return c, true
}

// queryDigest fingerprints every request field except the cursor, so a
// cursor only continues the exact request that produced it.
func queryDigest(req *square.SearchOrdersRequest) string {
	withoutCursor := *req
	withoutCursor.Cursor = nil
	raw, _ := json.Marshal(&withoutCursor) // decoded from JSON, so it encodes
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:16])
}

// orderKey is an order's position in the sort: timestamp, then id.
type orderKey struct {
	t  time.Time
	id string
}

func (k orderKey) compare(other orderKey, descending bool) int {
	c := k.t.Compare(other.t)
	if c == 0 {
		c = strings.Compare(k.id, other.id)
	}
	if descending {
		return -c
	}
	return c
}

// searchOrders serves POST /v2/orders/search.
func (s *Simulator) searchOrders(w http.ResponseWriter, r *http.Request) {
	var req square.SearchOrdersRequest
	if e, status := decodeBody(w, r, maxAPIBodyBytes, &req); e != nil {
		writeErrors(w, status, e)
		return
	}

	resp, e := s.runOrderSearch(&req)
	if e != nil {
		writeErrors(w, http.StatusBadRequest, e)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// runOrderSearch validates the request and cursor and builds one page.
// Stored orders are never modified, so the page is safe to encode after
// the lock is released.
func (s *Simulator) runOrderSearch(
	req *square.SearchOrdersRequest,
) (*square.SearchOrdersResponse, *square.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()

	q, e := parseOrderQuery(req, s.data.locations)
	if e != nil {
		return nil, e
	}
	now := s.clock()
	digest := queryDigest(req)
	var after *orderKey
	end := q.end
	if req.Cursor != nil {
		c, e := resumeCursor(*req.Cursor, digest, q)
		if e != nil {
			return nil, e
		}
		after = &orderKey{t: c.t, id: c.id}
		if c.end != nil {
			end = c.end
		}
	} else if q.openEnd {
		end = &now
	}

	page, next := s.pageOrders(q, now, end, after)
	return ordersResponse(q, page, next, digest, end), nil
}

// resumedCursor is a validated cursor.
type resumedCursor struct {
	t   time.Time
	id  string
	end *time.Time
}

func resumeCursor(raw, digest string, q *orderQuery) (*resumedCursor, *square.Error) {
	invalid := invalidRequest(square.ErrorCodeInvalidCursor, "cursor",
		"The cursor is invalid or was issued for a different query, so resend the original query with it.")
	c, ok := decodeCursor(raw)
	if !ok || c.Query != digest {
		return nil, invalid
	}
	t, err := time.Parse(time.RFC3339Nano, c.Time)
	if err != nil {
		return nil, invalid
	}
	out := &resumedCursor{t: t, id: c.ID}
	if q.openEnd {
		end, err := time.Parse(time.RFC3339Nano, c.End)
		if err != nil {
			return nil, invalid
		}
		out.end = &end
	}
	return out, nil
}

// pageOrders returns up to q.limit matching orders after the key, and the
// key of the last one when more remain.
func (s *Simulator) pageOrders(
	q *orderQuery, now time.Time, end *time.Time, after *orderKey,
) ([]*storedOrder, *orderKey) {
	var matched []*storedOrder
	for _, o := range s.data.orders {
		if q.matches(o, now, end) {
			matched = append(matched, o)
		}
	}
	key := func(o *storedOrder) orderKey { return orderKey{t: q.sortTime(o), id: *o.order.ID} }
	slices.SortFunc(matched, func(a, b *storedOrder) int {
		return key(a).compare(key(b), q.descending)
	})

	start := 0
	if after != nil {
		start, _ = slices.BinarySearchFunc(matched, *after, func(o *storedOrder, k orderKey) int {
			// Treat the cursor's own position as "before" so the search
			// lands on the first order strictly after it.
			if c := key(o).compare(k, q.descending); c != 0 {
				return c
			}
			return -1
		})
	}
	stop := min(start+q.limit, len(matched))
	page := matched[start:stop]
	if stop == len(matched) {
		return page, nil
	}
	last := key(page[len(page)-1])
	return page, &last
}

// ordersResponse builds the response body. The cursor field is left out,
// not empty, on the last page.
func ordersResponse(
	q *orderQuery, page []*storedOrder, next *orderKey, digest string, end *time.Time,
) *square.SearchOrdersResponse {
	resp := &square.SearchOrdersResponse{}
	for _, o := range page {
		if q.entries {
			resp.OrderEntries = append(resp.OrderEntries, &square.OrderEntry{
				OrderID:    o.order.ID,
				Version:    o.order.Version,
				LocationID: square.String(o.order.LocationID),
			})
			continue
		}
		resp.Orders = append(resp.Orders, o.order)
	}
	if next == nil {
		return resp
	}

	token := cursorToken{Query: digest, Time: next.t.Format(time.RFC3339Nano), ID: next.id}
	if q.openEnd && end != nil {
		token.End = end.Format(time.RFC3339Nano)
	}
	resp.Cursor = square.String(token.encode())
	return resp
}
