// Which pages may open a socket: the Origin header, compared by scheme, host and port.
//
// A browser always sends Origin on a WebSocket upgrade and page scripts cannot forge it, so it tells which site's
// page is connecting. The page's own origin is accepted when its host is in ALLOWED_HOSTS (a Host header outside
// them is refused too, which defeats DNS rebinding); any other origin must be listed in CSRF_TRUSTED_ORIGINS.

import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import type { Settings } from "../../settings.ts";

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

export function checkOrigin(req: IncomingMessage, settings: Settings): OriginVerdict {
  const origin = req.headers.origin;
  if (origin === undefined) {
    return settings.LIVEVIEW_ALLOW_MISSING_ORIGIN
      ? { ok: true }
      : {
          ok: false,
          reason:
            "the Origin header is missing (browsers always send it; set LIVEVIEW_ALLOW_MISSING_ORIGIN for other clients)",
        };
  }
  const given = parseOrigin(origin);
  if (!given) return { ok: false, reason: `Origin ${origin} is not a scheme://host[:port] origin` };
  const own = parseOrigin(`${requestScheme(req, settings)}://${req.headers.host ?? ""}`);
  if (own && hostAllowed(own.host, settings.ALLOWED_HOSTS) && sameOrigin(given, own)) return { ok: true };
  if (settings.CSRF_TRUSTED_ORIGINS.some((entry) => trusted(given, entry))) return { ok: true };
  return {
    ok: false,
    reason: `Origin ${origin} is not this site (Host ${req.headers.host ?? "missing"}) and not in CSRF_TRUSTED_ORIGINS`,
  };
}

interface Origin {
  scheme: string;
  host: string;
  port: string;
}

/** An origin (scheme://host[:port], nothing more), with the scheme's default port made explicit. */
function parseOrigin(text: string): Origin | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (/^[a-z]+:\/\/[^/]*@/i.test(text) || !/^[a-z]+:\/\/[^/?#]+$/i.test(text)) return null;
  const scheme = url.protocol.slice(0, -1);
  return { scheme, host: url.hostname, port: url.port || defaultPort(scheme) };
}

function defaultPort(scheme: string): string {
  return scheme === "https" ? "443" : "80";
}

function sameOrigin(a: Origin, b: Origin): boolean {
  return a.scheme === b.scheme && a.host === b.host && a.port === b.port;
}

/** `example.com` exactly; `.example.com` is example.com and its subdomains; `*` is any host. */
export function hostAllowed(host: string, allowed: string[]): boolean {
  return allowed.some(
    (entry) =>
      entry === "*" || entry === host || (entry.startsWith(".") && (host.endsWith(entry) || host === entry.slice(1))),
  );
}

/** An entry is an exact origin (`https://app.example.com:8443`), or `https://.example.com` for every subdomain. */
function trusted(given: Origin, entry: string): boolean {
  const match = /^(https?):\/\/(\.?[^/:]+)(?::(\d+))?\/?$/.exec(entry.toLowerCase());
  if (!match) return false;
  const [, scheme, host, port] = match as unknown as [string, string, string, string | undefined];
  if (given.scheme !== scheme || given.port !== (port ?? defaultPort(scheme))) return false;
  return host.startsWith(".") ? given.host.endsWith(host) || given.host === host.slice(1) : given.host === host;
}

/** https when the connection is TLS, or when SECURE_PROXY_SSL_HEADER names a header a trusted proxy sets to https. */
function requestScheme(req: IncomingMessage, settings: Settings): string {
  if ((req.socket as TLSSocket).encrypted) return "https";
  const header = settings.SECURE_PROXY_SSL_HEADER;
  if (
    header &&
    String(req.headers[header.toLowerCase()] ?? "")
      .split(",")[0]!
      .trim() === "https"
  )
    return "https";
  return "http";
}
