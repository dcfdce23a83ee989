// Addresses the client loads itself (redirects, navigation without a socket): only web pages. A `javascript:` or
// `data:` URL handed to `location` would run in this page, with its cookies and its socket.

const WEB_PROTOCOLS = ["http:", "https:"];

/** `url` (relative or absolute) made absolute when it is an http(s) address, else null. */
export function webUrl(url: string): string | null {
  try {
    const parsed = new URL(url, location.href);
    return WEB_PROTOCOLS.includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}
