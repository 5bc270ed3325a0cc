import type { MiddlewareHandler } from "hono";
import { problemFor } from "./problem-response.js";

/** How much of an oversized body is read and thrown away so that its sender reads the 413. */
interface DrainBound {
  bytes: number;
  milliseconds: number;
}

/**
 * Past the limit, up to 8 MiB more are read within 5 s and discarded: a sender still writing
 * when the answer goes out would otherwise meet a closed connection (a reset that can wipe the
 * 413 from its receive buffer) or a kept-alive connection the server then drops.
 */
const defaultDrain: DrainBound = { bytes: 8 * 1024 * 1024, milliseconds: 5000 };

/** Reads a body to its end and throws it away; false when the bound ran out first. */
async function discard(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  bound: DrainBound,
): Promise<boolean> {
  let left = bound.bytes;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), bound.milliseconds);
  });
  try {
    for (;;) {
      const read = await Promise.race([reader.read(), deadline]);
      if (read === "late") return false;
      if (read.done) return true;
      left -= read.value.byteLength;
      if (left < 0) return false;
    }
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
}

/**
 * A 413 problem once the sender is done: the rest of the body is drained first (within the
 * bound), so the connection stays usable; past the bound the answer says `Connection: close`,
 * so no client sends its next request on a connection that is about to end.
 */
async function tooLarge(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  bound: DrainBound,
): Promise<Response> {
  const drained = await discard(reader, bound);
  const response = problemFor("payload-too-large");
  if (!drained) response.headers.set("connection", "close");
  return response;
}

/**
 * Limits a request body to `maxSize` bytes, declared (Content-Length) or streamed (chunked),
 * with a 413 problem over it. Unlike hono's `bodyLimit`, which answers while an oversized
 * chunked body is still arriving and leaves it half read, it drains the rest (bounded) first.
 * A body within the limit is buffered and handed on.
 */
export function limitBody(maxSize: number, drain: DrainBound = defaultDrain): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const declared = c.req.raw.headers.get("content-length");
    if (declared !== null && !c.req.raw.headers.has("transfer-encoding")) {
      // The runtime holds a declared body to its length; only the declaration needs checking.
      if (Number(declared) <= maxSize) return next();
      const reader = body.getReader();
      if (Number(declared) - maxSize > drain.bytes) {
        reader.releaseLock();
        const response = problemFor("payload-too-large");
        response.headers.set("connection", "close");
        return response;
      }
      return tooLarge(reader, drain);
    }
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxSize) return tooLarge(reader, drain);
      chunks.push(value);
    }
    const buffered = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      buffered.set(chunk, offset);
      offset += chunk.byteLength;
    }
    c.req.raw = new Request(c.req.raw, { body: buffered });
    return next();
  };
}
