// Who may call a handler. Hiding a button is not protection: any socket can call any handler by name, so the
// handler itself must refuse. The check reads the user loaded for this very event, so a sign-out in another tab
// counts at once.

import type { User } from "../../auth/user.ts";
import { LiveViewError } from "../../errors.ts";
import type { Consumer } from "../connection/consumer.ts";

/** Whether a signed-in user may do something; may be async (a lookup in the app's own tables). */
export type Permission = (user: User, consumer: Consumer) => boolean | Promise<boolean>;

export interface Access {
  /** Only a signed-in user may call the handler. */
  loginRequired?: boolean;
  /** Only a signed-in user for whom this returns true (implies `loginRequired`). */
  permission?: Permission;
}

export const LOGIN_REQUIRED_MESSAGE = "you need to be signed in to do this; sign in and try again";
export const PERMISSION_DENIED_MESSAGE = "you do not have permission to do this; sign in as a user who has it";

/**
 * Throws a `permission_denied` LiveViewError unless this event's user passes `access`. Handlers registered with
 * access options call it for you; call it yourself in middleware or for a check that depends on the content.
 */
export async function authorize(consumer: Consumer, access: Access): Promise<void> {
  const user = consumer.scope.user;
  if (!access.loginRequired && !access.permission) return;
  if (!user.isAuthenticated) throw new LiveViewError("permission_denied", LOGIN_REQUIRED_MESSAGE);
  if (access.permission && (await access.permission(user, consumer)) !== true) {
    throw new LiveViewError("permission_denied", PERMISSION_DENIED_MESSAGE);
  }
}
