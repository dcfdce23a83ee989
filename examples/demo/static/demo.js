// The demo's one script of its own: keeps the header (outside <main>) in step with the page SPA navigation shows.
// Each page's <main> ends by calling it (see base.html), since navigation replaces <main> only; on a full load it
// runs once here.

window.demoHeaderSync = function () {
  for (const a of document.querySelectorAll("#nav a")) {
    if (a.pathname !== location.pathname) {
      a.removeAttribute("aria-current");
      continue;
    }
    a.setAttribute("aria-current", "page");
    // On a phone the nav is one row that scrolls sideways: bring the current page's item into it.
    const row = a.closest("ul");
    if (a.offsetLeft + a.offsetWidth > row.scrollLeft + row.clientWidth) row.scrollLeft = a.offsetLeft;
  }
  for (const a of document.querySelectorAll("a[data-next]")) {
    // Signing in from the sign-in page itself comes back to the home page, not to the form.
    const next =
      a.pathname === "/login" && location.pathname === "/login" ? "" : "?next=" + encodeURIComponent(location.pathname);
    a.setAttribute("href", a.pathname + next);
  }
};
window.demoHeaderSync();
