// What a view returns: status, headers and body, with helpers for the usual cases.

export class HttpResponse {
  readonly headers: Record<string, string | string[]>;
  constructor(
    public body: string | Buffer,
    public status = 200,
    headers: Record<string, string | string[]> = {},
  ) {
    this.headers = { "Content-Type": "text/html; charset=utf-8", ...headers };
  }

  get isHtml(): boolean {
    return String(this.headers["Content-Type"]).startsWith("text/html");
  }
}

export const html = (body: string, status = 200) => new HttpResponse(body, status);
export const text = (body: string, status = 200) =>
  new HttpResponse(body, status, { "Content-Type": "text/plain; charset=utf-8" });
export const json = (value: unknown, status = 200) =>
  new HttpResponse(JSON.stringify(value), status, { "Content-Type": "application/json" });
export const redirect = (location: string, status = 302) => new HttpResponse("", status, { Location: location });
