// render(): a template as an HTML response, with the request, user, room and CSRF token in its context.

import { csrfToken } from "../session/csrf.ts";
import type { Request } from "./request.ts";
import { HttpResponse } from "./response.ts";

export async function render(
  request: Request,
  template: string,
  context: Record<string, unknown> = {},
  status = 200,
): Promise<HttpResponse> {
  const html = await request.app.templates.renderToString(template, {
    request,
    user: request.user,
    room: request.room,
    csrf_token: csrfToken(request.session),
    ...context,
  });
  return new HttpResponse(html, status);
}
