// The page's room id: <html data-room>, or a random hex id written there when the page has none.

import { HEX_BYTE_WIDTH, HEX_RADIX } from "./constants";
import { ROOM_ID_BYTES } from "../../src/protocol.ts";

export function room(): string {
  const html = document.documentElement;
  return (html.dataset.room ||= randomHex());
}

export function randomHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(ROOM_ID_BYTES));
  return Array.from(bytes, (b) => b.toString(HEX_RADIX).padStart(HEX_BYTE_WIDTH, "0")).join("");
}
