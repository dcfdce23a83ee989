// Who is on the shared board now: each socket showing the board tracks itself in the topic `board`, and every join
// and leave, from any process, renders the list again for each of the board's sockets.

import {
  listPresence,
  renderToString,
  send,
  track,
  untrack,
  type AnyUser,
  type Consumer,
  type PresenceEntries,
  type Session,
} from "liveview-node";

export const BOARD_TOPIC = "board";
/** Characters of a socket's id that name a guest ("Guest 3f2a"). */
const GUEST_ID_CHARS = 4;

/** The name a socket is shown under: the account's, else the name this browser adds tasks under, else a guest's. */
export function presenceName(session: Session, user: AnyUser, socketId: string): string {
  if (user.isAuthenticated) return user.username;
  return session.get("board_author", "") || `Guest ${socketId.slice(0, GUEST_ID_CHARS)}`;
}

/** The names to show, each once and sorted; the viewer's own socket (if any) is "you", not one of the others. */
export function whoIsHere(entries: PresenceEntries, self?: string): { you: string | null; others: string[] } {
  const others = Object.entries(entries)
    .filter(([key]) => key !== self)
    .map(([, meta]) => String(meta.name));
  const you = self && entries[self] ? String(entries[self].name) : null;
  return { you, others: [...new Set(others)].sort() };
}

async function sendWhoIsHere(consumer: Consumer): Promise<void> {
  const people = whoIsHere(await listPresence(consumer, BOARD_TOPIC), consumer.id);
  await send(consumer, { target: "#board-people", html: await renderToString("board_people.html", people) });
}

/** Shows this socket on the board (again, with a new name, if it is already there). */
export async function trackOnBoard(consumer: Consumer): Promise<void> {
  const { session, user } = consumer.scope;
  const name = presenceName(session, user, consumer.id);
  await track(consumer, BOARD_TOPIC, { name }, () => sendWhoIsHere(consumer));
}

export const untrackFromBoard = (consumer: Consumer) => untrack(consumer, BOARD_TOPIC);
