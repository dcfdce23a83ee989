// Cuts a rendered page into what SPA navigation sends: the inside of its <main> and its <title>.

const MAIN_OPEN = /<main\b[^>]*>/i;
const MAIN_CLOSE = /<\/main\s*>/gi;
const TITLE = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i;

/** The content of the page's <main> element (HTML allows one per page), or null when it has none. */
export function mainContent(page: string): string | null {
  const open = MAIN_OPEN.exec(page);
  if (!open) return null;
  const start = open.index + open[0].length;
  let end = -1;
  for (const m of page.matchAll(MAIN_CLOSE)) end = m.index!;
  return end >= start ? page.slice(start, end) : null;
}

export function pageTitle(page: string): string | null {
  const m = TITLE.exec(page);
  return m ? decodeEntities(m[1]!.trim()) : null;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
