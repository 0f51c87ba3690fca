/*
 * LeadRelay embed: add a LeadRelay form to any page with one script tag and one element.
 *
 *   <div data-leadrelay-form="contact" data-partner="acme"></div>
 *   <script src="https://forms.example.com/embed.js" async></script>
 *
 * The form loads in an iframe that grows to its content's height. When a visitor's submission is
 * accepted, the element fires a `leadrelay:submitted` event (detail: { formId }) that bubbles.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = new URL(script ? script.src : "/", location.href).origin;

  function mount(element) {
    if (element.getAttribute("data-leadrelay-mounted")) return;
    element.setAttribute("data-leadrelay-mounted", "true");
    var formId = element.getAttribute("data-leadrelay-form");
    // The host page's origin and path plus its utm_* parameters: no fragment, no other query (it may hold personal data).
    var page = new URL(location.origin + location.pathname);
    new URLSearchParams(location.search).forEach(function (value, name) {
      if (/^utm_[a-z]+$/.test(name)) page.searchParams.append(name, value);
    });
    var query = new URLSearchParams({ page: page.toString() });
    if (document.referrer) query.set("referrer", new URL(document.referrer).origin + "/");
    var partner = element.getAttribute("data-partner");
    if (partner) query.set("partner", partner);

    var frame = document.createElement("iframe");
    frame.src = origin + "/embed/" + encodeURIComponent(formId) + "?" + query.toString();
    frame.title = element.getAttribute("data-title") || "Contact form";
    frame.loading = "lazy";
    frame.style.cssText = "width:100%;border:0;display:block;height:640px;overflow:hidden";
    element.appendChild(frame);

    window.addEventListener("message", function (event) {
      // Only this iframe, served from the LeadRelay origin, may resize it or announce a submission.
      if (event.origin !== origin || event.source !== frame.contentWindow || !event.data) return;
      if (event.data.type === "leadrelay:height" && typeof event.data.height === "number") {
        frame.style.height = Math.max(0, Math.min(event.data.height, 10000)) + "px";
      } else if (event.data.type === "leadrelay:submitted") {
        element.dispatchEvent(new CustomEvent("leadrelay:submitted", { bubbles: true, detail: { formId: event.data.formId } }));
      }
    });
  }

  function mountAll() {
    var elements = document.querySelectorAll("[data-leadrelay-form]");
    for (var i = 0; i < elements.length; i++) mount(elements[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
