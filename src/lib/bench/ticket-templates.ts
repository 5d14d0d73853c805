/** Requests a bench dataset is made of: realistic subjects and bodies, by category. */
export interface TicketTemplate {
  category: string;
  subject: string;
  body: string;
}

export const TICKET_TEMPLATES: readonly TicketTemplate[] = [
  {
    category: "account",
    subject: "Cannot log in after password reset",
    body: "Hi, I reset my password this morning and now the login page keeps saying my credentials are invalid. I tried two browsers and cleared cookies. My colleagues can log in fine. Could you check whether my account is locked? I need access before our quarterly review.",
  },
  {
    category: "billing",
    subject: "Invoice shows the wrong amount",
    body: "Hello, our latest invoice charges us for 45 seats but we reduced the plan to 30 seats at the start of the month. Please correct the invoice and confirm the new amount. Our finance team cannot approve the payment until this is fixed. Thanks in advance.",
  },
  {
    category: "technical",
    subject: "Export to CSV fails with an error",
    body: "When I export the monthly report to CSV the download stops at about 80% and the page shows 'Something went wrong'. It worked last week. The report has roughly 20,000 rows. Smaller exports still work. Is there a limit I am hitting, or is this a bug on your side?",
  },
  {
    category: "shipping",
    subject: "Order has not arrived yet",
    body: "My order was marked as shipped eight days ago but the tracking number has not updated since it left the warehouse. The delivery estimate was three to five days. Can you check with the carrier and let me know where the parcel is? I need it for an event next week.",
  },
  {
    category: "technical",
    subject: "Application is very slow since the update",
    body: "Since yesterday's update every page takes ten seconds or more to load, and the dashboard sometimes times out completely. This affects our whole support team of twelve people. We have not changed anything on our side. Please treat this as urgent; customers are waiting.",
  },
  {
    category: "billing",
    subject: "Request a refund for a duplicate payment",
    body: "We were charged twice for the annual subscription on the same day; both payments appear on our card statement with the same reference. Please refund the duplicate charge to the original card and send a confirmation for our records. Our account owner is cc'd on this email.",
  },
  {
    category: "account",
    subject: "Please add two new users to our team",
    body: "Hi team, we have two new colleagues starting on Monday. Could you add them to our workspace with the same permissions as the existing agents? Their names and email addresses are in the attached spreadsheet. Let me know if you need approval from our administrator first.",
  },
  {
    category: "technical",
    subject: "Integration stopped syncing contacts",
    body: "The CRM integration stopped syncing new contacts three days ago. The settings page still shows the connection as active and there is no error message. Contacts created before Friday are there; newer ones are missing. We re-authorised the integration but nothing changed.",
  },
  {
    category: "shipping",
    subject: "Wrong item delivered",
    body: "The package we received today contains a different model from the one we ordered: we ordered the large version and received the small one. The packaging was sealed. How do we return it, and can you send the correct item right away without waiting for the return?",
  },
  {
    category: "feature_request",
    subject: "Question about custom fields on forms",
    body: "Is it possible to add a custom dropdown field to the customer portal form, so customers can pick the product they are writing about? We would also like that field to be required. If this is not available yet, please consider it as a feature request from our team.",
  },
];

/** Categories in the templates' proportions (technical 30 %, account, billing and shipping 20 % each, feature requests 10 %). */
export const TICKET_CATEGORIES: readonly string[] = TICKET_TEMPLATES.map((t) => t.category);
