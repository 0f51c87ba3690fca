// The site's plain privacy notice, served at /privacy: the notice every form links to unless PRIVACY_NOTICE_URL (or a
// form's privacyNoticeUrl) names another. Replace it with your organisation's own words.
export const privacyNotice = {
  title: "Privacy notice",
  updated: "2026-12-04",
  sections: [
    {
      heading: "What we collect",
      body: "The details you type into a form on this site, the page you sent it from, where you came from (such as a campaign link), and, if you tick a consent box, that choice with the exact wording you saw, the time, your browser's name and a keyed hash of your internet address (the address itself is not kept).",
    },
    {
      heading: "Why",
      body: "To answer your request. We contact you by e-mail or text message for marketing only if you ticked the box for that channel; each box covers only the channels it names.",
    },
    {
      heading: "Who receives it",
      body: "Your details go to our customer-relationship system (HighLevel / LeadConnector) and to the people on our team who reply. We do not sell them.",
    },
    {
      heading: "How long we keep it",
      body: "The copy kept by this site loses your personal details 90 days after it reached our team, unless the law requires otherwise.",
    },
    {
      heading: "Your rights",
      body: "You may ask for a copy of what we hold about you, ask us to correct or erase it, and withdraw consent at any time (reply STOP to a text message, or use the unsubscribe link in an e-mail). Write to us at the address in the footer of our e-mails.",
    },
  ],
};
