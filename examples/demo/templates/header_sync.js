// SPA navigation replaces <main> only: this script comes with every page's main and brings the header up to date
// (the nav item marked current, and the links that return here after signing in or changing language).
for (const a of document.querySelectorAll("#nav a")) {
  if (a.pathname === location.pathname) a.setAttribute("aria-current", "page");
  else a.removeAttribute("aria-current");
}
for (const a of document.querySelectorAll("a[data-next]")) {
  a.search = "?next=" + encodeURIComponent(location.pathname);
}
