/* Văn phòng số: the page behaviour the templates declare with data- attributes (the
   Content-Security-Policy allows no inline script or onclick=), and Django's CSRF token with
   every htmx request.
   Read the cookie first (it stays current if the token rotates at login in another tab), then the
   <meta name="csrf-token"> that templates/base.html renders. */
(function () {
  "use strict";

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) {
      return decodeURIComponent(match[1]);
    }
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token) {
      event.detail.headers["X-CSRFToken"] = token;
    }
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-office-print]")) {
      window.print();
    }
  });
})();
