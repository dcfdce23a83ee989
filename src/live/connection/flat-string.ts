// A copy of a string that keeps nothing else alive, for the few strings a socket holds for its whole life.

/**
 * V8 keeps a slice of a string as a view into the whole (a room id cut from the upgrade's URL keeps the URL), and a
 * concatenation as its two pieces; held for a socket's life, either keeps more than its characters. Copied through
 * a Buffer, it is one flat string of its own.
 */
export function flatString(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}
