// Turns the plain SPARQL form into YASGUI (editor and result views), pointed at this server's
// read-only protocol endpoint. Without the script the form still runs queries.
(function () {
  "use strict";
  var el = document.getElementById("yasgui");
  var form = document.getElementById("sparql-form");
  if (!el || typeof window.Yasgui !== "function") { return; }
  var query = form ? form.querySelector("textarea").value : "";
  var yasgui = new window.Yasgui(el, {
    requestConfig: { endpoint: el.getAttribute("data-endpoint"), method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return []; } },
    persistenceId: null
  });
  var tab = yasgui.getTab();
  if (tab && query) { tab.setQuery(query); }
  if (form) { form.hidden = true; }
}());
