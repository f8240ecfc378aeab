package sps

// Customer is an SPS customer record as the API returns it. Numbers and
// dates come as JSON numbers or strings, and as "" when unset.
type Customer struct {
	ID               int64    `json:"id"`
	Code             string   `json:"code,omitempty"`
	Name             string   `json:"name,omitempty"`
	ContactName      string   `json:"contactName,omitempty"`
	Type             string   `json:"type,omitempty"`
	Status           string   `json:"status,omitempty"`
	PriceLevel       string   `json:"priceLevel,omitempty"`
	PaymentTerms     string   `json:"paymentTerms,omitempty"`
	CreditLimit      Decimal  `json:"creditLimit"`
	PrimarySalesRep  string   `json:"primarySalesRep,omitempty"`
	SalesRepName     string   `json:"salesRepName,omitempty"`
	SalesRepID       Decimal  `json:"salesRepId"`
	IsTaxExempt      bool     `json:"isTaxExempt"`
	Email            string   `json:"email,omitempty"`
	Phone            string   `json:"phone,omitempty"`
	ParentCustomerID Decimal  `json:"parentCustomerId"`
	BillingAddress   *Address `json:"billingAddress,omitempty"`
	ShippingAddress  *Address `json:"shippingAddress,omitempty"`
	ModifiedDate     Time     `json:"modifiedDate"`
}

// Address is a postal address of a customer.
type Address struct {
	Line1      string `json:"line1,omitempty"`
	Line2      string `json:"line2,omitempty"`
	City       string `json:"city,omitempty"`
	State      string `json:"state,omitempty"`
	PostalCode string `json:"postalCode,omitempty"`
	Country    string `json:"country,omitempty"`
}

// Quote is an SPS quote with its lines.
type Quote struct {
	ID                int64   `json:"id"`
	TransactionNumber string  `json:"transactionNumber,omitempty"`
	OpportunityID     Decimal `json:"opportunityID"`
	OpportunityNumber string  `json:"opportunityNumber,omitempty"`
	CustomerID        Decimal `json:"customerID"`
	Customer          string  `json:"customer,omitempty"`
	JobName           string  `json:"jobName,omitempty"`
	Total             Decimal `json:"total"`
	QuoteDate         Time    `json:"quoteDate"`
	ExpiryDate        Time    `json:"expiryDate"`
	TransactionStatus string  `json:"transactionStatus,omitempty"`
	// Stage is "won", "lost" or, in most records, null.
	Stage            *string      `json:"stage"`
	PrimarySalesRep  string       `json:"primarySalesRep,omitempty"`
	ProjectTypeValue string       `json:"projectTypeValue,omitempty"`
	ModifiedDate     Time         `json:"modifiedDate"`
	SalesOrders      []SalesOrder `json:"salesOrders,omitempty"`
	ClosedLostReason string       `json:"closedLostReason,omitempty"`
	Lines            []QuoteLine  `json:"lines,omitempty"`
	// ExternalReference is the source a quote was created from, such as
	// "hubspot-deal-123", set by CreateQuote. It is an assumed field of
	// the proposed create endpoint.
	ExternalReference string `json:"externalReference,omitempty"`
}

// SalesOrder names a sales order a quote was converted into.
type SalesOrder struct {
	Number string `json:"number"`
}

// QuoteLine is one line of a quote.
type QuoteLine struct {
	ItemID      Decimal `json:"itemId"`
	SKU         string  `json:"sku,omitempty"`
	Description string  `json:"description,omitempty"`
	Quantity    Decimal `json:"quantity"`
	UnitPrice   Decimal `json:"unitPrice"`
}

// Product is one SKU of the SPS catalogue.
type Product struct {
	ID              int64   `json:"id"`
	SKU             string  `json:"sku,omitempty"`
	Name            string  `json:"name,omitempty"`
	Category        string  `json:"category,omitempty"`
	Subcategory     string  `json:"subcategory,omitempty"`
	Type            string  `json:"type,omitempty"`
	Color           string  `json:"color,omitempty"`
	Finish          string  `json:"finish,omitempty"`
	Thickness       string  `json:"thickness,omitempty"`
	Dimensions      string  `json:"dimensions,omitempty"`
	PriceWholesale  Decimal `json:"priceWholesale"`
	PriceContractor Decimal `json:"priceContractor"`
	Supplier        string  `json:"supplier,omitempty"`
	Brand           string  `json:"brand,omitempty"`
	Origin          string  `json:"origin,omitempty"`
	ImageURL        string  `json:"imageUrl,omitempty"`
	Status          string  `json:"status,omitempty"`
	ModifiedDate    Time    `json:"modifiedDate"`
	// Description is free text typed by ERP users, and it can mention prices.
	// NOTE: the field name is assumed, because the known product fields
	// of the SPS integration do not include a description.
	Description string `json:"description,omitempty"`
}
