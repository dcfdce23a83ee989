// SPA navigation replaces <main> only: this script comes with every page's main and brings the header up to date
// (the nav item marked current, and the links that return here after signing in or changing language).
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
  a.setAttribute("href", a.pathname + "?next=" + encodeURIComponent(location.pathname));
}
