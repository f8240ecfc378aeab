// Package ordermap maps Square orders and customers to the HubSpot deal,
// line item and contact properties that order sync writes. It is pure: it
// performs no I/O, and the caller decides what to create, update or skip.
package ordermap

// Custom HubSpot properties written by order sync. HubSpot schema setup
// creates them with the types and unique-value flags noted here.
const (
	// PropSquareOrderID is the deal's Square order id, a unique-value string
	// and the deal's dedup key.
	PropSquareOrderID = "square_order_id"
	// PropSquareClosedAt is the deal's Square closed_at, a datetime.
	PropSquareClosedAt = "square_closed_at"
	// PropPaymentMethod is the deal's tender types, a string such as
	// "CARD;CASH".
	PropPaymentMethod = "payment_method"
	// PropLineItemUID is the line item's "<order id>:<line uid or index>", a
	// unique-value string.
	PropLineItemUID = "square_line_item_uid"
	// PropCatalogObjectID is the line item's Square ITEM_VARIATION id.
	PropCatalogObjectID = "square_catalog_object_id"
	// PropSquareCustomerID is the contact's Square customer id, a
	// unique-value string.
	PropSquareCustomerID = "square_customer_id"
	// PropPhoneE164 is the contact's phone in E.164 form, a unique-value
	// string.
	PropPhoneE164 = "phone_e164"
	// PropLastPurchaseDate is the contact's newest purchase day, a date.
	PropLastPurchaseDate = "last_purchase_date"
	// PropVIPCustomer marks a contact with a large order, a bool.
	PropVIPCustomer = "vip_customer"
	// PropCompanyKey is the company match key from CompanyKey,
	// "domain:<domain>" or "name:<normalised name>", a unique-value string.
	PropCompanyKey = "square_company_key"
	// LeadStatusSquarePOS is the hs_lead_status option for contacts first
	// seen at the point of sale. Order sync sets it only on contacts whose
	// lead status is blank.
	LeadStatusSquarePOS = "SQUARE_POS"
)

// Standard HubSpot properties written by order sync.
const (
	// PropDealName is the deal's name.
	PropDealName = "dealname"
	// PropAmount is the deal's amount in major currency units.
	PropAmount = "amount"
	// PropPipeline is the deal's pipeline id.
	PropPipeline = "pipeline"
	// PropDealStage is the deal's stage id.
	PropDealStage = "dealstage"
	// PropCloseDate is the deal's close date, a datetime.
	PropCloseDate = "closedate"
	// PropLineItemName is the line item's display name.
	PropLineItemName = "name"
	// PropQuantity is the line item's quantity, a decimal number.
	PropQuantity = "quantity"
	// PropPrice is the line item's unit price in major currency units.
	PropPrice = "price"
	// PropFirstName is the contact's first name.
	PropFirstName = "firstname"
	// PropLastName is the contact's last name.
	PropLastName = "lastname"
	// PropEmail is the contact's primary e-mail address.
	PropEmail = "email"
	// PropPhone is the contact's phone number.
	PropPhone = "phone"
	// PropCompany is the contact's company name as typed.
	PropCompany = "company"
	// PropLeadStatus is the contact's lead status, an enumeration that
	// includes LeadStatusSquarePOS.
	PropLeadStatus = "hs_lead_status"
)
