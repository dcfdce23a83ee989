// The demo's one account, created on first start, and signing in with it.

import { login, type App, type Request } from "liveview-node";

export const DEMO_USER = { username: "demo", password: "demo-password" };

let users: App["users"] | null = null;

export async function ensureDemoUser(app: App): Promise<void> {
  users = app.users;
  if (await app.users.getByUsername(DEMO_USER.username)) return;
  // Several processes starting at once may race to create it: whoever loses finds it there.
  await app.users.create(DEMO_USER.username, DEMO_USER.password).catch(async (error) => {
    if (!(await app.users.getByUsername(DEMO_USER.username))) throw error;
  });
}

export async function authenticateAndLogin(request: Request, username: string, password: string): Promise<boolean> {
  const user = await users!.authenticate(username, password);
  if (!user) return false;
  await login(request, user);
  return true;
}
