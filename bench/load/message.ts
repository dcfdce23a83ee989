// The bytes a load socket sends (django-liveview's message shape), and how a received frame is classified.

import type { Visit } from "../http-session.ts";
import type { ReplyMode } from "../ipc.ts";
import { clickFrame, isClickReply } from "./phoenix.ts";

export const FUNCTION_NAME = "increment_counter";
/** The same button on the LiveViewJS peer's counter. */
const PHOENIX_EVENT = "increment";
/** In "ack" mode every message carries this id; one request is in flight per socket, so it never needs to change. */
export const MESSAGE_ID = 1;

/** The frame a socket in `room` sends, encoded once and sent as a text frame again and again. */
export function messageFor(room: string, reply: ReplyMode, visit?: Visit): Buffer {
  if (reply === "phoenix") return clickFrame(visit!.phoenix!.topic, PHOENIX_EVENT);
  const message = {
    function: FUNCTION_NAME,
    data: {},
    form: {},
    lang: "en",
    room,
    ...(reply === "ack" ? { id: MESSAGE_ID } : {}),
  };
  return Buffer.from(JSON.stringify(message));
}

const ACK = Buffer.from(JSON.stringify({ ack: MESSAGE_ID }));
/** How a message ends when the ack rides on it (the server splices it in as the last key). */
const ACK_SUFFIX = Buffer.from(`,"ack":${JSON.stringify(MESSAGE_ID)}}`);
const ERROR_PREFIX = Buffer.from('{"error"');

function startsWith(data: Buffer, prefix: Buffer): boolean {
  return data.length >= prefix.length && data.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}

function endsWith(data: Buffer, suffix: Buffer): boolean {
  return data.length >= suffix.length && data.compare(suffix, 0, suffix.length, data.length - suffix.length) === 0;
}

/**
 * Whether a frame answers the request in flight. "next": every frame does. "ack": only the server's
 * acknowledgement, a frame of its own or the last key of the call's last message; anything before it (the
 * handler's HTML, another socket's push, an error) is not the reply.
 */
export function isReply(data: Buffer, reply: ReplyMode): boolean {
  if (reply === "phoenix") return isClickReply(data);
  return reply === "next" || (data.length === ACK.length && data.equals(ACK)) || endsWith(data, ACK_SUFFIX);
}

export function isError(data: Buffer): boolean {
  return startsWith(data, ERROR_PREFIX);
}
